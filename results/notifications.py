"""Who is told about an actual's workflow, through the notifications app (in the site and by email).

- Submitted: the other side's staff, who approve or return it (a submission to review).
- Returned: the submitting side's staff and the submitter, with the reviewer's comment.
- Approved: the submitting side's staff and the submitter (now locked and public).

Each recipient's preferences for the kind apply (`notifications.services.notify`);
the email of all three kinds is on unless they turned it off. Called inside the
step's transaction: `notify` waits for the commit and never raises.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from notifications.models import Kind
from notifications.services import notify
from programs.selectors import program_staff

from .models import ReportingPeriod


def _about(period: ReportingPeriod) -> dict[str, str]:
    program = period.indicator.result.program
    return {
        "indicator": period.indicator.title,
        "period": f"{period.start:%Y-%m-%d} – {period.end:%Y-%m-%d}",
        "program": program.title,
        "state": str(period.submitted_state),
    }


def _link(period: ReportingPeriod) -> str:
    return reverse("workspace:period", kwargs={"pk": period.pk})


def _other_side(period: ReportingPeriod) -> str:
    dyad = period.indicator.result.program.dyad
    return dyad.state_b_id if period.submitted_state_id == dyad.state_a_id else dyad.state_a_id


def _submitters(period: ReportingPeriod) -> list:
    """The submitting side's staff, and whoever submitted (even if no longer among them)."""
    staff = list(program_staff(period.indicator.result.program, state=period.submitted_state_id))
    return [*staff, *filter(None, [period.submitted_by])]


def actual_submitted(period: ReportingPeriod, *, actor) -> None:
    """Ask the other side's staff to approve or return a submitted actual."""
    text = _("An actual awaits your approval: %(state)s submitted “%(indicator)s”, %(period)s, of %(program)s.")
    notify(
        recipients=program_staff(period.indicator.result.program, state=_other_side(period)),
        kind=Kind.SUBMISSION,
        text=text % _about(period),
        link=_link(period),
        actor=actor,
    )


def actual_returned(period: ReportingPeriod, *, actor) -> None:
    """Tell the submitting side its actual was returned, with the reviewer's comment."""
    text = _("An actual was returned for revision: “%(indicator)s”, %(period)s, of %(program)s. “%(comment)s”")
    notify(
        recipients=_submitters(period),
        kind=Kind.RETURN,
        text=text % {**_about(period), "comment": period.review_comment},
        link=_link(period),
        actor=actor,
    )


def actual_approved(period: ReportingPeriod, *, actor) -> None:
    """Tell the submitting side its actual was approved (and is now locked and public)."""
    text = _(
        "An actual was approved by the other side: “%(indicator)s”, %(period)s, of %(program)s. "
        "It is now locked and public."
    )
    notify(
        recipients=_submitters(period),
        kind=Kind.APPROVAL,
        text=text % _about(period),
        link=_link(period),
        actor=actor,
    )
