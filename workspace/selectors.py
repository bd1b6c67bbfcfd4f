"""Reads for the workspace pages: a user's programs with milestone counts, a program's timeline,
the coordinator's programs."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from milestones.models import (
    DUE_SOON_DAYS,
    OPEN_STATUSES,
    CancellationProposal,
    Milestone,
    MilestoneStatus,
    ProposalStatus,
)
from milestones.permissions import visible_milestones
from programs import permissions
from programs.models import Program


def workspace_programs(user: User, today: date | None = None) -> QuerySet[Program]:
    """Programs the user works on (their state's, their dyads', or all), with milestone counts."""
    today = today or timezone.localdate()
    qs = Program.objects.select_related("dyad__state_a", "dyad__state_b")
    state = permissions.staff_state(user)
    dyad_ids = permissions.coordinated_dyad_ids(user)
    if state:
        qs = qs.filter(Q(dyad__state_a_id=state) | Q(dyad__state_b_id=state))
    elif dyad_ids is not None:
        qs = qs.filter(dyad_id__in=dyad_ids)
    soon = today + timedelta(days=DUE_SOON_DAYS)
    return qs.annotate(
        milestone_count=Count("milestones"),
        achieved_count=Count("milestones", filter=Q(milestones__status=MilestoneStatus.ACHIEVED)),
        overdue_count=Count(
            "milestones", filter=Q(milestones__status__in=OPEN_STATUSES, milestones__due_date__lt=today)
        ),
        due_soon_count=Count(
            "milestones",
            filter=Q(
                milestones__status__in=OPEN_STATUSES, milestones__due_date__gte=today, milestones__due_date__lte=soon
            ),
        ),
    ).order_by("dyad__slug", "title")


@dataclass
class Timeline:
    """A program's milestones sorted into what the staff need to act on."""

    overdue: list[Milestone] = field(default_factory=list)
    due_soon: list[Milestone] = field(default_factory=list)
    upcoming: list[Milestone] = field(default_factory=list)
    achieved: list[Milestone] = field(default_factory=list)
    closed: list[Milestone] = field(default_factory=list)  # missed or cancelled

    def sections(self) -> list[tuple[str, str, list[Milestone]]]:
        return [
            ("overdue", pgettext("milestones", "Overdue"), self.overdue),
            (
                "due-soon",
                ngettext("Due in the next %(days)d day", "Due in the next %(days)d days", DUE_SOON_DAYS)
                % {"days": DUE_SOON_DAYS},
                self.due_soon,
            ),
            ("upcoming", _("Upcoming"), self.upcoming),
            ("achieved", pgettext("milestones", "Achieved"), self.achieved),
            ("closed", _("Missed or cancelled"), self.closed),
        ]


def program_timeline(program: Program, user: User, today: date | None = None) -> Timeline:
    """The program's milestones `user` may see, by urgency, in two queries (milestones, pending cancellations).

    Drafts follow the one visibility rule (`milestones.permissions.visible_milestones`): a published
    program's draft milestones are not shown to third states' staff, evaluators or users without a role.
    """
    today = today or timezone.localdate()
    pending = CancellationProposal.objects.filter(status=ProposalStatus.PENDING).select_related("proposing_state")
    milestones = (
        visible_milestones(user, program.milestones.all())
        .prefetch_related(Prefetch("cancellation_proposals", queryset=pending, to_attr="pending_proposals"))
        .order_by("due_date", "id")
    )
    timeline = Timeline()
    soon = today + timedelta(days=DUE_SOON_DAYS)
    for milestone in milestones:
        if milestone.status == MilestoneStatus.ACHIEVED:
            timeline.achieved.append(milestone)
        elif milestone.status not in OPEN_STATUSES:
            timeline.closed.append(milestone)
        elif milestone.due_date < today:
            timeline.overdue.append(milestone)
        elif milestone.due_date <= soon:
            timeline.due_soon.append(milestone)
        else:
            timeline.upcoming.append(milestone)
    timeline.achieved.reverse()  # most recent first
    return timeline


def coordinator_programs(user: User) -> QuerySet[Program]:
    """Programs of the coordinator's dyads with their evaluator count, for assigning evaluators."""
    programs = Program.objects.select_related("dyad__state_a", "dyad__state_b")
    dyad_ids = permissions.coordinated_dyad_ids(user)
    if dyad_ids is not None:
        programs = programs.filter(dyad_id__in=dyad_ids)
    return programs.annotate(evaluator_count=Count("evaluator_assignments")).order_by("dyad__slug", "title")
