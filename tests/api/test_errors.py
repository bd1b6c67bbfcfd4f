"""Every API error comes in one JSON shape with a message a client can act on."""

import pytest
from rest_framework.throttling import SimpleRateThrottle

from tests.api.conftest import token_client
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"} and body["error"]["status"] == status
    assert body["error"]["message"] and body["error"]["code"]
    return body["error"]


def test_a_bad_date_names_the_parameter(anon):
    error = error_of(anon.get(f"{API}/milestones/?due_after=2024-02-30"), 400)
    assert error["fields"] == {"due_after": ["Enter a valid date."]}
    assert error["message"] == "due_after: Enter a valid date."


def test_an_unknown_dyad_says_so(anon, dyad):
    error = error_of(anon.get(f"{API}/programs/?dyad=xx-yy"), 400)
    assert "Unknown dyad 'xx-yy'" in error["fields"]["dyad"][0]


def test_an_unknown_state_code_says_so(anon):
    error = error_of(anon.get(f"{API}/dyads/?state=zz"), 400)
    assert "Unknown state code 'ZZ'" in error["message"]


def test_a_bad_choice_lists_the_problem(anon):
    error = error_of(anon.get(f"{API}/programs/?domain=sports"), 400)
    assert "sports" in error["fields"]["domain"][0]


def test_unknown_query_parameters_are_rejected_and_listed(anon):
    error = error_of(anon.get(f"{API}/programs/?stauts=active&colour=red"), 400)
    assert error["code"] == "unknown_parameter"
    assert set(error["fields"]) == {"stauts", "colour"} and "status" in error["fields"]["stauts"][0]
    assert "colour" in error["message"] and "stauts" in error["message"]


def test_detail_endpoints_reject_list_filters(anon, program):
    error_of(anon.get(f"{API}/programs/{program.id}/?dyad=ir-sa"), 400)


def test_an_unknown_sort_key_is_rejected(anon):
    error = error_of(anon.get(f"{API}/programs/?ordering=-budget"), 400)
    assert "budget" in error["fields"]["ordering"][0] and "start_date" in error["fields"]["ordering"][0]


def test_several_problems_are_all_listed(anon):
    error = error_of(anon.get(f"{API}/milestones/?due_after=x&due_before=y"), 400)
    assert set(error["fields"]) == {"due_after", "due_before"} and "1 more problem" in error["message"]


@pytest.mark.parametrize("size", ["0", "abc", "201", "-1"])
def test_a_bad_page_size_is_refused(anon, size):
    error = error_of(anon.get(f"{API}/programs/?page_size={size}"), 400)
    assert error["fields"] == {"page_size": ["Give a whole number from 1 to 200."]}


def test_missing_records_and_urls_are_404s(anon):
    assert error_of(anon.get(f"{API}/programs/999999/"), 404)["code"] == "not_found"
    assert "/api/v1/nothing-here/" in error_of(anon.get(f"{API}/nothing-here/"), 404)["message"]


def test_anonymous_writes_are_401_with_a_token_challenge(anon):
    response = anon.post(f"{API}/programs/", {}, format="json")
    assert error_of(response, 401)["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == "Token"


def test_a_bad_token_is_401(anon):
    anon.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert error_of(anon.get(f"{API}/programs/"), 401)["code"] == "authentication_failed"


def test_an_unsupported_method_is_405(anon, dyad):
    client = token_client(UserFactory())
    assert error_of(client.delete(f"{API}/dyads/ir-sa/"), 405)["code"] == "method_not_allowed"


def test_anonymous_clients_are_throttled_per_ip_with_retry_after(anon, monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": "100/minute"})
    assert anon.get(f"{API}/states/").status_code == 200
    assert anon.get(f"{API}/states/").status_code == 200
    response = anon.get(f"{API}/states/")
    assert error_of(response, 429)["code"] == "throttled" and int(response["Retry-After"]) > 0
    other_ip = anon.get(f"{API}/states/", REMOTE_ADDR="10.1.2.3")
    assert other_ip.status_code == 200


def test_users_are_throttled_per_user(monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "100/minute", "user": "1/minute"})
    first, second = token_client(UserFactory()), token_client(UserFactory())
    assert first.get(f"{API}/states/").status_code == 200
    error_of(first.get(f"{API}/states/"), 429)
    assert second.get(f"{API}/states/").status_code == 200
