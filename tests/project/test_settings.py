"""Settings come from the environment: each case boots Django in a fresh process."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES['default']['NAME']), "
    "'broker': s.CELERY_BROKER_URL, 'eager': s.CELERY_TASK_ALWAYS_EAGER, 'debug': s.DEBUG, "
    "'cache': s.CACHES['default']['BACKEND']}))"
)


def boot(settings_module="trackerproj.settings", **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "CACHE_URL", "DEBUG"}}
    clean.update(DJANGO_SETTINGS_MODULE=settings_module, **env)
    return subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True)


def test_default_is_sqlite_with_tasks_run_in_process():
    result = json.loads(boot().stdout)
    assert result["engine"] == "django.db.backends.sqlite3"
    assert result["broker"] == "memory://"
    assert result["eager"] is True


def test_database_and_redis_urls_switch_to_postgres_and_a_redis_broker():
    result = json.loads(
        boot(DATABASE_URL="postgres://u:p@db.example:5432/concord", REDIS_URL="redis://cache.example:6379/0").stdout
    )
    assert result["engine"] == "django.db.backends.postgresql"
    assert result["name"] == "concord"
    assert result["broker"] == "redis://cache.example:6379/0"
    assert result["eager"] is False
    assert result["cache"] == "core.cache.DegradingRedisCache"


def test_production_refuses_to_start_without_a_secret_key():
    result = boot("trackerproj.settings.production", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_with_debug_on():
    result = boot("trackerproj.settings.production", SECRET_KEY="x" * 50, DEBUG="True", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_production_passes_the_deploy_check():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG"}}
    env.update(
        DJANGO_SETTINGS_MODULE="trackerproj.settings.production",
        SECRET_KEY="a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
        ALLOWED_HOSTS="concord.example.org",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
