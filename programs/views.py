"""Workspace pages for programs: create, edit, publish.

Thin: look the record up among those the user may see (404 otherwise),
check the permission for the page (403 otherwise), call a service. The
program's own workspace page, which shows its milestones and evaluations,
is in the workspace app.
"""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import add_service_errors, based_on, form_after_conflict
from core.versioning import EditConflict
from core.views import publish_from_post

from . import permissions, services
from .forms import ProgramForm
from .models import Program


def visible_program(user, pk: int) -> Program:
    """The program `pk` if `user` may see it; 404 otherwise (a draft's existence is not revealed)."""
    qs = permissions.visible_programs(user, Program.objects.select_related("dyad__state_a", "dyad__state_b"))
    return get_object_or_404(qs, pk=pk)


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
    # The form validates a copy: the service compares what was posted with the version the user opened.
    form = ProgramForm(request.POST or None, instance=copy.copy(program), user=request.user)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_program(
                user=request.user,
                program=program,
                data=form.service_data(),
                co_owners=form.cleaned_data["co_owners"],
                based_on=based_on(form),
            )
        except EditConflict as exc:
            conflict = exc
            form = form_after_conflict(form, exc, instance=copy.copy(exc.current), user=request.user)  # type: ignore[assignment]
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Program saved."))
            return redirect("workspace:program", pk=program.pk)
    context = {"form": form, "program": program, "title": f"Edit {program}", "conflict": conflict}
    return render(request, "workspace/program_form.html", context, status=409 if conflict else 200)


@login_required
@require_POST
def program_publish(request, pk: int):
    program = visible_program(request.user, pk)
    return publish_from_post(
        request,
        label="Program",
        set_published=lambda **change: services.set_program_published(user=request.user, program=program, **change),
        view_name="workspace:program",
        pk=program.pk,
    )
