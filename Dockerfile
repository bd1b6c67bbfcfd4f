FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
# Collected for the production storage (hashed names + manifest): with any other settings the
# manifest is missing and every page answers 500. The build needs no real key or host.
RUN DJANGO_SETTINGS_MODULE=trackerproj.settings.production SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput
RUN useradd --create-home concord && mkdir -p /app/media && chown concord /app/media
USER concord
EXPOSE 8000
