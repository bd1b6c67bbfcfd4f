"""A password change or reset revokes the user's API tokens and ends their other sessions."""

import re

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
OLD, NEW = "correct-horse-battery", "a-new-long-passphrase-42"


@pytest.fixture
def user():
    return UserFactory(username="ir-affairs", email="ir@example.org")


def token_works(token: Token) -> bool:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client.get("/api/v1/programs/?page_size=1").status_code == 200


def signed_in(client: Client) -> bool:
    return client.get("/workspace/programs/").status_code == 200


def test_changing_the_password_revokes_tokens_and_ends_other_sessions(user):
    token = Token.objects.create(user=user)
    here, elsewhere = Client(), Client()
    here.force_login(user)
    elsewhere.force_login(user)
    response = here.post(
        "/accounts/password_change/", {"old_password": OLD, "new_password1": NEW, "new_password2": NEW}
    )
    assert response.status_code == 302
    assert not Token.objects.filter(user=user).exists() and not token_works(token)
    assert signed_in(here) and not signed_in(elsewhere)


def test_resetting_the_password_revokes_tokens_and_ends_every_session(user, mailoutbox):
    token = Token.objects.create(user=user)
    session = Client()
    session.force_login(user)
    anonymous = Client()
    anonymous.post("/accounts/password_reset/", {"email": user.email})
    link = re.search(r"/accounts/reset/\S+/", mailoutbox[0].body)[0]
    form_url = anonymous.get(link)["Location"]
    response = anonymous.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302
    assert not token_works(token) and not signed_in(session)


def test_the_password_forms_say_so(client, user):
    client.force_login(user)
    page = client.get("/accounts/password_change/").content.decode()
    assert "signs you out everywhere else and revokes your API tokens" in page
