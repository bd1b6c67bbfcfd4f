"""Mails about actuals: submitted (to the other side), returned and approved (to the submitting side).

The one place results mail is written, so it can later be routed through
the workspace notifications. Each function takes a period id, runs after
the commit that changed it, and never raises: a failed mail is logged, the
saved step stands.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from programs.choices import Role
from programs.models import Profile

from .models import ReportingPeriod

logger = logging.getLogger(__name__)


def _period(period_id: int) -> ReportingPeriod | None:
    return (
        ReportingPeriod.objects.select_related(
            "indicator__result__program__dyad", "submitted_state", "submitted_by", "reviewed_by"
        )
        .filter(pk=period_id)
        .first()
    )


def _staff_emails(period: ReportingPeriod, *, of_submitting_side: bool) -> set[str]:
    """Active staff of the program's owning and co-owning ministries on one side (the submitter's, or the other)."""
    program = period.indicator.result.program
    ministries = {m for m in (program.ministry_a_id, program.ministry_b_id) if m}
    ministries |= set(program.co_owners.values_list("pk", flat=True))
    side = Q(ministry__state_id=period.submitted_state_id)
    staff = Profile.objects.filter(role=Role.MINISTRY_STAFF, ministry_id__in=ministries, user__is_active=True)
    staff = staff.filter(side if of_submitting_side else ~side).exclude(user__email="")
    return set(staff.values_list("user__email", flat=True))


def _send(period: ReportingPeriod, subject: str, lead: str, recipients: set[str]) -> int:
    if not recipients:
        return 0
    program = period.indicator.result.program
    link = f"{settings.SITE_URL}{reverse('workspace:period', kwargs={'pk': period.pk})}"
    body = "\n".join(
        [
            lead,
            "",
            f"{_('Program')}: {program.title} ({program.dyad})",
            f"{_('Indicator')}: {period.indicator.title}",
            f"{_('Period')}: {period.start:%Y-%m-%d} – {period.end:%Y-%m-%d}",
            "",
            link,
        ]
    )
    try:
        return send_mail(subject=subject, message=body, from_email=None, recipient_list=sorted(recipients))
    except Exception:  # a mail outage must not turn a saved approval into an error
        logger.exception("Could not mail %s about reporting period %s", sorted(recipients), period.pk)
        return 0


def actual_submitted(period_id: int) -> int:
    """Ask the other side's staff to approve or return a submitted actual."""
    period = _period(period_id)
    if period is None:
        return 0
    lead = _("%(state)s submitted an actual for your approval.") % {"state": period.submitted_state}
    return _send(
        period, _("Concord: an actual awaits your approval"), lead, _staff_emails(period, of_submitting_side=False)
    )


def _to_submitters(period: ReportingPeriod) -> set[str]:
    emails = _staff_emails(period, of_submitting_side=True)
    if period.submitted_by and period.submitted_by.email:
        emails.add(period.submitted_by.email)
    return emails


def actual_returned(period_id: int) -> int:
    """Tell the submitting side its actual was returned, with the reviewer's comment."""
    period = _period(period_id)
    if period is None:
        return 0
    lead = _("The other side returned your actual for revision:") + f"\n\n“{period.review_comment}”"
    return _send(period, _("Concord: an actual was returned for revision"), lead, _to_submitters(period))


def actual_approved(period_id: int) -> int:
    """Tell the submitting side its actual was approved (and is now public)."""
    period = _period(period_id)
    if period is None:
        return 0
    lead = _("The other side approved your actual; it is now locked and shown on the public program page.")
    return _send(period, _("Concord: an actual was approved"), lead, _to_submitters(period))
