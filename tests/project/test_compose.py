"""docker-compose.yml and the Procfile are checked, not run (no Docker engine on our machines)."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def procfile() -> dict[str, str]:
    lines = (ROOT / "Procfile").read_text().splitlines()
    return dict(line.split(": ", 1) for line in lines if line and not line.startswith("#"))


def without_variables(command: str) -> str:
    """A Procfile command with its ${VAR:-default} parts and --schedule dropped, for comparison."""
    command = re.sub(r" --schedule \S+", "", command)
    return re.sub(r" --(bind|workers) \S+", "", command)


def test_compose_defines_the_five_services_each_with_a_healthcheck():
    services = compose()["services"]
    assert set(services) == {"db", "redis", "web", "worker", "beat"}
    for name, service in services.items():
        assert "healthcheck" in service, name


def test_app_services_use_postgres_and_redis_from_the_environment():
    for name in ("web", "worker", "beat"):
        env = compose()["services"][name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["REDIS_URL"].startswith("redis://")
        assert env["DJANGO_SETTINGS_MODULE"] == "trackerproj.settings.production"


def test_service_commands_are_the_ones_the_readme_documents():
    readme = (ROOT / "README.md").read_text()
    services = compose()["services"]
    for name in ("worker", "beat"):
        command = re.sub(r" --schedule \S+", "", services[name]["command"])
        assert command in readme, f"{name}: {command!r} not in README"
    assert "gunicorn trackerproj.wsgi:application" in services["web"]["command"]
    assert "gunicorn trackerproj.wsgi:application" in readme
    assert "python manage.py migrate --noinput" in services["web"]["command"]


def test_compose_runs_the_commands_of_the_procfile():
    services, processes = compose()["services"], procfile()
    assert set(processes) == {"web", "worker", "beat"}
    for name, command in processes.items():
        compose_command = services[name]["command"].split(" && ")[-1].removesuffix('"')
        assert without_variables(command) == without_variables(compose_command), name


def test_the_image_collects_static_files_for_the_production_storage():
    # Production serves hashed names from a manifest; collected with other settings, every page is a 500.
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "DJANGO_SETTINGS_MODULE=trackerproj.settings.production" in dockerfile
    assert "collectstatic --noinput" in dockerfile
