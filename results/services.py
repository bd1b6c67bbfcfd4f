"""Writes on a program's results framework. Every function checks permissions first.

Rules not obvious from the models:
- An approved period is locked: its target, actual, evidence and breakdowns
  never change again. So are the definition (unit, direction, cumulation,
  baseline) of an indicator with an approved period, and a dimension an
  approved period's breakdowns use.
- Submitting needs an actual (a number, or words if qualitative) and
  evidence (a link or a document), once the period has started.
- Workflow steps lock the period's row and re-read its status, so two
  reviewers (or a reviewer and an editor) never both win.
- Each write saves only the fields its use case changes (`update_fields`).
- Mails go out after the commit (`notifications`), and a failing mail
  server never undoes a saved step.
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

from core.uploads import validate_upload
from programs.models import Program

from . import notifications, permissions
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


def _apply(record, data: dict[str, Any], allowed: Iterable[str]) -> list[str]:
    """Set the allowed fields given in `data`; the names of those that changed."""
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValidationError(_("These fields cannot be set here: %s.") % ", ".join(sorted(unknown)))
    changed = [name for name, value in data.items() if getattr(record, name) != value]
    for name in changed:
        setattr(record, name, data[name])
    return changed


def _save(record, user: User, changed: list[str]) -> None:
    """Validate and save the changed fields only (nothing, not even a history entry, when none changed)."""
    if not changed:
        return
    record.updated_by = user
    record.full_clean()
    record.save(update_fields=[*changed, "updated_by", "updated_at"])


def _locked_period(period: ReportingPeriod) -> ReportingPeriod:
    """The period's row, locked for this transaction, refused if approved."""
    fresh = (
        ReportingPeriod.objects.select_for_update().select_related("indicator__result__program__dyad").get(pk=period.pk)
    )
    if fresh.is_locked:
        raise ValidationError(_("This period is approved and locked."))
    return fresh


@transaction.atomic
def create_result(*, user: User, program: Program, data: dict[str, Any]) -> Result:
    """Add a result (output, outcome or impact) to a program's framework."""
    _require_editor(user, program)
    result = Result(program=program, created_by=user, updated_by=user)
    _apply(result, data, RESULT_FIELDS)
    result.full_clean()
    result.save()
    return result


@transaction.atomic
def update_result(*, user: User, result: Result, data: dict[str, Any]) -> Result:
    """Change a result's type, title or description."""
    _require_editor(user, result.program)
    changed = _apply(result, data, RESULT_FIELDS)
    _save(result, user, changed)
    return result


@transaction.atomic
def create_indicator(
    *, user: User, result: Result, data: dict[str, Any], dimensions: Iterable[tuple[str, list[str]]] = ()
) -> Indicator:
    """Add an indicator with its baseline and breakdown dimensions to a result."""
    _require_editor(user, result.program)
    indicator = Indicator(result=result, created_by=user, updated_by=user)
    _apply(indicator, data, INDICATOR_FIELDS)
    indicator.full_clean()
    indicator.save()
    for name, categories in dimensions:
        _new_dimension(indicator, name, categories)
    return indicator


@transaction.atomic
def update_indicator(
    *,
    user: User,
    indicator: Indicator,
    data: dict[str, Any],
    dimensions: Iterable[tuple[str, list[str]]] | None = None,
) -> Indicator:
    """Change an indicator, and add or recategorise its dimensions (matched by name).

    Its definition is frozen once one of its periods is approved.
    """
    _require_editor(user, indicator.result.program)
    changed = _apply(indicator, data, INDICATOR_FIELDS)
    frozen = [f for f in changed if f in INDICATOR_DEFINITION]
    if frozen and indicator.periods.filter(status=ActualStatus.APPROVED).exists():
        raise ValidationError(
            {f: _("An approved period rests on this value; it can no longer change.") for f in frozen}
        )
    _save(indicator, user, changed)
    existing = {d.name: d for d in indicator.dimensions.all()}
    for name, categories in dimensions or ():
        found = existing.get(name.strip())
        if found is None or found.categories != categories:
            save_dimension(user=user, indicator=indicator, name=name, categories=categories, dimension=found)
    return indicator


def _new_dimension(indicator: Indicator, name: str, categories: list[str]) -> Dimension:
    dimension = Dimension(indicator=indicator, name=name.strip(), categories=[c.strip() for c in categories])
    dimension.full_clean()
    dimension.save()
    return dimension


@transaction.atomic
def save_dimension(
    *, user: User, indicator: Indicator, name: str, categories: list[str], dimension: Dimension | None = None
) -> Dimension:
    """Add a breakdown dimension to an indicator, or rename / recategorise one no approved period uses."""
    _require_editor(user, indicator.result.program)
    if dimension is None:
        return _new_dimension(indicator, name, categories)
    if dimension.breakdowns.filter(period__status=ActualStatus.APPROVED).exists():
        raise ValidationError({"categories": _("Approved breakdowns use this dimension; it can no longer change.")})
    dimension.name, dimension.categories = name.strip(), [c.strip() for c in categories]
    dimension.full_clean()
    dimension.save(update_fields=["name", "categories"])
    return dimension


@transaction.atomic
def create_period(*, user: User, indicator: Indicator, data: dict[str, Any]) -> ReportingPeriod:
    """Add a reporting period, with its target, to an indicator."""
    _require_editor(user, indicator.result.program)
    period = ReportingPeriod(indicator=indicator, created_by=user, updated_by=user)
    _apply(period, data, PERIOD_FIELDS)
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def update_period(*, user: User, period: ReportingPeriod, data: dict[str, Any]) -> ReportingPeriod:
    """Change a period's dates or target, until it is approved."""
    _require_editor(user, period.indicator.result.program)
    period = _locked_period(period)
    changed = _apply(period, data, PERIOD_FIELDS)
    _save(period, user, changed)
    return period


def _attach_evidence(period: ReportingPeriod, url: str, document: UploadedFile | None) -> list[str]:
    changed = []
    if document is not None:
        try:
            validate_upload(document)
        except ValidationError as exc:
            raise ValidationError({"evidence_document": exc.messages}) from exc
        period.evidence_document = document  # type: ignore[assignment]
        changed.append("evidence_document")
    if url and url != period.evidence_url:
        period.evidence_url = url
        changed.append("evidence_url")
    return changed


def _save_breakdowns(period: ReportingPeriod, breakdowns: Breakdowns) -> None:
    """Create, change or remove the period's breakdown values; only the indicator's own categories."""
    dimensions = {d.pk: d for d in period.indicator.dimensions.all()}
    existing = {(b.dimension_id, b.category): b for b in period.breakdowns.all()}
    for dimension_id, values in breakdowns.items():
        dimension = dimensions.get(dimension_id)
        if dimension is None:
            raise ValidationError({"breakdowns": _("Dimension %s is not one of this indicator's.") % dimension_id})
        for category, value in values.items():
            if category not in dimension.categories:
                raise ValidationError(
                    {"breakdowns": _("“%(c)s” is not a category of %(d)s.") % {"c": category, "d": dimension.name}}
                )
            found = existing.get((dimension_id, category))
            if value is None:
                if found is not None:
                    found.delete()
            elif found is None:
                Breakdown.objects.create(period=period, dimension=dimension, category=category, value=value)
            elif found.value != value:
                found.value = value
                found.save(update_fields=["value"])


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
) -> ReportingPeriod:
    """Enter or correct a period's actual, evidence and breakdowns, as a draft (or a returned one being revised)."""
    _require_editor(user, period.indicator.result.program)
    period = _locked_period(period)
    if period.status == ActualStatus.SUBMITTED:
        raise ValidationError(_("This actual awaits the other side's review; it cannot change meanwhile."))
    changed = _apply(
        period, {"actual_value": actual_value, "actual_comment": actual_comment}, ("actual_value", "actual_comment")
    )
    changed += _attach_evidence(period, evidence_url, evidence_document)
    if breakdowns:
        if not period.indicator.is_quantitative:
            raise ValidationError({"breakdowns": _("Only a quantitative indicator has breakdowns.")})
        _save_breakdowns(period, breakdowns)
    _save(period, user, changed)
    return period


def _transition(period: ReportingPeriod, user: User, status: str, fields: dict[str, Any]) -> ReportingPeriod:
    period.status = status
    for name, value in fields.items():
        setattr(period, name, value)
    _save(period, user, ["status", *fields])
    return period


@transaction.atomic
def submit_actual(*, user: User, period: ReportingPeriod, today: date | None = None) -> ReportingPeriod:
    """Submit a period's actual for the other side's approval; needs the actual and evidence."""
    today = today or timezone.localdate()
    period = _locked_period(period)
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
    transaction.on_commit(lambda: notifications.actual_submitted(period.pk))
    return period


def _review(user: User, period: ReportingPeriod) -> ReportingPeriod:
    fresh = (
        ReportingPeriod.objects.select_for_update().select_related("indicator__result__program__dyad").get(pk=period.pk)
    )
    permissions.require(
        permissions.can_review_actual(user, fresh, fresh.indicator.result.program),
        _("Only ministry staff of the other state may approve or return this actual, once submitted."),
    )
    return fresh


@transaction.atomic
def approve_actual(*, user: User, period: ReportingPeriod) -> ReportingPeriod:
    """The other side approves a submitted actual; the period is then public and locked."""
    period = _review(user, period)
    _transition(
        period,
        user,
        ActualStatus.APPROVED,
        {"reviewed_by": user, "reviewed_at": timezone.now(), "review_comment": ""},
    )
    transaction.on_commit(lambda: notifications.actual_approved(period.pk))
    return period


@transaction.atomic
def return_actual(*, user: User, period: ReportingPeriod, comment: str) -> ReportingPeriod:
    """The other side returns a submitted actual for revision, saying why."""
    period = _review(user, period)
    if not comment.strip():
        raise ValidationError({"review_comment": _("Say what needs revising.")})
    _transition(
        period,
        user,
        ActualStatus.RETURNED,
        {"reviewed_by": user, "reviewed_at": timezone.now(), "review_comment": comment.strip()},
    )
    transaction.on_commit(lambda: notifications.actual_returned(period.pk))
    return period
