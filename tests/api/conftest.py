"""Fixtures of the API tests: clients per role, and throttles that never leak between tests."""

import pytest
from django.core.cache.backends.locmem import LocMemCache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from programs.choices import Role
from tests.factories import EvaluationOrganisationFactory, MinistryFactory, ProfileFactory, state


@pytest.fixture(autouse=True)
def fresh_throttle_history(monkeypatch):
    """Each test counts requests from zero, in its own cache (never the shared one)."""
    monkeypatch.setattr(SimpleRateThrottle, "cache", LocMemCache(f"throttle-{id(monkeypatch)}", {}))


@pytest.fixture
def anon():
    return APIClient()


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def staff_user(code: str):
    return ProfileFactory(role=Role.MINISTRY_STAFF, ministry=MinistryFactory(state=state(code))).user


def evaluator_user(country: str | None = "NO"):
    org = EvaluationOrganisationFactory(country=state(country) if country else None)
    return ProfileFactory(role=Role.EVALUATOR, ministry=None, organisation=org).user


def coordinator_user(*dyads, is_global=False):
    profile = ProfileFactory(role=Role.COORDINATOR, ministry=None, is_global=is_global)
    profile.coordinated_dyads.add(*dyads)
    return profile.user


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]
