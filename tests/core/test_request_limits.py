"""Oversized uploads are refused before they are read or stored, and every API error is JSON."""

import io

import pytest
from django.test import Client, RequestFactory
from django.test.client import ClientHandler
from django.urls import reverse
from rest_framework.test import APIClient

from tests.api.conftest import token_client
from tests.factories import MilestoneFactory
from tests.people import staff
from trustindex import selectors

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n"


class CountingInput(io.BytesIO):
    """A request body that counts what the server reads of it."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.read_bytes = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.read_bytes += len(chunk)
        return chunk

    def readline(self, size=-1):
        line = super().readline(size)
        self.read_bytes += len(line)
        return line


def call(environ) -> tuple[int, bytes]:
    """The site's answer to a raw WSGI request (CSRF checks off, as in the test client)."""
    response = ClientHandler(enforce_csrf_checks=False)(environ)
    return response.status_code, response.content  # type: ignore[attr-defined]


def upload_request(path: str, user, file_bytes: bytes, *, claimed_length: int | None = None):
    """A multipart POST of `file_bytes` as the evidence document, by `user`'s session."""
    client = Client()
    client.force_login(user)
    request = RequestFactory().post(
        path,
        {"status": "achieved", "achieved_date": "2025-03-30", "evidence_document": io.BytesIO(file_bytes)},
    )
    environ = request.environ
    body = environ["wsgi.input"].read()
    environ["wsgi.input"] = CountingInput(body)
    environ["CONTENT_LENGTH"] = str(claimed_length if claimed_length is not None else len(body))
    environ["HTTP_COOKIE"] = "; ".join(f"{k}={v.value}" for k, v in client.cookies.items())
    return environ


def test_a_body_over_the_limit_is_refused_by_its_length_before_a_byte_is_read(program, settings):
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    milestone = MilestoneFactory(program=program)
    path = reverse("workspace:milestone_update", args=[milestone.pk])
    environ = upload_request(path, staff("SA"), PDF + b"x" * 1000, claimed_length=60 * 1024 * 1024)
    status, body = call(environ)
    assert status == 413 and b"too large" in body
    assert environ["wsgi.input"].read_bytes == 0


def test_a_file_over_the_limit_is_cut_while_it_streams_in(program, settings):
    settings.UPLOAD_MAX_BYTES = 200 * 1024  # the body (300 KB) fits the request limit, the file does not
    milestone = MilestoneFactory(program=program)
    path = reverse("workspace:milestone_update", args=[milestone.pk])
    environ = upload_request(path, staff("SA"), PDF + b"x" * 300 * 1024)
    status, _ = call(environ)
    assert status == 413
    assert environ["wsgi.input"].read_bytes < 300 * 1024  # stopped part-way, nothing stored
    milestone.refresh_from_db()
    assert not milestone.evidence_document


def test_an_api_upload_over_the_limit_is_a_413_in_the_error_shape(program, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    milestone = MilestoneFactory(program=program)
    response = token_client(staff("SA")).post(
        f"/api/v1/milestones/{milestone.pk}/status/",
        {"status": "achieved", "achieved_date": "2025-03-30", "evidence_document": io.BytesIO(PDF + b"x" * 4096)},
        format="multipart",
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large" and "too large" in response.json()["error"]["message"]


def test_an_api_json_body_over_the_limit_is_refused_by_its_length(program):
    response = APIClient().generic(
        "POST", "/api/v1/programs/", b"{}", content_type="application/json", CONTENT_LENGTH=str(60 * 1024 * 1024)
    )
    assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"


def test_an_unexpected_api_error_is_a_500_in_the_error_shape(dyad, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the disk is on fire")

    monkeypatch.setattr(selectors, "current_snapshot", broken)
    client = APIClient(raise_request_exception=False)
    response = client.get("/api/v1/dyads/ir-sa/index/")
    assert response.status_code == 500 and response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert error["code"] == "server_error" and "fire" not in error["message"]


def test_an_unexpected_page_error_is_a_plain_500_page(client, dyad, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the disk is on fire")

    monkeypatch.setattr("dashboards.pages.dyad", broken)
    client.raise_request_exception = False
    response = client.get(dyad.get_absolute_url())
    assert response.status_code == 500 and b"Server error" in response.content and b"fire" not in response.content
