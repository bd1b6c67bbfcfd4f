"""`make prod` starts the production stack, and it works: gunicorn, a Celery worker and beat,
production settings and collected static files, on PostgreSQL and a Redis of the test's own."""

import json
import os
import re
import signal
import subprocess
import urllib.error
import urllib.request

import pytest
from rest_framework.authtoken.models import Token

from tests.factories import MilestoneFactory, ProgramFactory
from tests.people import staff
from tests.services import ROOT, RedisServer, app_env, free_port, require_postgres, wait_for

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def fetch(url: str, *, data: dict | None = None, headers: dict | None = None) -> tuple[int, dict, bytes]:
    body = json.dumps(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def answers(url: str) -> bool:
    try:
        return fetch(url)[0] == 200
    except OSError:
        return False


@pytest.fixture
def production_stack(tmp_path):
    """`make prod` on a free port; stopped (the whole process group) at the end."""
    require_postgres()
    redis = RedisServer()
    port = free_port()
    env = app_env(
        REDIS_URL=redis.url(0),
        PORT=str(port),
        HOST="127.0.0.1",
        WEB_CONCURRENCY="2",
        SECRET_KEY="a-production-stack-test-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        BEAT_SCHEDULE=str(tmp_path / "celerybeat-schedule"),
        TRUST_INDEX_DEBOUNCE_SECONDS="0.2",
    )
    log = tmp_path / "prod.log"
    make = subprocess.Popen(
        ["make", "prod"], cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: answers(f"{base}/healthz") or make.poll() is not None, timeout=240, what="make prod")
        assert make.poll() is None, log.read_text()[-3000:]
        yield base, log
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGTERM)
            try:
                make.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(make.pid, signal.SIGKILL)
                make.wait(timeout=10)
        redis.close()


def test_make_prod_serves_pages_the_api_and_recomputes_through_its_worker(production_stack):
    program = ProgramFactory()  # committed: the stack shares the test database
    MilestoneFactory(program=program)
    dyad, user = program.dyad, staff(program.dyad.state_a_id)
    base, log = production_stack

    status, headers, body = fetch(f"{base}/")
    assert status == 200 and str(dyad).encode() in body, log.read_text()[-3000:]
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert fetch(f"{base}{dyad.get_absolute_url()}")[0] == 200
    stylesheet = re.search(rb'href="(/static/css/concord\.[0-9a-f]{12}\.css)"', body)  # collectstatic's manifest
    assert stylesheet and fetch(f"{base}{stylesheet.group(1).decode()}")[0] == 200
    status, _, body = fetch(f"{base}/no-such-page/")
    assert status == 404 and b"Traceback" not in body and b"DEBUG" not in body  # DEBUG is off
    health = json.loads(fetch(f"{base}/healthz")[2])
    assert health["status"] == "ok" and health["broker"]["status"] == "ok", health

    index = f"{base}/api/v1/dyads/{dyad.slug}/index/"
    before = json.loads(fetch(index)[2])["computed_at"]
    token = Token.objects.create(user=user).key
    status, _, body = fetch(
        f"{base}/api/v1/milestones/",
        data={"program": program.pk, "title": "Logged on the production stack", "due_date": "2025-06-30"},
        headers={"Authorization": f"Token {token}"},
    )
    assert status == 201, body
    # The web process wrote the request to the outbox; the worker recomputed the index.
    wait_for(lambda: json.loads(fetch(index)[2])["computed_at"] > before, timeout=60, what="the worker's recompute")
    assert "trustindex.tasks.recompute_dyad_index" in log.read_text()
