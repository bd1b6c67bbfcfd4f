# Front-end assets from the npm registry (package-lock.json): the small plotly.js bundle.
FROM node:20-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY assets/ assets/
RUN npm run build

FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
# gettext compiles the translation catalogues (locale/*/LC_MESSAGES/django.po -> .mo).
RUN apt-get update && apt-get install -y --no-install-recommends gettext && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
COPY --from=assets /app/static/vendor/plotly/ static/vendor/plotly/
RUN DJANGO_SETTINGS_MODULE=trackerproj.settings python manage.py compilemessages -v0 \
 && DJANGO_SETTINGS_MODULE=trackerproj.settings python manage.py collectstatic --noinput
RUN useradd --create-home concord && mkdir -p /app/media && chown concord /app/media
USER concord
EXPOSE 8000
