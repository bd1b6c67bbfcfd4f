"""Writes on a program's results framework. Every function checks permissions first.

Rules not obvious from the models:
- An approved period is locked: its target, actual, evidence and breakdowns
  never change again. So are the definition (unit, direction, cumulation,
  baseline) of an indicator with an approved period, and a dimension an
  approved period's breakdowns use.
- Submitting needs an actual (a number, or words if qualitative) and
  evidence (a link or a document), once the period has started.
- Every change is written field by field on the row as stored now, locked
  (see `core.versioning`): with `based_on`, a write that would undo a change
  someone made meanwhile raises `EditConflict`. Breakdown values and
  dimensions are versioned through their period and indicator
  (`results.versions`).
- Workflow steps lock the period's row and re-read its status; based on the
  version the user saw, two reviewers (or a reviewer and an editor) acting at
  once never both win: the later one is told of the conflict.
- The other side is notified (`results.notifications`, through the
  notifications app) after the commit; a failing mail server never undoes a
  saved step.
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import versioning
from core.uploads import validate_upload
from core.versioning import BasedOn
from programs.models import Program

from . import notifications, permissions, versions
from .models import ActualStatus, Breakdown, Dimension, Indicator, ReportingPeriod, Result

RESULT_FIELDS = ("type", "title", "description")
INDICATOR_FIELDS = (
    "title",
    "description",
    "kind",
    "unit",
    "ascending",
    "cumulative",
    "baseline_value",
    "baseline_date",
    "baseline_comment",
)
# Fields that give approved numbers their meaning: frozen once a period is approved.
INDICATOR_DEFINITION = ("kind", "unit", "ascending", "cumulative", "baseline_value", "baseline_date")
PERIOD_FIELDS = ("start", "end", "target_value", "target_comment")
Breakdowns = dict[int, dict[str, Decimal | None]]  # dimension id → category → value (None removes it)


def _require_editor(user: User, program: Program) -> None:
    permissions.require(
        permissions.can_edit_results(user, program),
        _("Only ministry staff of either state may change this program's results."),
    )


def _check_fields(data: dict[str, Any], allowed: Iterable[str]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValidationError(_("These fields cannot be set here: %s.") % ", ".join(sorted(unknown)))


def _created(record, user: User):
    """Validate and save a new record, its history row credited to `user`."""
    record.full_clean()
    versioning.credit(record, user)
    record.save()
    return record


def _refuse_if_approved(period: ReportingPeriod, changes: dict[str, Any] | None = None) -> None:
    if period.is_locked:
        raise ValidationError(_("This period is approved and locked."))


@transaction.atomic
def create_result(*, user: User, program: Program, data: dict[str, Any]) -> Result:
    """Add a result (output, outcome or impact) to a program's framework."""
    _require_editor(user, program)
    _check_fields(data, RESULT_FIELDS)
    return _created(Result(program=program, created_by=user, updated_by=user, **data), user)


@transaction.atomic
def update_result(*, user: User, result: Result, data: dict[str, Any], based_on: BasedOn | None = None) -> Result:
    """Change a result's type, title or description."""
    _require_editor(user, result.program)
    _check_fields(data, RESULT_FIELDS)
    return versioning.write(result, user=user, sent=data, based_on=based_on)


@transaction.atomic
def create_indicator(
    *, user: User, result: Result, data: dict[str, Any], dimensions: Iterable[tuple[str, list[str]]] = ()
) -> Indicator:
    """Add an indicator with its baseline and breakdown dimensions to a result."""
    _require_editor(user, result.program)
    _check_fields(data, INDICATOR_FIELDS)
    indicator = _created(Indicator(result=result, created_by=user, updated_by=user, **data), user)
    for name, categories in dimensions:
        _write_dimension(user, indicator, name, categories, None)
    return indicator


@transaction.atomic
def update_indicator(
    *,
    user: User,
    indicator: Indicator,
    data: dict[str, Any],
    dimensions: Iterable[tuple[str, list[str]]] | None = None,
    based_on: BasedOn | None = None,
) -> Indicator:
    """Change an indicator, and add or recategorise its dimensions (matched by name).

    Its definition is frozen once one of its periods is approved. The dimensions are
    versioned through the indicator (`results.versions`).
    """
    _require_editor(user, indicator.result.program)
    _check_fields(data, INDICATOR_FIELDS)
    current = versioning.lock(indicator)
    sent_dimensions = {name.strip(): tuple(c.strip() for c in categories) for name, categories in dimensions or ()}
    changes, dimension_changes = versions.plan(
        current,
        sent=data,
        children=versions.DIMENSIONS,
        sent_children=sent_dimensions,
        now_children=versions.dimension_values(current),
        based_on=based_on,
    )
    frozen = [f for f in changes if f in INDICATOR_DEFINITION]
    if frozen and current.periods.filter(status=ActualStatus.APPROVED).exists():
        raise ValidationError(
            {f: _("An approved period rests on this value; it can no longer change.") for f in frozen}
        )
    existing = {d.name: d for d in current.dimensions.all()}
    for name, categories in dimension_changes.items():
        _write_dimension(user, current, str(name), list(categories), existing.get(str(name)))
    versions.save(current, user=user, changes=changes, children_changed=bool(dimension_changes))
    return current


def _write_dimension(
    user: User, indicator: Indicator, name: str, categories: list[str], dimension: Dimension | None
) -> Dimension:
    """Add a dimension, or rename / recategorise one no approved period uses; credited to `user`."""
    if dimension is None:
        dimension = Dimension(indicator=indicator)
    elif dimension.breakdowns.filter(period__status=ActualStatus.APPROVED).exists():
        raise ValidationError({"categories": _("Approved breakdowns use this dimension; it can no longer change.")})
    dimension.name, dimension.categories = name.strip(), [c.strip() for c in categories]
    dimension.full_clean()
    versioning.credit(dimension, user)
    dimension.save()
    return dimension


@transaction.atomic
def save_dimension(
    *,
    user: User,
    indicator: Indicator,
    name: str,
    categories: list[str],
    dimension: Dimension | None = None,
    based_on: BasedOn | None = None,
) -> Dimension:
    """Add a breakdown dimension to an indicator, or rename / recategorise one no approved period uses.

    A change of the indicator's dimensions raises its version (`results.versions`)."""
    _require_editor(user, indicator.result.program)
    current = versioning.lock(indicator)
    if based_on is not None:
        versioning.changes_to_write(current, {}, BasedOn(based_on.version, strict=True))
    saved = _write_dimension(user, current, name, categories, dimension)
    versions.save(current, user=user, changes={}, children_changed=True)
    return saved


@transaction.atomic
def create_period(*, user: User, indicator: Indicator, data: dict[str, Any]) -> ReportingPeriod:
    """Add a reporting period, with its target, to an indicator."""
    _require_editor(user, indicator.result.program)
    _check_fields(data, PERIOD_FIELDS)
    return _created(ReportingPeriod(indicator=indicator, created_by=user, updated_by=user, **data), user)


@transaction.atomic
def update_period(
    *, user: User, period: ReportingPeriod, data: dict[str, Any], based_on: BasedOn | None = None
) -> ReportingPeriod:
    """Change a period's dates or target, until it is approved."""
    _require_editor(user, period.indicator.result.program)
    _check_fields(data, PERIOD_FIELDS)
    return versioning.write(period, user=user, sent=data, based_on=based_on, check=_refuse_if_approved)


def _evidence_upload(document: UploadedFile) -> UploadedFile:
    try:
        validate_upload(document)
    except ValidationError as exc:
        raise ValidationError({"evidence_document": exc.messages}) from exc
    return document


def _sent_breakdowns(period: ReportingPeriod, breakdowns: Breakdowns) -> versions.Values:
    """The breakdown values sent, by (dimension id, category); only the indicator's own categories."""
    if any(values for values in breakdowns.values()) and not period.indicator.is_quantitative:
        raise ValidationError({"breakdowns": _("Only a quantitative indicator has breakdowns.")})
    dimensions = {d.pk: d for d in period.indicator.dimensions.all()}
    sent: versions.Values = {}
    for dimension_id, values in breakdowns.items():
        dimension = dimensions.get(dimension_id)
        if dimension is None:
            raise ValidationError({"breakdowns": _("Dimension %s is not one of this indicator's.") % dimension_id})
        for category, value in values.items():
            if category not in dimension.categories:
                raise ValidationError(
                    {"breakdowns": _("“%(c)s” is not a category of %(d)s.") % {"c": category, "d": dimension.name}}
                )
            sent[(dimension_id, category)] = value
    return sent


def _write_breakdowns(user: User, period: ReportingPeriod, changes: versions.Values) -> None:
    """Create, change or remove the period's breakdown values, each history row credited to `user`."""
    existing = {(b.dimension_id, b.category): b for b in period.breakdowns.all()}
    for key, value in changes.items():
        dimension_id, category = key
        found = existing.get(key) or Breakdown(period=period, dimension_id=dimension_id, category=category)
        versioning.credit(found, user)
        if value is None:
            if found.pk is not None:
                found.delete()
            continue
        found.value = value
        found.save()


@transaction.atomic
def record_actual(
    *,
    user: User,
    period: ReportingPeriod,
    actual_value: Decimal | None = None,
    actual_comment: str = "",
    evidence_url: str = "",
    evidence_document: UploadedFile | None = None,
    breakdowns: Breakdowns | None = None,
    based_on: BasedOn | None = None,
) -> ReportingPeriod:
    """Enter or correct a period's actual, evidence and breakdowns, as a draft (or a returned one being revised).

    The breakdown values are versioned through the period (`results.versions`): one history
    row of the period, one version more, however many values changed."""
    _require_editor(user, period.indicator.result.program)
    current = versioning.lock(period)
    _refuse_if_approved(current)
    if current.status == ActualStatus.SUBMITTED:
        raise ValidationError(_("This actual awaits the other side's review; it cannot change meanwhile."))
    sent: dict[str, Any] = {"actual_value": actual_value, "actual_comment": actual_comment}
    if evidence_url:
        sent["evidence_url"] = evidence_url
    if evidence_document is not None:
        sent["evidence_document"] = _evidence_upload(evidence_document)
    changes, breakdown_changes = versions.plan(
        current,
        sent=sent,
        children=versions.BREAKDOWNS,
        sent_children=_sent_breakdowns(current, breakdowns or {}),
        now_children=versions.breakdown_values(current),
        based_on=based_on,
    )
    _write_breakdowns(user, current, breakdown_changes)
    versions.save(current, user=user, changes=changes, children_changed=bool(breakdown_changes))
    return current


def _step(user: User, period: ReportingPeriod, based_on: BasedOn | None) -> ReportingPeriod:
    """The period's row, locked; refused (EditConflict) if it changed since the version the user
    acted on, so of two people acting at once only the first succeeds."""
    current = versioning.lock(period)
    if based_on is not None and permissions.can_edit_results(user, current.indicator.result.program):
        versioning.changes_to_write(current, {}, BasedOn(based_on.version, strict=True))
    return current


def _transition(period: ReportingPeriod, user: User, status: str, fields: dict[str, Any]) -> ReportingPeriod:
    versioning.save_changes(period, user=user, changes={"status": status, **fields})
    return period


@transaction.atomic
def submit_actual(
    *, user: User, period: ReportingPeriod, today: date | None = None, based_on: BasedOn | None = None
) -> ReportingPeriod:
    """Submit a period's actual for the other side's approval; needs the actual and evidence."""
    today = today or timezone.localdate()
    period = _step(user, period, based_on)
    _refuse_if_approved(period)
    program = period.indicator.result.program
    permissions.require(
        permissions.can_submit_actual(user, period, program),
        _("Only ministry staff of either state may submit this actual."),
    )
    errors = {}
    if period.start > today:
        errors["start"] = _("The period has not started yet.")
    if not period.has_actual:
        field = "actual_value" if period.indicator.is_quantitative else "actual_comment"
        errors[field] = _("Record the actual before submitting it.")
    if not period.has_evidence:
        errors["evidence_url"] = _("An actual needs evidence: a link or a document.")
    if errors:
        raise ValidationError(errors)
    _transition(
        period,
        user,
        ActualStatus.SUBMITTED,
        {"submitted_state_id": permissions.staff_state(user), "submitted_by": user, "submitted_at": timezone.now()},
    )
    notifications.actual_submitted(period, actor=user)
    return period


def _review(user: User, period: ReportingPeriod, based_on: BasedOn | None) -> ReportingPeriod:
    current = _step(user, period, based_on)
    permissions.require(
        permissions.can_review_actual(user, current, current.indicator.result.program),
        _("Only ministry staff of the other state may approve or return this actual, once submitted."),
    )
    return current


@transaction.atomic
def approve_actual(*, user: User, period: ReportingPeriod, based_on: BasedOn | None = None) -> ReportingPeriod:
    """The other side approves a submitted actual; the period is then public and locked."""
    period = _review(user, period, based_on)
    _transition(
        period,
        user,
        ActualStatus.APPROVED,
        {"reviewed_by": user, "reviewed_at": timezone.now(), "review_comment": ""},
    )
    notifications.actual_approved(period, actor=user)
    return period


@transaction.atomic
def return_actual(
    *, user: User, period: ReportingPeriod, comment: str, based_on: BasedOn | None = None
) -> ReportingPeriod:
    """The other side returns a submitted actual for revision, saying why."""
    period = _review(user, period, based_on)
    if not comment.strip():
        raise ValidationError({"review_comment": _("Say what needs revising.")})
    _transition(
        period,
        user,
        ActualStatus.RETURNED,
        {"reviewed_by": user, "reviewed_at": timezone.now(), "review_comment": comment.strip()},
    )
    notifications.actual_returned(period, actor=user)
    return period
