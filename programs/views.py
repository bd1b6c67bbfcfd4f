"""Workspace pages for programs: my programs, create, edit, the program's page, publish.

Thin: look the record up among those the user may see (404 otherwise),
check the permission for the page (403 otherwise), call a service.
"""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from evaluation.models import Evaluation
from programs.choices import Role

from . import permissions, services, workspace_selectors
from .forms import ProgramForm, add_service_errors
from .history import change_log
from .models import Program


def back_to(request, view_name: str, **kwargs):
    """Redirect to the form's local `next` page if given, else to `view_name`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(view_name, **kwargs)


def publish_from_post(request, *, label: str, set_published, view_name: str, pk: int):
    """Publish or withdraw a record as the POSTed `published` flag says, report it, and go back.

    `set_published(published)` calls the record's publish service; a rule it
    refuses (ValidationError) is shown as a message, not an error page.
    """
    published = request.POST.get("published") == "1"
    try:
        set_published(published)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{label} {'published' if published else 'withdrawn from the public site'}.")
    return back_to(request, view_name, pk=pk)


def visible_program(user, pk: int) -> Program:
    qs = permissions.visible_programs(user, Program.objects.select_related("dyad__state_a", "dyad__state_b"))
    return get_object_or_404(qs, pk=pk)


@login_required
def home(request):
    """Send each role to the page where its work starts."""
    profile = permissions.profile_of(request.user)
    role = profile.role if profile else None
    if role == Role.EVALUATOR:
        return redirect("workspace:inbox")
    if role == Role.COORDINATOR:
        return redirect("workspace:coordinator")
    return redirect("workspace:programs")


@login_required
def my_programs(request):
    programs = workspace_selectors.workspace_programs(request.user)
    can_create = permissions.staff_state(request.user) is not None or request.user.is_superuser
    return render(request, "workspace/my_programs.html", {"programs": programs, "can_create": can_create})


@login_required
def program_new(request):
    permissions.require(
        permissions.staff_state(request.user) is not None or request.user.is_superuser,
        "Only ministry staff create programs.",
    )
    form = ProgramForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            program = services.create_program(
                user=request.user, dyad=form.cleaned_data["dyad"], data=form.service_data()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Program “{program}” created as a draft.")
            return redirect("workspace:program", pk=program.pk)
    return render(request, "workspace/program_form.html", {"form": form, "title": "New program"})


@login_required
def program_edit(request, pk: int):
    program = visible_program(request.user, pk)
    permissions.require(permissions.can_edit_program(request.user, program), "You may not edit this program.")
    # The form validates a copy, so the service still compares against the stored values.
    form = ProgramForm(request.POST or None, instance=copy.copy(program), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_program(
                user=request.user,
                program=program,
                data=form.service_data(),
                co_owners=form.cleaned_data["co_owners"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Program saved.")
            return redirect("workspace:program", pk=program.pk)
    context = {"form": form, "program": program, "title": f"Edit {program}"}
    return render(request, "workspace/program_form.html", context)


@login_required
def program_detail(request, pk: int):
    """The program's workspace page: details, milestone timeline, evaluations, history."""
    program = visible_program(request.user, pk)
    user = request.user
    evaluations = permissions.visible_evaluations(user, Evaluation.objects.filter(program=program)).select_related(
        "organisation", "evaluator"
    )
    context = {
        "program": program,
        "timeline": workspace_selectors.program_timeline(program),
        "evaluations": evaluations,
        "can_edit": permissions.can_edit_program(user, program),
        "can_publish": permissions.can_publish(user, program.dyad),
        "can_assign": permissions.can_assign_evaluators(user, program),
        "can_file": permissions.can_file_evaluation(user, program),
        "history": change_log(program),
    }
    return render(request, "workspace/program_detail.html", context)


@login_required
@require_POST
def program_publish(request, pk: int):
    program = visible_program(request.user, pk)
    return publish_from_post(
        request,
        label="Program",
        set_published=lambda published: services.set_program_published(
            user=request.user, program=program, published=published
        ),
        view_name="workspace:program",
        pk=program.pk,
    )
