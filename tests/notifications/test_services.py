"""Notifications are delivered after the change commits, as each user prefers, and never break a save."""

import pytest
from django.db import transaction

from notifications.models import Kind, Notification, NotificationPreference
from notifications.services import notify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_notification_is_stored_and_mailed_once_the_transaction_commits(
    django_capture_on_commit_callbacks, mailoutbox
):
    amira = UserFactory(username="amira")
    with django_capture_on_commit_callbacks() as callbacks:
        notify(recipients=[amira], kind=Kind.RETURN, text="Your evaluation was returned.", link="/workspace/")
        assert not Notification.objects.exists() and not mailoutbox  # nothing before the commit
    for callback in callbacks:
        callback()
    assert Notification.objects.get(user=amira).text == "Your evaluation was returned."
    assert mailoutbox[0].to == ["amira@example.org"]
    assert "http://127.0.0.1:8000/workspace/" in mailoutbox[0].body


def test_a_reason_over_several_lines_still_makes_a_one_line_subject(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[UserFactory()], kind=Kind.RETURN, text="Returned:\n“Rate impact.\nAnd sustainability.”")
    assert mailoutbox[0].subject == "Concord: Returned: “Rate impact. And sustainability.”"


def test_nothing_is_sent_when_the_change_is_rolled_back(django_capture_on_commit_callbacks, mailoutbox):
    amira = UserFactory()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notify(recipients=[amira], kind=Kind.RETURN, text="Returned.")
        transaction.set_rollback(True)
    assert not Notification.objects.exists() and not mailoutbox


def test_the_person_who_acted_and_inactive_users_are_not_told(django_capture_on_commit_callbacks):
    actor, gone, told = UserFactory(), UserFactory(is_active=False), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[actor, gone, told], kind=Kind.SUBMISSION, text="Submitted.", actor=actor)
    assert list(Notification.objects.values_list("user", flat=True)) == [told.pk]


def test_preferences_choose_the_channels_per_kind(django_capture_on_commit_callbacks, mailoutbox):
    quiet, mail_only = UserFactory(), UserFactory()
    NotificationPreference.objects.create(user=quiet, kind=Kind.CANCELLATION, in_site=False, by_email=False)
    NotificationPreference.objects.create(user=mail_only, kind=Kind.CANCELLATION, in_site=False, by_email=True)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[quiet, mail_only], kind=Kind.CANCELLATION, text="Proposed.")
    assert not Notification.objects.exists()
    assert [m.to for m in mailoutbox] == [[mail_only.email]]


def test_publications_are_not_mailed_unless_asked(django_capture_on_commit_callbacks, mailoutbox):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[user], kind=Kind.PUBLICATION, text="Now public.")
    assert Notification.objects.filter(user=user).exists() and not mailoutbox


def test_a_mail_failure_is_logged_and_the_in_site_notification_stays(
    django_capture_on_commit_callbacks, monkeypatch, caplog
):
    user = UserFactory()

    def broken(**kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("notifications.services.send_mail", broken)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[user], kind=Kind.RETURN, text="Returned.")
    assert Notification.objects.filter(user=user).exists()
    assert "Could not email" in caplog.text
