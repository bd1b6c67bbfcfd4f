"""Who may see and change milestones, built on the program rules of `programs.permissions`.

Ministry staff who may edit a program change its milestones; a joint
cancellation is decided by the other state's staff; coordinators of the
dyad publish. The public sees published milestones of published programs;
evaluators see no milestone drafts.
"""

from django.db.models import QuerySet

from programs.choices import Role
from programs.models import Program
from programs.permissions import AnyUser, can_edit_program, can_publish, draft_scope, has_role, require, staff_state

from .models import CancellationProposal, Milestone, ProposalStatus

__all__ = ["can_publish", "require", "staff_state"]  # the program rules milestone services also use


def can_edit_milestones(user: AnyUser, program: Program) -> bool:
    return can_edit_program(user, program)


def can_decide_cancellation(user: AnyUser, proposal: CancellationProposal) -> bool:
    """Staff of the other state (not the proposer's) decide a pending proposal."""
    state = staff_state(user)
    return (
        proposal.status == ProposalStatus.PENDING
        and state is not None
        and state != proposal.proposing_state_id
        and can_edit_milestones(user, proposal.milestone.program)
    )


def can_withdraw_cancellation(user: AnyUser, proposal: CancellationProposal) -> bool:
    """The proposing state's staff withdraw their own pending proposal."""
    return (
        proposal.status == ProposalStatus.PENDING
        and staff_state(user) == proposal.proposing_state_id
        and can_edit_milestones(user, proposal.milestone.program)
    )


def visible_milestones(user: AnyUser, qs: QuerySet[Milestone] | None = None) -> QuerySet[Milestone]:
    """Published milestones of published programs, and the drafts `user` works on."""
    qs = Milestone.objects.all() if qs is None else qs
    if has_role(user, Role.EVALUATOR):
        return qs.filter(Milestone.PUBLISHED).distinct()
    return qs.filter(Milestone.PUBLISHED | draft_scope(user, "program__")).distinct()
