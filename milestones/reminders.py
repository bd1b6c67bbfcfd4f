"""Morning reminders to the owning ministries' staff about milestones due soon or overdue.

Each milestone is mentioned at most once a day per kind (ReminderSent's
unique key), and the log row is written in the same transaction as the
mail is sent, so a failed send is retried on the next run. To keep the mail
useful rather than daily noise:
- "due soon": an open milestone due within DUE_SOON_DAYS (14) days, reminded once;
- "overdue": an open milestone past its due date, reminded once a week.
"""

from collections import defaultdict
from datetime import date, timedelta

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from programs.choices import Role
from programs.models import Profile, Program

from .models import DUE_SOON_DAYS, Milestone, ReminderKind, ReminderSent

OVERDUE_EVERY_DAYS = 7


def milestones_to_remind(today: date) -> list[tuple[Milestone, ReminderKind]]:
    """(milestone, kind) pairs that need a reminder today."""
    open_ms = Milestone.objects.open().select_related("program__dyad__state_a", "program__dyad__state_b")
    due_soon = open_ms.filter(due_date__gte=today, due_date__lte=today + timedelta(days=DUE_SOON_DAYS)).exclude(
        reminders__kind=ReminderKind.DUE_SOON
    )
    recent = today - timedelta(days=OVERDUE_EVERY_DAYS - 1)
    overdue = open_ms.filter(due_date__lt=today).exclude(
        reminders__kind=ReminderKind.OVERDUE, reminders__day__gte=recent
    )
    return [(m, ReminderKind.DUE_SOON) for m in due_soon] + [(m, ReminderKind.OVERDUE) for m in overdue]


def recipients_by_program(program_ids: set[int]) -> dict[int, set[str]]:
    """Emails of the staff of each program's owning ministries and co-owners."""
    ministries: dict[int, set[int]] = defaultdict(set)
    for pk, a, b, co in Program.objects.filter(pk__in=program_ids).values_list(
        "pk", "ministry_a", "ministry_b", "co_owners"
    ):
        ministries[pk].update(m for m in (a, b, co) if m)
    all_ids = set().union(*ministries.values()) if ministries else set()
    emails: dict[int, set[str]] = defaultdict(set)
    staff = Profile.objects.filter(role=Role.MINISTRY_STAFF, ministry_id__in=all_ids, user__is_active=True)
    for ministry_id, email in staff.exclude(Q(user__email="")).values_list("ministry_id", "user__email"):
        emails[ministry_id].add(email)
    return {pk: set().union(*(emails[m] for m in ids)) for pk, ids in ministries.items()}


def _line(milestone: Milestone, kind: str, today: date) -> str:
    days = (milestone.due_date - today).days
    if kind == ReminderKind.DUE_SOON:
        when = ngettext("due in %(days)d day", "due in %(days)d days", days) % {"days": days}
    else:
        when = ngettext("overdue by %(days)d day", "overdue by %(days)d days", -days) % {"days": -days}
    return f"- {milestone.program.title} ({milestone.program.dyad}): {milestone.title} — {when} ({milestone.due_date})"


def _claim(pending: list[tuple[Milestone, ReminderKind]], recipients: dict[int, set[str]], today: date) -> list:
    """Write the log rows first; only pairs this run created are mailed, so a concurrent run sends nothing twice."""
    claimed = []
    for milestone, kind in pending:
        emails = recipients.get(milestone.program_id, set())
        if not emails:
            continue
        _row, created = ReminderSent.objects.get_or_create(
            milestone=milestone, day=today, kind=kind, defaults={"recipients": len(emails)}
        )
        if created:
            claimed.append((milestone, kind))
    return claimed


@transaction.atomic
def send_milestone_reminders(*, today: date | None = None) -> int:
    """Mail each recipient one digest of their milestones due soon or overdue; returns mails sent.

    A failed send rolls the log back, so the next run tries again.
    """
    today = today or timezone.localdate()
    pending = milestones_to_remind(today)
    recipients = recipients_by_program({m.program_id for m, _ in pending})
    digests: dict[str, list[tuple[Milestone, ReminderKind]]] = defaultdict(list)
    for milestone, kind in _claim(pending, recipients, today):
        for email in recipients[milestone.program_id]:
            digests[email].append((milestone, kind))
    for email, items in sorted(digests.items()):
        body = "\n".join(_line(m, k, today) for m, k in items)
        send_mail(
            # In the site's default language: Concord stores no language per user (yet).
            subject=ngettext(
                "Concord: %(count)d milestone needs attention",
                "Concord: %(count)d milestones need attention",
                len(items),
            )
            % {"count": len(items)},
            message=_("Milestones of your ministry's programs:\n\n%(list)s\n\nUpdate them in your Concord workspace.")
            % {"list": body},
            from_email=None,
            recipient_list=[email],
        )
    return len(digests)
