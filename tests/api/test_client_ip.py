"""One rule for who is asking: X-Forwarded-For counts only behind NUM_PROXIES trusted proxies.

Without a proxy (the default) a client sending a new X-Forwarded-For on
every request is still one client to the throttles and to django-axes.
"""

import itertools

import pytest
from django.test import RequestFactory
from rest_framework.throttling import SimpleRateThrottle

from core.clientip import client_ip
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"
FORGED = (f"203.0.113.{n}" for n in itertools.count(1))


def rest_framework_with(settings, **changes) -> None:
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, **changes}  # DRF reloads its settings on change


def test_without_a_proxy_a_forged_forwarded_for_is_ignored():
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_ip(request) == "198.51.100.7"


def test_behind_one_proxy_the_address_it_appended_counts(settings):
    rest_framework_with(settings, NUM_PROXIES=1)
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7")
    assert client_ip(request) == "198.51.100.7"  # the client's own claim (203.0.113.9) is not trusted


def test_anonymous_throttle_holds_whatever_forwarded_for_says(anon, monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "100/minute"})
    statuses = [anon.get(f"{API}/states/", HTTP_X_FORWARDED_FOR=next(FORGED)).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]


def test_token_logins_are_throttled_whatever_forwarded_for_says(anon, monkeypatch):
    rates = {"anon": "100/minute", "user": "100/minute", "token": "2/minute"}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)
    statuses = [
        anon.post(f"{API}/auth/token/", {"username": "x", "password": "y"}, HTTP_X_FORWARDED_FOR=next(FORGED))
        for _ in range(3)
    ]
    assert [s.status_code for s in statuses] == [400, 400, 429]


def test_the_axes_lockout_holds_whatever_forwarded_for_says(anon, settings):
    settings.AXES_ENABLED = True
    UserFactory(username="analyst")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        anon.post(f"{API}/auth/token/", {"username": "analyst", "password": "guess"}, HTTP_X_FORWARDED_FOR=next(FORGED))
    locked = anon.post(
        f"{API}/auth/token/",
        {"username": "analyst", "password": "correct-horse-battery"},
        HTTP_X_FORWARDED_FOR=next(FORGED),
    )
    assert locked.status_code == 429 and locked.json()["error"]["code"] == "locked_out"


def test_behind_a_proxy_the_throttles_tell_clients_apart_by_the_address_it_appended(anon, settings, monkeypatch):
    rest_framework_with(settings, NUM_PROXIES=1)
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "1/minute", "user": "100/minute"})
    first = anon.get(f"{API}/states/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    second = anon.get(f"{API}/states/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.8")
    again = anon.get(f"{API}/states/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert (first.status_code, second.status_code, again.status_code) == (200, 200, 429)


def test_behind_a_proxy_axes_locks_out_the_client_the_proxy_named(anon, settings):
    rest_framework_with(settings, NUM_PROXIES=1)
    settings.AXES_ENABLED = True
    UserFactory(username="analyst")
    via_proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        anon.post(
            f"{API}/auth/token/",
            {"username": "analyst", "password": "guess"},
            HTTP_X_FORWARDED_FOR="198.51.100.7",
            **via_proxy,
        )
    good = {"username": "analyst", "password": "correct-horse-battery"}
    guesser = anon.post(f"{API}/auth/token/", good, HTTP_X_FORWARDED_FOR="198.51.100.7", **via_proxy)
    colleague = anon.post(f"{API}/auth/token/", good, HTTP_X_FORWARDED_FOR="198.51.100.8", **via_proxy)
    assert (guesser.status_code, colleague.status_code) == (429, 200)
