"""Workspace pages that gather several apps' records: the role's start page, my programs,
a program's page (milestone timeline, evaluations, history) and the coordinator's queue."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone

from core.history import change_log
from evaluation import permissions as evaluation_permissions
from evaluation.models import Evaluation
from milestones.models import DUE_SOON_DAYS
from programs import permissions
from programs.choices import Role
from programs.views import visible_program
from results import permissions as result_permissions
from results import selectors as result_selectors
from results.models import Result
from trustindex import index_status

from . import selectors


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
    programs = selectors.workspace_programs(request.user)
    can_create = permissions.staff_state(request.user) is not None or request.user.is_superuser
    context = {
        "programs": programs,
        "can_create": can_create,
        "due_soon_days": DUE_SOON_DAYS,
        "actuals": result_selectors.actuals_queue(request.user),
        "index_warnings": index_status.failing({program.dyad_id for program in programs}),
    }
    return render(request, "workspace/my_programs.html", context)


@login_required
def program_detail(request, pk: int):
    """The program's workspace page: details, milestone timeline, evaluations, history."""
    program = visible_program(request.user, pk)
    user = request.user
    evaluations = evaluation_permissions.visible_evaluations(
        user, Evaluation.objects.filter(program=program)
    ).select_related("organisation", "evaluator")
    context = {
        "program": program,
        "timeline": selectors.program_timeline(program, user),
        "evaluations": evaluations,
        "results": result_selectors.framework(Result.objects.filter(program=program)),
        "can_see_draft_actuals": result_permissions.can_see_draft_actuals(user, program),
        "today": timezone.localdate(),
        "can_edit": permissions.can_edit_program(user, program),
        "can_publish": permissions.can_publish(user, program.dyad),
        "can_assign": evaluation_permissions.can_assign_evaluators(user, program),
        "can_file": evaluation_permissions.can_file_evaluation(user, program),
        "history": change_log(program),
        # Told to the dyad's ministries and coordinators, who can fix what stops its index.
        "index_warnings": index_status.failing([program.dyad_id])
        if permissions.can_edit_program(user, program) or permissions.is_coordinator_for(user, program.dyad)
        else [],
    }
    return render(request, "workspace/program_detail.html", context)


@login_required
def coordinator(request):
    """What awaits the coordinator: drafts to publish, submitted evaluations, assignments."""
    user = request.user
    dyad_ids = permissions.coordinated_dyad_ids(user)
    permissions.require(dyad_ids != set(), "Only coordinators have a coordinator page.")
    context = {**selectors.coordinator_queue(user), "index_warnings": index_status.failing(dyad_ids)}
    return render(request, "workspace/coordinator.html", context)
