"""Real services that a test starts, breaks and stops itself: a Redis server and Celery workers.

Each is a process of the test's own (its own port, its own session), never
the shared Redis on 6379: pausing or stopping that one would break everyone
else. Tests skip with a reason where redis-server or PostgreSQL is missing.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition: Callable[[], object], *, timeout: float, what: str, every: float = 0.1):
    """`condition()`'s first truthy value, polling until `timeout` seconds have passed."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(every)


def require_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the worker processes share the test database")


def database_url() -> str:
    """The test database, as a URL for the processes a test starts."""
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class RedisServer:
    """A redis-server of the test's own on a free port: pause, resume, stop and start it again."""

    def __init__(self) -> None:
        if not shutil.which("redis-server"):
            pytest.skip("needs redis-server (apt-get install redis-server) to break a Redis of its own")
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.start()

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(self.answers, timeout=10, what=f"redis-server on port {self.port}")

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
                conn.settimeout(0.5)
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def pause(self) -> None:
        """Freeze it: connections are accepted by the kernel, but nothing answers."""
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGCONT)

    def stop(self) -> None:
        """Kill it; started again, it is empty (no persistence), as after a crash."""
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGCONT)
            self.process.kill()
            self.process.wait(timeout=10)

    def close(self) -> None:
        self.stop()


class Worker:
    """`celery -A trackerproj worker` in a session of its own, so it can be killed whole."""

    def __init__(self, env: dict[str, str], log: Path, *, name: str) -> None:
        command = [
            str(VENV_BIN / "celery"), "-A", "trackerproj", "worker", "--loglevel=INFO", "--concurrency=1",
            "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"{name}@%h",
        ]  # fmt: skip
        self.log = log
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True
        )

    def ready(self) -> bool:
        return b" ready." in self.log.read_bytes()

    def kill(self) -> None:
        """SIGKILL the worker and its pool processes at once, as a crash or the OOM killer would."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def app_env(**overrides: str) -> dict[str, str]:
    """The environment for a process of the app: the test database, our settings, no inherited URLs."""
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CACHE_URL", "DEBUG", "PYTEST_ADDOPTS"}}
    env.update(DJANGO_SETTINGS_MODULE="trackerproj.settings", DATABASE_URL=database_url(), PYTHONUNBUFFERED="1")
    env.update(overrides)
    return env
