"""Who may build a program's results framework, report actuals and approve them, built on `programs.permissions`.

- The program's ministries (staff of either state of the dyad, as for editing
  the program; superusers too) build the framework — results, indicators,
  breakdown dimensions, periods and targets — and record actuals as drafts.
- Submitting an actual is a state's act: ministry staff vouch for the number
  for their side, so superusers (who act for no state) cannot submit.
- **The other side approves.** Staff of the state that did *not* submit the
  actual approve it or return it with a comment; coordinators do not. A
  number both governments signed is one neither can later disown, which is
  the point of Concord; a coordinator's approval would add no such weight.
  (The same rule as a joint cancellation of a milestone.)
- An approved period is locked for everyone.
- Draft actuals (anything not approved) are seen by the staff of both states
  and by the dyad's coordinators; never by evaluators or the public. The
  framework of a published program is public; of a draft, it is a draft.
"""

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When

from programs.choices import Role
from programs.models import Program, published_program
from programs.permissions import (
    AnyUser,
    can_edit_program,
    coordinated_dyad_ids,
    draft_scope,
    has_role,
    require,
    staff_state,
)

from .models import EDITABLE_STATUSES, ActualStatus, Indicator, ReportingPeriod, Result

__all__ = ["require", "staff_state"]  # the program rules results services also use

PERIOD_PROGRAM = "indicator__result__program__"


def can_edit_results(user: AnyUser, program: Program) -> bool:
    """Build the framework (results, indicators, dimensions, periods, targets) and record draft actuals."""
    return can_edit_program(user, program)


def can_submit_actual(user: AnyUser, period: ReportingPeriod, program: Program) -> bool:
    """Ministry staff of either state submit an actual for approval by the other side."""
    return period.status in EDITABLE_STATUSES and staff_state(user) is not None and can_edit_results(user, program)


def can_review_actual(user: AnyUser, period: ReportingPeriod, program: Program) -> bool:
    """Staff of the state that did not submit the actual approve or return it."""
    state = staff_state(user)
    return (
        period.status == ActualStatus.SUBMITTED
        and state is not None
        and state != period.submitted_state_id
        and can_edit_results(user, program)
    )


def can_see_draft_actuals(user: AnyUser, program: Program) -> bool:
    """Staff of either state and the dyad's coordinators see actuals before approval; evaluators never."""
    if not user.is_authenticated or has_role(user, Role.EVALUATOR):
        return False
    ids = coordinated_dyad_ids(user)
    if ids is None or program.dyad_id in ids:
        return True
    return staff_state(user) in program.dyad.state_ids()


def _framework_scope(user: AnyUser, prefix: str) -> Q:
    """Programs whose (draft) results framework the user sees: published ones, and their own dyads'."""
    if has_role(user, Role.EVALUATOR):
        return published_program(prefix)
    return published_program(prefix) | draft_scope(user, prefix)


def visible_results(user: AnyUser, qs: QuerySet[Result] | None = None) -> QuerySet[Result]:
    qs = Result.objects.all() if qs is None else qs
    return qs.filter(_framework_scope(user, "program__"))


def visible_indicators(user: AnyUser, qs: QuerySet[Indicator] | None = None) -> QuerySet[Indicator]:
    qs = Indicator.objects.all() if qs is None else qs
    return qs.filter(_framework_scope(user, "result__program__"))


def visible_periods(user: AnyUser, qs: QuerySet[ReportingPeriod] | None = None) -> QuerySet[ReportingPeriod]:
    """Periods whose dates and target the user sees, annotated `actual_visible`: may they see its actual too."""
    qs = ReportingPeriod.objects.all() if qs is None else qs
    drafts = Q(pk__in=[]) if has_role(user, Role.EVALUATOR) else draft_scope(user, PERIOD_PROGRAM)
    return qs.filter(_framework_scope(user, PERIOD_PROGRAM)).annotate(
        actual_visible=Case(
            When(ReportingPeriod.PUBLISHED | drafts, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )
