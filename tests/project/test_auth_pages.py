"""Login, logout, password reset, lockout after repeated failures, and the 403/404 pages."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_login_page_links_to_password_reset(client):
    page = client.get(reverse("login")).content.decode()
    assert reverse("password_reset") in page


def test_login_with_the_right_password(client, settings):
    settings.AXES_ENABLED = True
    UserFactory(username="amira")
    response = client.post(reverse("login"), {"username": "amira", "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_five_failures_lock_the_account_even_with_the_right_password(client, settings):
    settings.AXES_ENABLED = True
    UserFactory(username="amira")
    for _ in range(5):
        client.post(reverse("login"), {"username": "amira", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "amira", "password": "correct-horse-battery"})
    assert response.status_code == 429
    assert b"Too many failed logins" in response.content
    assert "_auth_user_id" not in client.session


def test_logout_shows_the_logged_out_page(client):
    client.force_login(UserFactory())
    response = client.post(reverse("logout"))
    assert response.status_code in (200, 302)


def test_password_reset_mails_a_link(client, mailoutbox):
    UserFactory(username="amira", email="amira@example.org")
    response = client.post(reverse("password_reset"), {"email": "amira@example.org"})
    assert response.status_code == 302
    assert mailoutbox[0].subject == "Reset your Concord password"
    assert "/accounts/reset/" in mailoutbox[0].body


def test_unknown_pages_get_the_404_page(client, settings):
    settings.DEBUG = False
    response = client.get("/workspace/programs/999999/", follow=True)
    assert b"Log in" in response.content
    client.force_login(UserFactory())
    response = client.get("/workspace/programs/999999/")
    assert response.status_code == 404 and b"Page not found" in response.content


def test_the_admin_login_still_works_with_axes(client, settings):
    settings.AXES_ENABLED = True
    UserFactory(username="boss", is_staff=True, is_superuser=True)
    response = client.post(
        reverse("admin:login"), {"username": "boss", "password": "correct-horse-battery", "next": "/admin/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
