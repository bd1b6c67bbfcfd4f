"""Workspace pages that gather several apps' records: the to-do list everyone lands on, my programs,
a program's page (milestone timeline, evaluations, history), the coordinator's review and search."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.history import change_log
from core.views import back_to, local_next
from evaluation import permissions as evaluation_permissions
from evaluation.models import Evaluation
from milestones.models import DUE_SOON_DAYS
from notifications.models import Notification
from programs import permissions
from programs.views import visible_program
from results import permissions as result_permissions
from results import selectors as result_selectors
from results.models import Result
from trustindex import index_status

from . import review, search, selectors, todo
from .forms import ReviewFilterForm, SearchForm


@login_required
def home(request):
    """The user's to-do list: what needs them now, by role, and their newest unread notifications."""
    user = request.user
    context = {
        "sections": todo.todo_sections(user, timezone.localdate()),
        "notifications": list(Notification.objects.filter(user=user).unread()[:5]),
        "has_role": permissions.profile_of(user) is not None or user.is_superuser,
        "can_create": permissions.staff_state(user) is not None or user.is_superuser,
    }
    return render(request, "workspace/home.html", context)


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
        "side_a": program.dyad.side_name("a"),
        "side_b": program.dyad.side_name("b"),
        # Told to the dyad's ministries and coordinators, who can fix what stops its index.
        "index_warnings": index_status.failing([program.dyad_id])
        if permissions.can_edit_program(user, program) or permissions.is_coordinator_for(user, program.dyad)
        else [],
    }
    return render(request, "workspace/program_detail.html", context)


def _require_coordinator(user) -> None:
    permissions.require(permissions.coordinated_dyad_ids(user) != set(), _("Only coordinators review and publish."))


@login_required
def coordinator(request):
    """The coordinator's review: what awaits publication (filtered), pending cancellations, assignments."""
    user = request.user
    _require_coordinator(user)
    filters = ReviewFilterForm(request.GET or None, user=user)
    context = {
        "filters": filters,
        "items": review.pending_items(user, **filters.filters()),
        "pending_cancellations": todo.pending_cancellations(user, timezone.localdate()),
        "programs": selectors.coordinator_programs(user),
        "here": request.get_full_path(),
        "limit": review.REVIEW_LIMIT,
        "index_warnings": index_status.failing(permissions.coordinated_dyad_ids(user)),
    }
    return render(request, "workspace/coordinator.html", context)


@login_required
@require_POST
def coordinator_publish(request):
    """Publish the selected items: first a confirmation listing them, then a result for each."""
    user = request.user
    _require_coordinator(user)
    only = request.GET.get("only")  # a row's own Publish button: that item, at once
    if only:
        result = review.publish_items(user, [only])[0]
        label = result.item.kind_label if result.item else _("Item")
        if result.published:
            messages.success(request, _("%(label)s published.") % {"label": label})
        else:
            messages.error(request, result.message)
        return back_to(request, "workspace:coordinator")
    keys = request.POST.getlist("items")
    if not keys:
        messages.error(request, _("Tick at least one item to publish."))
        return back_to(request, "workspace:coordinator")
    back = local_next(request, "workspace:coordinator")
    if request.POST.get("confirm") != "1":
        context = {"chosen": review.resolve(user, keys), "keys": keys, "next": back}
        return render(request, "workspace/coordinator_confirm.html", context)
    results = review.publish_items(user, keys)
    context = {
        "results": results,
        "published": sum(r.published for r in results),
        "refused": sum(not r.published for r in results),
        "next": back,
    }
    return render(request, "workspace/coordinator_results.html", context)


@login_required
def workspace_search(request):
    """Search what the user may see, drafts included."""
    form = SearchForm(request.GET or None)
    text = form.cleaned_data["q"] if form.is_valid() else ""
    results = search.workspace_search(request.user, text) if text else None
    return render(request, "workspace/search.html", {"form": form, "q": text, "results": results})
