"""Sending notifications, and what users read and prefer.

`notify` is what the domain services call: it waits for their transaction
to commit, then stores the in-site notifications and sends the emails each
recipient asked for. It never raises: a notification that cannot be stored
or mailed is logged, and the change that caused it stands.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import DEFAULT_BY_EMAIL, Kind, Notification, NotificationPreference

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Channels:
    in_site: bool
    by_email: bool


def channels_for(user_ids: Iterable[int], kind: str) -> dict[int, Channels]:
    """How each user wants notifications of `kind` (the defaults where they have not said)."""
    stored = {
        p.user_id: Channels(p.in_site, p.by_email)
        for p in NotificationPreference.objects.filter(user_id__in=list(user_ids), kind=kind)
    }
    default = Channels(in_site=True, by_email=DEFAULT_BY_EMAIL[Kind(kind)])
    return {user_id: stored.get(user_id, default) for user_id in user_ids}


def preferences_of(user) -> dict[Kind, Channels]:
    """The user's channels for every kind, in one query."""
    stored = {p.kind: Channels(p.in_site, p.by_email) for p in NotificationPreference.objects.filter(user=user)}
    return {kind: stored.get(kind, Channels(in_site=True, by_email=DEFAULT_BY_EMAIL[kind])) for kind in Kind}


def notify(*, recipients: Iterable[AbstractBaseUser], kind: Kind, text: str, link: str = "", actor=None) -> None:
    """Tell `recipients` (never the `actor` who caused it) once the current transaction commits."""
    actor_id = getattr(actor, "pk", None)
    user_ids = sorted({user.pk for user in recipients if user.is_active and user.pk != actor_id})
    if not user_ids:
        return
    message = str(text)[:500]  # in the language of the request that caused it
    transaction.on_commit(lambda: deliver(user_ids=user_ids, kind=kind, text=message, link=link), robust=True)


def deliver(*, user_ids: list[int], kind: Kind, text: str, link: str) -> None:
    """Store the in-site notifications and send the emails; a failure of one never stops the others."""
    channels = channels_for(user_ids, kind)
    try:
        Notification.objects.bulk_create(
            Notification(user_id=user_id, kind=kind, text=text, link=link)
            for user_id, wanted in channels.items()
            if wanted.in_site
        )
    except Exception:
        log.exception("Could not store a %s notification for users %s", kind, user_ids)
    mailed = [user_id for user_id, wanted in channels.items() if wanted.by_email]
    for email in get_user_model().objects.filter(pk__in=mailed).exclude(email="").values_list("email", flat=True):
        try:
            send_mail(
                subject=_("Concord: %(text)s") % {"text": " ".join(text.split())[:120]},  # one line
                message=email_body(text, link),
                from_email=None,
                recipient_list=[email],
            )
        except Exception:
            log.exception("Could not email a %s notification to %s", kind, email)


def email_body(text: str, link: str) -> str:
    site = settings.SITE_URL.rstrip("/")
    lines = [text, ""]
    if link:
        lines += [_("Open it in Concord: %(url)s") % {"url": site + link}, ""]
    preferences = site + reverse("notifications:preferences")
    lines.append(_("Choose which notifications you get by email: %(url)s") % {"url": preferences})
    return "\n".join(lines)


def mark_read(*, user, notification: Notification) -> None:
    """Mark one of the user's own notifications read."""
    if notification.user_id == user.pk and notification.read_at is None:
        Notification.objects.filter(pk=notification.pk).update(read_at=timezone.now())


def mark_all_read(*, user) -> int:
    """Mark every unread notification of the user read; returns how many."""
    return Notification.objects.filter(user=user).unread().update(read_at=timezone.now())


@transaction.atomic
def set_preferences(*, user, choices: dict[str, Channels]) -> None:
    """Store the user's channels for each kind given."""
    for kind, wanted in choices.items():
        NotificationPreference.objects.update_or_create(
            user=user, kind=Kind(kind), defaults={"in_site": wanted.in_site, "by_email": wanted.by_email}
        )
