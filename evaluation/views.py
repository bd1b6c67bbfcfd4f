"""Workspace pages for evaluations: the evaluator's inbox, filing, publishing, assigning evaluators."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.files import file_response
from core.forms import add_service_errors, based_on, form_after_conflict
from core.history import change_log
from core.versioning import EditConflict
from core.views import publish_from_post
from programs.views import visible_program

from . import permissions, selectors, services
from .forms import DECLARATION, AssignEvaluatorForm, EvaluationForm, ReturnEvaluationForm
from .models import Evaluation, EvaluatorAssignment


def visible_evaluation(user, pk: int) -> Evaluation:
    qs = permissions.visible_evaluations(user, Evaluation.objects.select_related("program__dyad", "organisation"))
    return get_object_or_404(qs.select_related("evaluator"), pk=pk)


def report_file(request, pk: int):
    """An evaluation's report for whoever may see the evaluation: anyone once it is published,
    its evaluator and the dyad's coordinators before (404 for everyone else)."""
    evaluation = visible_evaluation(request.user, pk)
    return file_response(evaluation.report_document, f"evaluation-{evaluation.pk}-report")


@login_required
def inbox(request):
    """The evaluator's assigned programs with their own evaluations of each."""
    assignments = selectors.evaluator_inbox(request.user)
    return render(request, "workspace/inbox.html", {"assignments": assignments})


def _form(request, instance: Evaluation) -> EvaluationForm:
    submitting = request.method == "POST" and request.POST.get("action") == "submit"
    return EvaluationForm(request.POST or None, request.FILES or None, instance=instance, submitting=submitting)


def _save(request, form: EvaluationForm, program, evaluation: Evaluation | None):
    """Save the draft and, if asked, submit it, all or nothing; returns the evaluation, or None on errors.

    A refused submission leaves the evaluator on the form with the reason next
    to the field, their answers still in it and nothing changed. A draft changed
    meanwhile in a way this save would undo raises EditConflict.
    """
    try:
        with transaction.atomic():
            evaluation = services.save_evaluation_draft(
                user=request.user,
                program=program,
                evaluation=evaluation,
                data=form.service_data(),
                report_document=form.cleaned_data.get("report_document"),
                based_on=based_on(form) if evaluation is not None else None,
            )
            if form.submitting:
                services.submit_evaluation(
                    user=request.user, evaluation=evaluation, declaration_signed=form.cleaned_data["sign_declaration"]
                )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    if form.submitting:
        messages.success(request, _("Evaluation submitted; a coordinator will review and publish it."))
    else:
        messages.success(request, _("Draft saved."))
    return evaluation


@login_required
def evaluation_new(request, pk: int):
    program = visible_program(request.user, pk)
    permissions.require(
        permissions.can_file_evaluation(request.user, program), _("Only an assigned evaluator files an evaluation.")
    )
    form = _form(request, Evaluation(program=program))
    if request.method == "POST" and form.is_valid():
        evaluation = _save(request, form, program, None)
        if evaluation is not None:
            return redirect("workspace:evaluation", pk=evaluation.pk)
    context = {"form": form, "program": program, "declaration": DECLARATION}
    return render(request, "workspace/evaluation_form.html", context)


@login_required
def evaluation_edit(request, pk: int):
    evaluation = visible_evaluation(request.user, pk)
    permissions.require(
        permissions.can_edit_evaluation(request.user, evaluation),
        _("Only the evaluator changes an evaluation, and only before it is submitted."),
    )
    program = evaluation.program
    form = _form(request, copy.copy(evaluation))
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            if _save(request, form, program, evaluation):
                return redirect("workspace:evaluation", pk=evaluation.pk)
        except EditConflict as exc:
            conflict = exc
            form = form_after_conflict(form, exc, instance=copy.copy(exc.current))  # type: ignore[assignment]
    context = {
        "form": form,
        "program": program,
        "evaluation": evaluation,
        "declaration": DECLARATION,
        "conflict": conflict,
    }
    return render(request, "workspace/evaluation_form.html", context, status=409 if conflict else 200)


@login_required
def evaluation_detail(request, pk: int):
    evaluation = visible_evaluation(request.user, pk)
    context = {
        "evaluation": evaluation,
        "program": evaluation.program,
        "can_edit": permissions.can_edit_evaluation(request.user, evaluation),
        "can_publish": permissions.can_publish(request.user, evaluation.program.dyad),
        "can_return": permissions.can_publish(request.user, evaluation.program.dyad)
        and evaluation.is_submitted
        and not evaluation.is_published,
        "history": change_log(evaluation),
    }
    return render(request, "workspace/evaluation_detail.html", context)


@login_required
def evaluation_return(request, pk: int):
    """A coordinator sends a submitted evaluation back to its evaluator, saying what to change."""
    evaluation = visible_evaluation(request.user, pk)
    permissions.require(
        permissions.can_publish(request.user, evaluation.program.dyad),
        _("Only a coordinator of this dyad returns its evaluations."),
    )
    form = ReturnEvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.return_evaluation(user=request.user, evaluation=evaluation, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Evaluation returned to its evaluator."))
            return redirect("workspace:evaluation", pk=evaluation.pk)
    context = {"form": form, "evaluation": evaluation, "program": evaluation.program}
    return render(request, "workspace/evaluation_return.html", context)


@login_required
@require_POST
def evaluation_publish(request, pk: int):
    evaluation = visible_evaluation(request.user, pk)
    return publish_from_post(
        request,
        label=_("Evaluation"),
        set_published=lambda **change: services.set_evaluation_published(
            user=request.user, evaluation=evaluation, **change
        ),
        view_name="workspace:evaluation",
        pk=evaluation.pk,
    )


@login_required
def assignments(request, pk: int):
    """A program's evaluators, and the form to assign another (independence enforced)."""
    program = visible_program(request.user, pk)
    permissions.require(
        permissions.can_assign_evaluators(request.user, program),
        _("Only a coordinator of this dyad assigns evaluators."),
    )
    form = AssignEvaluatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assign_evaluator(user=request.user, program=program, evaluator=form.cleaned_data["evaluator"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(user)s assigned.") % {"user": form.cleaned_data["evaluator"]})
            return redirect("workspace:assignments", pk=program.pk)
    current = program.evaluator_assignments.select_related("evaluator__profile__organisation", "assigned_by")
    context = {
        "program": program,
        "form": form,
        "assignments": current,
        "assignment_history": selectors.assignment_history(program),
    }
    return render(request, "workspace/assignments.html", context)


@login_required
@require_POST
def unassign(request, pk: int):
    assignment = get_object_or_404(EvaluatorAssignment.objects.select_related("program__dyad"), pk=pk)
    services.unassign_evaluator(user=request.user, assignment=assignment)
    messages.success(request, _("%(user)s unassigned.") % {"user": assignment.evaluator})
    return redirect("workspace:assignments", pk=assignment.program_id)
