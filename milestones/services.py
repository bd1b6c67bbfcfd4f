"""Writes on milestones: log, update status with evidence, mark missed, joint cancellation, publish.

Rules not obvious from the model:
- Achieving a milestone needs evidence: a link or an uploaded document.
- A milestone is marked missed only once its due date has passed.
- Cancellation is joint only: one side proposes, a ministry of the other
  state confirms; it then counts as cancelled jointly.
- Every change is written field by field on the row as stored now, its rules
  checked there (see `core.versioning`); with `based_on`, a write that would
  undo a change someone made meanwhile raises `EditConflict`.
"""

from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import versioning
from core.i18n import translation_field_names
from core.uploads import validate_upload
from core.versioning import BasedOn
from notifications.models import Kind
from notifications.services import notify
from programs.models import Program
from programs.selectors import program_staff
from programs.services import write_publication

from . import permissions
from .models import OPEN_STATUSES, CancellationProposal, Milestone, MilestoneStatus, ProposalStatus

# The title in the other interface languages (title_ar, ...), kept by django-modeltrans in `i18n`.
TITLE_TRANSLATIONS = translation_field_names("title")
# Statuses a ministry sets directly; "missed" and "cancelled" have their own services.
DIRECT_STATUSES = (MilestoneStatus.PLANNED, MilestoneStatus.IN_PROGRESS, MilestoneStatus.ACHIEVED)


def _require_editor(user: User, program: Program) -> None:
    permissions.require(
        permissions.can_edit_milestones(user, program),
        _("Only ministry staff of either state may change this program's milestones."),
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
        raise ValidationError(_("Unknown translations: %(names)s.") % {"names": ", ".join(sorted(unknown))})
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
    versioning.credit(milestone, user)
    milestone.save()
    return milestone


def _evidence_upload(evidence_document: UploadedFile) -> UploadedFile:
    try:
        validate_upload(evidence_document)
    except ValidationError as exc:
        raise ValidationError({"evidence_document": exc.messages}) from exc
    return evidence_document


@transaction.atomic
def update_milestone_status(
    *,
    user: User,
    milestone: Milestone,
    status: str,
    achieved_date: date | None = None,
    evidence_url: str = "",
    evidence_document: UploadedFile | None = None,
    based_on: BasedOn | None = None,
) -> Milestone:
    """Move a milestone to planned, in progress or achieved, attaching evidence.

    Achieved needs an achieved date and evidence (new or already attached). A
    replaced evidence document is deleted once the change commits.
    """
    _require_editor(user, milestone.program)
    if status not in DIRECT_STATUSES:
        raise ValidationError({"status": _("Use “mark missed” or a joint cancellation for that status.")})
    sent: dict[str, Any] = {
        "status": status,
        "achieved_date": achieved_date if status == MilestoneStatus.ACHIEVED else None,
    }
    if evidence_url:
        sent["evidence_url"] = evidence_url
    if evidence_document is not None:
        sent["evidence_document"] = _evidence_upload(evidence_document)

    def check(current: Milestone, changes: dict[str, Any]) -> None:
        if current.status == MilestoneStatus.CANCELLED:
            raise ValidationError({"status": _("A cancelled milestone cannot change status.")})
        has_evidence = changes.get("evidence_url", current.evidence_url) or changes.get(
            "evidence_document", current.evidence_document
        )
        if changes.get("status", current.status) == MilestoneStatus.ACHIEVED and not has_evidence:
            raise ValidationError({"evidence_url": _("An achieved milestone needs evidence: a link or a document.")})

    return versioning.write(milestone, user=user, sent=sent, based_on=based_on, check=check)


@transaction.atomic
def mark_missed(
    *, user: User, milestone: Milestone, today: date | None = None, based_on: BasedOn | None = None
) -> Milestone:
    """Record that an open milestone was not delivered by its due date."""
    _require_editor(user, milestone.program)
    today = today or timezone.localdate()

    def check(current: Milestone, changes: dict[str, Any]) -> None:
        if current.status not in OPEN_STATUSES:
            raise ValidationError(_("Only a planned or in-progress milestone can be marked missed."))
        if current.due_date >= today:
            raise ValidationError(_("A milestone can be marked missed only after its due date."))

    sent = {"status": MilestoneStatus.MISSED}
    return versioning.write(milestone, user=user, sent=sent, based_on=based_on, check=check)


@transaction.atomic
def propose_cancellation(*, user: User, milestone: Milestone, reason: str) -> CancellationProposal:
    """Propose cancelling an open milestone; the other state's ministry must confirm."""
    _require_editor(user, milestone.program)
    state = permissions.staff_state(user)
    if state is None:
        raise PermissionDenied(_("Only ministry staff propose a joint cancellation."))
    milestone = versioning.lock(milestone)  # its status and proposals as they are now
    if milestone.status not in OPEN_STATUSES:
        raise ValidationError(_("Only a planned or in-progress milestone can be cancelled."))
    if milestone.cancellation_proposals.filter(status=ProposalStatus.PENDING).exists():
        raise ValidationError(_("A cancellation of this milestone is already awaiting the other side."))
    proposal = CancellationProposal(milestone=milestone, proposing_state_id=state, proposed_by=user, reason=reason)
    proposal.full_clean()
    versioning.credit(proposal, user)
    proposal.save()
    _tell_the_other_side(
        proposal,
        _("%(state)s proposes cancelling “%(milestone)s” of %(program)s: “%(reason)s” Confirm or decline it."),
        actor=user,
    )
    return proposal


def _close_proposal(proposal: CancellationProposal, *, user: User, status: str) -> None:
    proposal.status = status
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    versioning.credit(proposal, user)
    proposal.save(update_fields=["status", "decided_by", "decided_at"])


def _tell_the_other_side(proposal: CancellationProposal, text: str, *, actor: User) -> None:
    """Notify the staff of the state that did not propose (who decide) about the proposal."""
    milestone = proposal.milestone
    dyad = milestone.program.dyad
    other = dyad.state_b_id if proposal.proposing_state_id == dyad.state_a_id else dyad.state_a_id
    _notify_about(proposal, text, recipients=program_staff(milestone.program, state=other), actor=actor)


def _notify_about(proposal: CancellationProposal, text: str, *, recipients, actor: User) -> None:
    milestone = proposal.milestone
    values = {
        "state": proposal.proposing_state.name,
        "milestone": milestone.title,
        "program": milestone.program.title,
        "reason": proposal.reason,
    }
    link = reverse("workspace:milestone", kwargs={"pk": milestone.pk})
    notify(recipients=recipients, kind=Kind.CANCELLATION, text=text % values, link=link, actor=actor)


@transaction.atomic
def decide_cancellation(*, user: User, proposal: CancellationProposal, confirm: bool) -> CancellationProposal:
    """Confirm (the milestone becomes jointly cancelled) or decline a pending proposal."""
    proposal = versioning.lock(proposal)  # decided once, whoever clicks first
    permissions.require(
        permissions.can_decide_cancellation(user, proposal),
        _("Only the other state's ministry may confirm or decline this cancellation."),
    )
    _close_proposal(proposal, user=user, status=ProposalStatus.CONFIRMED if confirm else ProposalStatus.DECLINED)
    if confirm:

        def check(current: Milestone, changes: dict[str, Any]) -> None:
            if current.status not in OPEN_STATUSES:
                raise ValidationError(_("The milestone is no longer open, so it cannot be cancelled."))

        sent = {"status": MilestoneStatus.CANCELLED, "cancelled_jointly": True, "achieved_date": None}
        versioning.write(proposal.milestone, user=user, sent=sent, check=check)
    text = (
        _("The other side confirmed cancelling “%(milestone)s” of %(program)s, as %(state)s proposed.")
        if confirm
        else _("The other side declined cancelling “%(milestone)s” of %(program)s, which %(state)s proposed.")
    )
    proposers = program_staff(proposal.milestone.program, state=proposal.proposing_state_id)
    _notify_about(proposal, text, recipients=[*proposers, *filter(None, [proposal.proposed_by])], actor=user)
    return proposal


@transaction.atomic
def withdraw_cancellation(*, user: User, proposal: CancellationProposal) -> CancellationProposal:
    """The proposing state's staff withdraw their pending proposal."""
    proposal = versioning.lock(proposal)
    permissions.require(
        permissions.can_withdraw_cancellation(user, proposal),
        _("Only the proposing side may withdraw a pending cancellation."),
    )
    _close_proposal(proposal, user=user, status=ProposalStatus.WITHDRAWN)
    _tell_the_other_side(
        proposal, _("%(state)s withdrew its proposal to cancel “%(milestone)s” of %(program)s."), actor=user
    )
    return proposal


@transaction.atomic
def set_milestone_published(
    *, user: User, milestone: Milestone, published: bool = True, reason: str = "", based_on: BasedOn | None = None
) -> Milestone:
    """Publish (or withdraw, with a reason) a milestone; coordinators of the program's dyad only."""
    permissions.require(
        permissions.can_publish(user, milestone.program.dyad),
        _("Only a coordinator of this dyad may publish its milestones."),
    )

    def announce(current: Milestone) -> None:
        if current.program.is_published:  # public only once its program is; publishing that tells its staff
            notify(
                recipients=program_staff(current.program),
                kind=Kind.PUBLICATION,
                text=_("The milestone “%(milestone)s” of %(program)s is now public.")
                % {"milestone": current.title, "program": current.program.title},
                link=reverse("workspace:milestone", kwargs={"pk": current.pk}),
                actor=user,
            )

    return write_publication(
        milestone, user=user, published=published, reason=reason, based_on=based_on, announce=announce
    )
