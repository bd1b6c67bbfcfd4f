"""Writes on milestones: log, update status with evidence, mark missed, joint cancellation, publish.

Rules not obvious from the model:
- Achieving a milestone needs evidence: a link or an uploaded document.
- A milestone is marked missed only once its due date has passed.
- Cancellation is joint only: one side proposes, a ministry of the other
  state confirms; it then counts as cancelled jointly.
"""

from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from core.i18n import translation_field_names
from core.uploads import validate_upload
from programs.models import Program

from . import permissions
from .models import OPEN_STATUSES, CancellationProposal, Milestone, MilestoneStatus, ProposalStatus

# Statuses a ministry sets directly; "missed" and "cancelled" have their own services.
# The title in the other interface languages (title_ar, ...), kept by django-modeltrans in `i18n`.
TITLE_TRANSLATIONS = translation_field_names("title")
DIRECT_STATUSES = (MilestoneStatus.PLANNED, MilestoneStatus.IN_PROGRESS, MilestoneStatus.ACHIEVED)


def _require_editor(user: User, program: Program) -> None:
    permissions.require(
        permissions.can_edit_milestones(user, program),
        "Only ministry staff of either state may change this program's milestones.",
    )


@transaction.atomic
def create_milestone(
    *,
    user: User,
    program: Program,
    title: str,
    due_date: date,
    description: str = "",
    translations: dict[str, str] | None = None,
) -> Milestone:
    """Log a new (planned, unpublished) milestone of `program`.

    `translations` holds the title in other languages by field name (title_ar: ...); empty ones are dropped.
    """
    _require_editor(user, program)
    unknown = set(translations or {}) - set(TITLE_TRANSLATIONS)
    if unknown:
        raise ValidationError(f"Unknown translations: {', '.join(sorted(unknown))}.")
    milestone = Milestone(
        program=program,
        title=title,
        description=description,
        due_date=due_date,
        created_by=user,
        updated_by=user,
        is_published=False,
        i18n={name: text for name, text in (translations or {}).items() if text},
    )
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def update_milestone_status(
    *,
    user: User,
    milestone: Milestone,
    status: str,
    achieved_date: date | None = None,
    evidence_url: str = "",
    evidence_document: UploadedFile | None = None,
) -> Milestone:
    """Move a milestone to planned, in progress or achieved, attaching evidence.

    Achieved needs an achieved date and evidence (new or already attached).
    """
    _require_editor(user, milestone.program)
    if status not in DIRECT_STATUSES:
        raise ValidationError({"status": "Use “mark missed” or a joint cancellation for that status."})
    if milestone.status == MilestoneStatus.CANCELLED:
        raise ValidationError({"status": "A cancelled milestone cannot change status."})
    if evidence_document is not None:
        try:
            validate_upload(evidence_document)
        except ValidationError as exc:
            raise ValidationError({"evidence_document": exc.messages}) from exc
        milestone.evidence_document = evidence_document  # type: ignore[assignment]
    if evidence_url:
        milestone.evidence_url = evidence_url
    milestone.status = status
    milestone.achieved_date = achieved_date if status == MilestoneStatus.ACHIEVED else None
    if status == MilestoneStatus.ACHIEVED and not milestone.has_evidence:
        raise ValidationError({"evidence_url": "An achieved milestone needs evidence: a link or a document."})
    milestone.updated_by = user
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def mark_missed(*, user: User, milestone: Milestone, today: date | None = None) -> Milestone:
    """Record that an open milestone was not delivered by its due date."""
    _require_editor(user, milestone.program)
    today = today or timezone.localdate()
    if milestone.status not in OPEN_STATUSES:
        raise ValidationError("Only a planned or in-progress milestone can be marked missed.")
    if milestone.due_date >= today:
        raise ValidationError("A milestone can be marked missed only after its due date.")
    milestone.status = MilestoneStatus.MISSED
    milestone.updated_by = user
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def propose_cancellation(*, user: User, milestone: Milestone, reason: str) -> CancellationProposal:
    """Propose cancelling an open milestone; the other state's ministry must confirm."""
    _require_editor(user, milestone.program)
    state = permissions.staff_state(user)
    if state is None:
        raise PermissionDenied("Only ministry staff propose a joint cancellation.")
    if milestone.status not in OPEN_STATUSES:
        raise ValidationError("Only a planned or in-progress milestone can be cancelled.")
    if milestone.cancellation_proposals.filter(status=ProposalStatus.PENDING).exists():
        raise ValidationError("A cancellation of this milestone is already awaiting the other side.")
    proposal = CancellationProposal(milestone=milestone, proposing_state_id=state, proposed_by=user, reason=reason)
    proposal.full_clean()
    proposal.save()
    return proposal


@transaction.atomic
def decide_cancellation(*, user: User, proposal: CancellationProposal, confirm: bool) -> CancellationProposal:
    """Confirm (the milestone becomes jointly cancelled) or decline a pending proposal."""
    permissions.require(
        permissions.can_decide_cancellation(user, proposal),
        "Only the other state's ministry may confirm or decline this cancellation.",
    )
    proposal.status = ProposalStatus.CONFIRMED if confirm else ProposalStatus.DECLINED
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.save()
    if confirm:
        milestone = proposal.milestone
        milestone.status = MilestoneStatus.CANCELLED
        milestone.cancelled_jointly = True
        milestone.achieved_date = None
        milestone.updated_by = user
        milestone.full_clean()
        milestone.save()
    return proposal


@transaction.atomic
def withdraw_cancellation(*, user: User, proposal: CancellationProposal) -> CancellationProposal:
    """The proposing state's staff withdraw their pending proposal."""
    permissions.require(
        permissions.can_withdraw_cancellation(user, proposal),
        "Only the proposing side may withdraw a pending cancellation.",
    )
    proposal.status = ProposalStatus.WITHDRAWN
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.save()
    return proposal


@transaction.atomic
def set_milestone_published(*, user: User, milestone: Milestone, published: bool = True) -> Milestone:
    """Publish (or withdraw) a milestone; coordinators of the program's dyad only."""
    permissions.require(
        permissions.can_publish(user, milestone.program.dyad),
        "Only a coordinator of this dyad may publish its milestones.",
    )
    milestone.is_published = published
    milestone.updated_by = user
    milestone.full_clean()
    milestone.save()
    return milestone
