"""Workspace pages for milestones: log, its page, update status with evidence, missed, cancel, publish."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.files import file_response
from core.forms import add_service_errors, based_on, form_after_conflict
from core.history import change_log
from core.versioning import EditConflict
from core.views import back_to, posted_version, publish_from_post
from programs.views import visible_program

from . import permissions, services
from .forms import CancellationForm, MilestoneForm, MilestoneStatusForm, status_initial
from .models import OPEN_STATUSES, CancellationProposal, Milestone, MilestoneStatus, ProposalStatus


def visible_milestone(user, pk: int) -> Milestone:
    qs = permissions.visible_milestones(user, Milestone.objects.select_related("program__dyad__state_a"))
    return get_object_or_404(qs.select_related("program__dyad__state_b"), pk=pk)


def require_editor(user, milestone: Milestone) -> None:
    permissions.require(
        permissions.can_edit_milestones(user, milestone.program), _("You may not change this program's milestones.")
    )


def evidence_file(request, pk: int):
    """A milestone's evidence document for whoever may see the milestone: anyone once it is
    published, only those who work on it while it is a draft (404 for everyone else)."""
    milestone = visible_milestone(request.user, pk)
    return file_response(milestone.evidence_document, f"milestone-{milestone.pk}-evidence")


@login_required
def milestone_new(request, pk: int):
    program = visible_program(request.user, pk)
    permissions.require(
        permissions.can_edit_milestones(request.user, program), _("You may not add milestones to this program.")
    )
    form = MilestoneForm(request.POST or None, instance=Milestone(program=program))
    if request.method == "POST" and form.is_valid():
        try:
            milestone = services.create_milestone(user=request.user, program=program, **form.service_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Milestone “%(milestone)s” logged.") % {"milestone": milestone})
            return redirect("workspace:program", pk=program.pk)
    return render(request, "workspace/milestone_form.html", {"form": form, "program": program})


@login_required
def milestone_detail(request, pk: int):
    milestone = visible_milestone(request.user, pk)
    user = request.user
    proposals = milestone.cancellation_proposals.select_related("proposing_state", "proposed_by", "decided_by")
    pending = next((p for p in proposals if p.status == ProposalStatus.PENDING), None)
    context = {
        "milestone": milestone,
        "program": milestone.program,
        "proposals": proposals,
        "pending": pending,
        "can_decide": pending is not None and permissions.can_decide_cancellation(user, pending),
        "can_withdraw": pending is not None and permissions.can_withdraw_cancellation(user, pending),
        "can_edit": permissions.can_edit_milestones(user, milestone.program),
        "can_publish": permissions.can_publish(user, milestone.program.dyad),
        "is_overdue": milestone.is_overdue(),
        "is_open": milestone.status in OPEN_STATUSES,
        "history": change_log(milestone),
    }
    return render(request, "workspace/milestone_detail.html", context)


@login_required
def milestone_update(request, pk: int):
    milestone = visible_milestone(request.user, pk)
    require_editor(request.user, milestone)
    initial = status_initial(milestone)
    if request.GET.get("status") == MilestoneStatus.ACHIEVED and milestone.status in OPEN_STATUSES:
        # "Record achievement" links (the to-do list) open the form ready for it.
        initial.update(status=MilestoneStatus.ACHIEVED, achieved_date=timezone.localdate())
    form = MilestoneStatusForm(request.POST or None, request.FILES or None, milestone=milestone, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.update_milestone_status(
                user=request.user, milestone=milestone, based_on=based_on(form), **form.service_data()
            )
        except EditConflict as exc:
            conflict = exc
            current: Milestone = exc.current  # type: ignore[assignment]
            form = form_after_conflict(form, exc, initial=status_initial(current), milestone=current)  # type: ignore[assignment]
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Milestone now “%(status)s”.") % {"status": saved.get_status_display()})
            return redirect("workspace:milestone", pk=milestone.pk)
    context = {
        "form": form,
        "milestone": milestone,
        "conflict": conflict,
        "max_mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024),
    }
    return render(request, "workspace/milestone_update.html", context, status=409 if conflict else 200)


@login_required
@require_POST
def milestone_missed(request, pk: int):
    milestone = visible_milestone(request.user, pk)
    try:
        services.mark_missed(user=request.user, milestone=milestone, based_on=posted_version(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except EditConflict as exc:
        messages.error(request, exc.summary)
    else:
        messages.success(request, _("Milestone marked missed."))
    return redirect("workspace:milestone", pk=milestone.pk)


@login_required
def cancellation_propose(request, pk: int):
    milestone = visible_milestone(request.user, pk)
    require_editor(request.user, milestone)
    form = CancellationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.propose_cancellation(user=request.user, milestone=milestone, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Cancellation proposed; the other side's ministry must confirm it."))
            return redirect("workspace:milestone", pk=milestone.pk)
    return render(request, "workspace/cancellation_form.html", {"form": form, "milestone": milestone})


@login_required
@require_POST
def cancellation_decide(request, pk: int):
    proposal = get_object_or_404(CancellationProposal.objects.select_related("milestone__program__dyad"), pk=pk)
    visible_milestone(request.user, proposal.milestone_id)
    action = request.POST.get("action")
    if action not in ("confirm", "decline", "withdraw"):
        return HttpResponseBadRequest(_("Say whether to confirm, decline or withdraw the cancellation."))
    try:
        if action == "withdraw":
            services.withdraw_cancellation(user=request.user, proposal=proposal)
        else:
            services.decide_cancellation(user=request.user, proposal=proposal, confirm=action == "confirm")
    except ValidationError as exc:
        # e.g. the program's dates changed since: say why, rather than fail.
        messages.error(request, _("The cancellation was not recorded: %(why)s") % {"why": " ".join(exc.messages)})
    else:
        messages.success(request, _("Cancellation %(status)s.") % {"status": proposal.get_status_display().lower()})
    return back_to(request, "workspace:milestone", pk=proposal.milestone_id)


@login_required
@require_POST
def milestone_publish(request, pk: int):
    milestone = visible_milestone(request.user, pk)
    return publish_from_post(
        request,
        label=_("Milestone"),
        set_published=lambda **change: services.set_milestone_published(
            user=request.user, milestone=milestone, **change
        ),
        view_name="workspace:milestone",
        pk=milestone.pk,
    )
