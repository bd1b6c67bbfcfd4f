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
# Catalogues compiled, static files collected for the production storage (hashed names + manifest):
# with any other settings the manifest is missing and every page answers 500. No real key or host needed.
RUN DJANGO_SETTINGS_MODULE=trackerproj.settings python manage.py compilemessages -v0 \
 && DJANGO_SETTINGS_MODULE=trackerproj.settings.production SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput
RUN useradd --create-home concord && mkdir -p /app/media && chown concord /app/media
USER concord
EXPOSE 8000
