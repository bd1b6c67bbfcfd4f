"""Writes on evaluations: assign evaluators, save drafts, submit with a declaration, publish.

Independence is enforced, not only declared: an evaluator whose
organisation is based in either state, or who is listed on the program,
cannot be assigned, nor submit. Submitting needs the signed
conflict-of-interest declaration, stamped with its time. A submitted
evaluation is frozen; a published one is withdrawn only with a reason, kept
in its history. Drafts are written field by field (see `core.versioning`).
"""

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from core import versioning
from core.uploads import validate_upload
from core.versioning import BasedOn
from programs.models import Program
from programs.services import write_publication

from . import permissions
from .models import Evaluation, EvaluatorAssignment
from .scoring import DAC_CRITERIA

DRAFT_FIELDS = (*DAC_CRITERIA, "date", "summary")


@transaction.atomic
def assign_evaluator(*, user: User, program: Program, evaluator: User) -> EvaluatorAssignment:
    """Assign an independent evaluator to a program; coordinators of its dyad only."""
    permissions.require(
        permissions.can_assign_evaluators(user, program),
        "Only a coordinator of this dyad may assign evaluators.",
    )
    conflict = permissions.independence_conflict(evaluator, program)
    if conflict:
        raise ValidationError({"evaluator": f"{evaluator} cannot be assigned: {conflict}"})
    if program.evaluator_assignments.filter(evaluator=evaluator).exists():
        raise ValidationError({"evaluator": f"{evaluator} is already assigned to this program."})
    assignment = EvaluatorAssignment(program=program, evaluator=evaluator, assigned_by=user)
    assignment.full_clean()
    versioning.credit(assignment, user)
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError as exc:  # a concurrent identical assignment
        raise ValidationError({"evaluator": f"{evaluator} is already assigned to this program."}) from exc
    return assignment


@transaction.atomic
def unassign_evaluator(*, user: User, assignment: EvaluatorAssignment) -> None:
    """Remove an assignment; the evaluator's filed evaluations stay."""
    permissions.require(
        permissions.can_assign_evaluators(user, assignment.program),
        "Only a coordinator of this dyad may change its evaluators.",
    )
    versioning.credit(assignment, user)  # the history's "deleted" row names who removed it
    assignment.delete()


def _draft_changes(data: dict[str, Any], report_document: UploadedFile | None) -> dict[str, Any]:
    unknown = set(data) - set(DRAFT_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be set here: {', '.join(sorted(unknown))}.")
    sent = dict(data)
    if report_document is not None:
        try:
            validate_upload(report_document)
        except ValidationError as exc:
            raise ValidationError({"report_document": exc.messages}) from exc
        sent["report_document"] = report_document
    return sent


@transaction.atomic
def save_evaluation_draft(
    *,
    user: User,
    program: Program,
    data: dict[str, Any],
    evaluation: Evaluation | None = None,
    report_document: UploadedFile | None = None,
    based_on: BasedOn | None = None,
) -> Evaluation:
    """Create or change the evaluator's own draft evaluation of an assigned program.

    A replaced report is deleted once the change commits.
    """
    permissions.require(
        permissions.can_file_evaluation(user, program),
        "Only an evaluator assigned to this program may file an evaluation of it.",
    )
    sent = _draft_changes(data, report_document)
    if evaluation is not None:
        return _save_existing_draft(user=user, program=program, evaluation=evaluation, sent=sent, based_on=based_on)
    profile = permissions.profile_of(user)
    assert profile is not None and profile.organisation is not None
    evaluation = Evaluation(program=program, evaluator=user, organisation=profile.organisation)
    evaluation.date = timezone.localdate()
    for name, value in sent.items():
        setattr(evaluation, name, value)
    evaluation.full_clean()
    versioning.credit(evaluation, user)
    evaluation.save()
    return evaluation


def _save_existing_draft(*, user, program, evaluation: Evaluation, sent: dict, based_on: BasedOn | None) -> Evaluation:
    versioning.lock(evaluation)  # submitted meanwhile? then it is frozen
    permissions.require(
        evaluation.program_id == program.pk and permissions.can_edit_evaluation(user, evaluation),
        "Only the evaluator may change this evaluation, and only before it is submitted.",
    )
    return versioning.write(evaluation, user=user, sent=sent, based_on=based_on)


@transaction.atomic
def submit_evaluation(
    *, user: User, evaluation: Evaluation, declaration_signed: bool, based_on: BasedOn | None = None
) -> Evaluation:
    """Submit a draft: needs the signed declaration, at least one rating, and no conflict."""
    versioning.lock(evaluation)
    permissions.require(
        permissions.can_edit_evaluation(user, evaluation) and permissions.can_file_evaluation(user, evaluation.program),
        "Only the assigned evaluator may submit this draft.",
    )
    if not declaration_signed:
        raise ValidationError(
            {"independence_declared": "Sign the conflict-of-interest declaration to submit the evaluation."}
        )
    conflict = permissions.independence_conflict(user, evaluation.program)
    if conflict:
        raise ValidationError({"independence_declared": f"You cannot evaluate this program: {conflict}"})
    if all(rating is None for rating in evaluation.ratings()):
        raise ValidationError("Rate the program on at least one of the six criteria before submitting.")
    sent = {"independence_declared": True, "declared_at": timezone.now(), "is_submitted": True}
    return versioning.write(evaluation, user=user, sent=sent, based_on=based_on)


@transaction.atomic
def set_evaluation_published(
    *, user: User, evaluation: Evaluation, published: bool = True, reason: str = "", based_on: BasedOn | None = None
) -> Evaluation:
    """Publish (or withdraw, with a reason) a submitted evaluation; coordinators of the dyad only."""
    permissions.require(
        permissions.can_publish(user, evaluation.program.dyad),
        "Only a coordinator of this dyad may publish its evaluations.",
    )

    def check(current: Evaluation, changes: dict[str, Any]) -> None:
        if published and not current.is_submitted:
            raise ValidationError("Only a submitted evaluation can be published.")

    return write_publication(evaluation, user=user, published=published, reason=reason, based_on=based_on, check=check)
