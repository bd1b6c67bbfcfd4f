"""Workspace pages for the results framework: results, indicators, periods, actuals and their review.

Thin: look the record up among those the user may see (404 otherwise),
check the permission for the page (403 otherwise), call a service. Also the
one view that serves evidence documents (at /files/periods/<pk>/evidence/), to whoever may see the actual.
"""

import copy

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.files import file_response
from core.forms import add_service_errors, based_on, form_after_conflict
from core.versioning import EditConflict
from core.views import posted_version
from programs.views import visible_program

from . import permissions, services, versions
from .forms import ActualForm, IndicatorForm, PeriodForm, ResultForm, ReturnForm, actual_initial, dimensions_text
from .models import Indicator, ReportingPeriod, Result

PROGRAM = "program__dyad__state_a", "program__dyad__state_b"


def visible_result(user, pk: int) -> Result:
    return get_object_or_404(permissions.visible_results(user, Result.objects.select_related(*PROGRAM)), pk=pk)


def visible_indicator(user, pk: int) -> Indicator:
    qs = Indicator.objects.select_related(*(f"result__{p}" for p in PROGRAM))
    return get_object_or_404(permissions.visible_indicators(user, qs), pk=pk)


def visible_period(user, pk: int) -> ReportingPeriod:
    qs = ReportingPeriod.objects.select_related(
        *(f"indicator__result__{p}" for p in PROGRAM), "submitted_state", "submitted_by", "reviewed_by"
    )
    return get_object_or_404(permissions.visible_periods(user, qs), pk=pk)


def _program_results_url(program_id: int) -> str:
    return reverse("workspace:program", kwargs={"pk": program_id}) + "#results"


def _actual_visible(period: ReportingPeriod) -> bool:
    """Set by `permissions.visible_periods`: may the user see this period's actual."""
    return bool(getattr(period, "actual_visible", False))


def _require_editor(user, program) -> None:
    permissions.require(permissions.can_edit_results(user, program), _("You may not change this program's results."))


def _form_page(request, form, save, *, template: str, context: dict, success: str, then, after_conflict=None):
    """Validate `form`, call `save()` (a service), report and redirect to `then()`; or show the form's errors.

    A record changed by someone else since the form was opened (EditConflict) shows the form again
    as `after_conflict(conflict)` builds it (the record as saved now, the user's changes on top),
    with what changed meanwhile, answered 409."""
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            record = save()
        except EditConflict as exc:
            conflict = exc
            form = after_conflict(exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect(then(record))
    return render(request, template, {"form": form, "conflict": conflict, **context}, status=409 if conflict else 200)


@login_required
def result_new(request, pk: int):
    program = visible_program(request.user, pk)
    _require_editor(request.user, program)
    form = ResultForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda: services.create_result(user=request.user, program=program, data=form.service_data()),
        template="workspace/result_form.html",
        context={"program": program, "title": _("New result")},
        success=_("Result added."),
        then=lambda result: _program_results_url(program.pk),
    )


@login_required
def result_edit(request, pk: int):
    result = visible_result(request.user, pk)
    _require_editor(request.user, result.program)
    # The form validates a copy, so the service still compares against the stored values.
    form = ResultForm(request.POST or None, instance=Result.objects.get(pk=result.pk))
    return _form_page(
        request,
        form,
        lambda: services.update_result(
            user=request.user, result=result, data=form.service_data(), based_on=based_on(form)
        ),
        template="workspace/result_form.html",
        context={"program": result.program, "title": _("Edit result")},
        success=_("Result saved."),
        then=lambda saved: _program_results_url(saved.program_id),
        after_conflict=lambda exc: form_after_conflict(form, exc, instance=copy.copy(exc.current)),
    )


@login_required
def indicator_new(request, pk: int):
    result = visible_result(request.user, pk)
    _require_editor(request.user, result.program)
    form = IndicatorForm(request.POST or None, instance=Indicator(result=result))
    return _form_page(
        request,
        form,
        lambda: services.create_indicator(
            user=request.user, result=result, data=form.service_data(), dimensions=form.cleaned_data["dimensions"]
        ),
        template="workspace/indicator_form.html",
        context={"program": result.program, "result": result, "title": _("New indicator")},
        success=_("Indicator added."),
        then=lambda indicator: indicator.get_workspace_url(),
    )


@login_required
def indicator_edit(request, pk: int):
    indicator = visible_indicator(request.user, pk)
    _require_editor(request.user, indicator.result.program)
    # The form validates a copy, so the service still compares against the stored values.
    form = IndicatorForm(request.POST or None, instance=Indicator.objects.get(pk=indicator.pk))
    return _form_page(
        request,
        form,
        lambda: services.update_indicator(
            user=request.user,
            indicator=indicator,
            data=form.service_data(),
            dimensions=form.cleaned_data["dimensions"],
            based_on=based_on(form),
        ),
        template="workspace/indicator_form.html",
        context={"program": indicator.result.program, "result": indicator.result, "title": _("Edit indicator")},
        success=_("Indicator saved."),
        then=lambda saved: saved.get_workspace_url(),
        after_conflict=lambda exc: form_after_conflict(
            form,
            exc,
            instance=copy.copy(exc.current),
            initial={"dimensions": dimensions_text(exc.current, getattr(exc, "child_mine", {}))},
        ),
    )


@login_required
def indicator_detail(request, pk: int):
    indicator = visible_indicator(request.user, pk)
    program = indicator.result.program
    periods = permissions.visible_periods(request.user, indicator.periods.order_by("start"))
    context = {
        "indicator": indicator,
        "program": program,
        "dimensions": indicator.dimensions.all(),
        "periods": periods.select_related("submitted_state"),
        "today": timezone.localdate(),
        "can_edit": permissions.can_edit_results(request.user, program),
        "history": versions.change_log(indicator, versions.DIMENSIONS),
    }
    return render(request, "workspace/indicator_detail.html", context)


@login_required
def period_new(request, pk: int):
    indicator = visible_indicator(request.user, pk)
    _require_editor(request.user, indicator.result.program)
    form = PeriodForm(request.POST or None, instance=ReportingPeriod(indicator=indicator))
    return _form_page(
        request,
        form,
        lambda: services.create_period(user=request.user, indicator=indicator, data=form.service_data()),
        template="workspace/period_form.html",
        context={"program": indicator.result.program, "indicator": indicator, "title": _("New reporting period")},
        success=_("Reporting period added."),
        then=lambda period: indicator.get_workspace_url(),
    )


@login_required
def period_edit(request, pk: int):
    period = visible_period(request.user, pk)
    _require_editor(request.user, period.indicator.result.program)
    form = PeriodForm(request.POST or None, instance=ReportingPeriod.objects.get(pk=period.pk))
    return _form_page(
        request,
        form,
        lambda: services.update_period(
            user=request.user, period=period, data=form.service_data(), based_on=based_on(form)
        ),
        template="workspace/period_form.html",
        context={"program": period.indicator.result.program, "indicator": period.indicator, "title": _("Edit period")},
        success=_("Period saved."),
        then=lambda saved: saved.get_workspace_url(),
        after_conflict=lambda exc: form_after_conflict(form, exc, instance=copy.copy(exc.current)),
    )


@login_required
def period_detail(request, pk: int):
    period = visible_period(request.user, pk)
    user, program = request.user, period.indicator.result.program
    context = {
        "period": period,
        "indicator": period.indicator,
        "program": program,
        "breakdowns": period.breakdowns.select_related("dimension") if _actual_visible(period) else [],
        "is_late": period.is_late(timezone.localdate()),
        "can_edit": permissions.can_edit_results(user, program) and not period.is_locked,
        "can_submit": permissions.can_submit_actual(user, period, program),
        "can_review": permissions.can_review_actual(user, period, program),
        "return_form": ReturnForm(),
        # The history holds every draft value, even of an approved period: only for those who see drafts.
        "history": versions.change_log(period, versions.BREAKDOWNS)
        if permissions.can_see_draft_actuals(user, program)
        else [],
    }
    return render(request, "workspace/period_detail.html", context)


@login_required
def period_actual(request, pk: int):
    period = visible_period(request.user, pk)
    _require_editor(request.user, period.indicator.result.program)
    form = ActualForm(request.POST or None, request.FILES or None, initial=actual_initial(period), period=period)
    return _form_page(
        request,
        form,
        lambda: services.record_actual(
            user=request.user, period=period, based_on=based_on(form), **form.service_kwargs()
        ),
        template="workspace/period_actual.html",
        context={"period": period, "program": period.indicator.result.program, "max_mb": _max_mb()},
        success=_("Actual saved as a draft; submit it when it is ready for the other side."),
        then=lambda saved: saved.get_workspace_url(),
        after_conflict=lambda exc: form_after_conflict(
            form, exc, initial=form.initial_after_conflict(exc, exc.current), period=exc.current
        ),
    )


def _max_mb() -> int:
    return settings.UPLOAD_MAX_BYTES // (1024 * 1024)


def _workflow_step(request, period: ReportingPeriod, step, success: str):
    """Take a step (submit, approve, return) on the version of the period the page showed."""
    try:
        step(posted_version(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except EditConflict as exc:
        messages.error(request, exc.summary + " " + _("Review it, then try again."))
    else:
        messages.success(request, success)
    return redirect(period.get_workspace_url())


@login_required
@require_POST
def period_submit(request, pk: int):
    period = visible_period(request.user, pk)
    return _workflow_step(
        request,
        period,
        lambda version: services.submit_actual(user=request.user, period=period, based_on=version),
        _("Actual submitted; the other side's ministry will approve or return it."),
    )


@login_required
@require_POST
def period_approve(request, pk: int):
    period = visible_period(request.user, pk)
    return _workflow_step(
        request,
        period,
        lambda version: services.approve_actual(user=request.user, period=period, based_on=version),
        _("Actual approved: it is now locked and public."),
    )


@login_required
@require_POST
def period_return(request, pk: int):
    period = visible_period(request.user, pk)
    form = ReturnForm(request.POST)
    comment = form.cleaned_data["review_comment"] if form.is_valid() else ""
    return _workflow_step(
        request,
        period,
        lambda version: services.return_actual(user=request.user, period=period, comment=comment, based_on=version),
        _("Actual returned for revision."),
    )


def evidence_document(request, pk: int):
    """The evidence document of a period's actual, to whoever may see that actual (the public: once approved)."""
    period = visible_period(request.user, pk)
    if not _actual_visible(period):
        raise Http404(_("No evidence document you may see."))
    return file_response(period.evidence_document, f"period-{period.pk}-evidence")
