"""Fixtures of the API tests: clients per role, and throttles that never leak between tests."""

import uuid

import pytest
from django.core.cache.backends.locmem import LocMemCache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle


@pytest.fixture(autouse=True)
def fresh_throttle_history(monkeypatch):
    """Each test counts requests from zero, in its own cache (never the shared one).

    LocMemCache instances with one name share their storage, so the name must never repeat
    (an id() can: objects of finished tests are freed and their ids reused)."""
    monkeypatch.setattr(SimpleRateThrottle, "cache", LocMemCache(f"throttle-{uuid.uuid4()}", {}))


@pytest.fixture
def anon():
    return APIClient()


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]
