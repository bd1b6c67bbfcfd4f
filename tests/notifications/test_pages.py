"""A user's notifications in the site: the list, the unread count, opening one, preferences."""

import pytest
from django.urls import reverse

from notifications.models import Kind, Notification, NotificationPreference
from tests.people import staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return staff("IR")


def test_the_header_counts_unread_notifications(client, user):
    Notification.objects.create(user=user, kind=Kind.CANCELLATION, text="Saudi Arabia proposes cancelling X.")
    Notification.objects.create(user=user, kind=Kind.CANCELLATION, text="Read already.", read_at="2026-01-01T00:00Z")
    client.force_login(user)
    page = client.get(reverse("workspace:programs")).content.decode()
    assert '<span class="badge due-soon">1<span class="visually-hidden"> unread</span></span>' in page


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(client, user):
    note = Notification.objects.create(user=user, kind=Kind.RETURN, text="Returned.", link="/workspace/programs/")
    client.force_login(user)
    response = client.get(reverse("notifications:open", args=[note.pk]))
    note.refresh_from_db()
    assert response["Location"] == "/workspace/programs/" and note.read_at is not None


def test_a_link_to_another_site_is_never_followed(client, user):
    note = Notification.objects.create(user=user, kind=Kind.RETURN, text="x", link="https://evil.example/")
    client.force_login(user)
    assert client.get(reverse("notifications:open", args=[note.pk]))["Location"] == reverse("notifications:list")


def test_someone_elses_notification_is_a_404(client, user):
    note = Notification.objects.create(user=staff("SA"), kind=Kind.RETURN, text="Not yours.")
    client.force_login(user)
    assert client.get(reverse("notifications:open", args=[note.pk])).status_code == 404
    assert "Not yours." not in client.get(reverse("notifications:list")).content.decode()


def test_mark_all_read(client, user):
    Notification.objects.create(user=user, kind=Kind.RETURN, text="One.")
    client.force_login(user)
    client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(user=user).unread().exists()


def test_preferences_are_saved_per_kind_and_channel(client, user):
    client.force_login(user)
    page = client.get(reverse("notifications:preferences"))
    assert page.context["form"]["publication_by_email"].value() is False  # the default: publications in the site only
    data = {f"{kind}_in_site": "on" for kind in Kind} | {"cancellation_by_email": "on"}
    client.post(reverse("notifications:preferences"), data)
    stored = {p.kind: (p.in_site, p.by_email) for p in NotificationPreference.objects.filter(user=user)}
    assert stored[Kind.CANCELLATION] == (True, True) and stored[Kind.RETURN] == (True, False)
