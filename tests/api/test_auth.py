"""Getting a token, and using a token or a session."""

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.throttling import SimpleRateThrottle

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"


def test_a_client_exchanges_username_and_password_for_a_token(anon):
    user = UserFactory(username="analyst")
    response = anon.post(f"{API}/auth/token/", {"username": "analyst", "password": "correct-horse-battery"})
    assert response.status_code == 200
    assert response.json()["token"] == Token.objects.get(user=user).key


def test_a_wrong_password_gets_no_token(anon):
    UserFactory(username="analyst")
    response = anon.post(f"{API}/auth/token/", {"username": "analyst", "password": "guess"}, format="json")
    assert response.status_code == 400
    assert "Unable to log in" in response.json()["error"]["message"]
    assert not Token.objects.exists()


def test_the_token_endpoint_is_throttled_against_password_guessing(anon, monkeypatch):
    rates = {"anon": "100/minute", "user": "100/minute", "token": "2/minute"}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)
    for _ in range(2):
        anon.post(f"{API}/auth/token/", {"username": "x", "password": "y"})
    assert anon.post(f"{API}/auth/token/", {"username": "x", "password": "y"}).status_code == 429


def test_a_token_authenticates_requests(anon):
    user = UserFactory()
    token = Token.objects.create(user=user)
    anon.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert anon.get(f"{API}/programs/").status_code == 200


def test_the_drf_create_token_command_makes_a_token(capsys):
    UserFactory(username="robot")
    call_command("drf_create_token", "robot")
    assert Token.objects.get(user__username="robot").key in capsys.readouterr().out


def test_a_browser_session_authenticates_too(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(f"{API}/programs/", {}, content_type="application/json")
    assert response.status_code != 401


def test_the_token_endpoint_counts_failed_logins_towards_the_axes_lockout(anon, settings):
    settings.AXES_ENABLED = True
    UserFactory(username="analyst")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        anon.post(f"{API}/auth/token/", {"username": "analyst", "password": "guess"})
    locked = anon.post(f"{API}/auth/token/", {"username": "analyst", "password": "correct-horse-battery"})
    assert locked.status_code == 429 and locked.json()["error"]["code"] == "locked_out"
    assert not Token.objects.exists()


def test_the_token_endpoint_works_with_axes_enabled(anon, settings):
    settings.AXES_ENABLED = True
    UserFactory(username="analyst")
    response = anon.post(f"{API}/auth/token/", {"username": "analyst", "password": "correct-horse-battery"})
    assert response.status_code == 200 and response.json()["token"]
