"""The README's API examples point at endpoints that exist and answer."""

import re
import sys
import textwrap
import types
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from core.api.base import SnapshotCursorPagination
from tests.factories import IndexSnapshotFactory, UserFactory

pytestmark = pytest.mark.django_db

README = Path(settings.BASE_DIR) / "README.md"


def readme_api_urls() -> set[str]:
    return {
        m.removeprefix("http://127.0.0.1:8000")
        for m in re.findall(r"http://127\.0\.0\.1:8000/api/v1/[^\s\"'>]*", README.read_text())
    }


def test_the_readme_shows_api_examples():
    assert "/api/v1/dyads/ir-sa/index/history/?as_of_after=2023-01-01" in readme_api_urls()
    assert "/api/v1/auth/token/" in readme_api_urls()


def test_every_api_url_in_the_readme_answers(anon, dyad):
    IndexSnapshotFactory(dyad=dyad)
    UserFactory(username="coordinator", password="concord-demo")
    for url in readme_api_urls():
        if url.endswith("/auth/token/"):
            response = anon.post(url, {"username": "coordinator", "password": "concord-demo"})
        else:
            response = anon.get(url)
        assert response.status_code == 200, (url, response.content[:200])


def python_example() -> str:
    section = README.read_text().split("With Python `requests`", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines()[1:] if line.startswith("    ") or not line.strip()]
    return textwrap.dedent("\n".join(lines).strip("\n"))


def test_the_readme_python_example_sweeps_the_history_pages(anon, dyad, capsys, monkeypatch):
    monkeypatch.setattr(SnapshotCursorPagination, "page_size", 5)  # three pages
    for month in range(1, 13):
        IndexSnapshotFactory(dyad=dyad, as_of=date(2024, month, 28), value=month)
    fake_requests = types.ModuleType("requests")
    fake_requests.get = lambda url, timeout: anon.get(url)  # type: ignore[attr-defined]
    sys.modules["requests"], saved = fake_requests, sys.modules.get("requests")
    try:
        exec(python_example(), {})
    finally:
        sys.modules["requests"] = saved  # type: ignore[assignment]
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == 12 and printed[0] == "2024-01-28 1.0 0.5389"
