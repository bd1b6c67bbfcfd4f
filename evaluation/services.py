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
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import versioning
from core.uploads import validate_upload
from core.versioning import BasedOn
from notifications.models import Kind
from notifications.services import notify
from programs.models import Program
from programs.selectors import dyad_coordinators, program_staff
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
        _("Only a coordinator of this dyad may assign evaluators."),
    )
    conflict = permissions.independence_conflict(evaluator, program)
    if conflict:
        raise ValidationError(
            {"evaluator": _("%(user)s cannot be assigned: %(reason)s") % {"user": evaluator, "reason": conflict}}
        )
    if program.evaluator_assignments.filter(evaluator=evaluator).exists():
        raise ValidationError({"evaluator": _("%(user)s is already assigned to this program.") % {"user": evaluator}})
    assignment = EvaluatorAssignment(program=program, evaluator=evaluator, assigned_by=user)
    assignment.full_clean()
    versioning.credit(assignment, user)
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError as exc:  # a concurrent identical assignment
        raise ValidationError(
            {"evaluator": _("%(user)s is already assigned to this program.") % {"user": evaluator}}
        ) from exc
    return assignment


@transaction.atomic
def unassign_evaluator(*, user: User, assignment: EvaluatorAssignment) -> None:
    """Remove an assignment; the evaluator's filed evaluations stay."""
    permissions.require(
        permissions.can_assign_evaluators(user, assignment.program),
        _("Only a coordinator of this dyad may change its evaluators."),
    )
    versioning.credit(assignment, user)  # the history's "deleted" row names who removed it
    assignment.delete()


def _draft_changes(data: dict[str, Any], report_document: UploadedFile | None) -> dict[str, Any]:
    unknown = set(data) - set(DRAFT_FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be set here: %(names)s.") % {"names": ", ".join(sorted(unknown))})
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
        _("Only an evaluator assigned to this program may file an evaluation of it."),
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
        _("Only the evaluator may change this evaluation, and only before it is submitted."),
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
        _("Only the assigned evaluator may submit this draft."),
    )
    if not declaration_signed:
        raise ValidationError(
            {"independence_declared": _("Sign the conflict-of-interest declaration to submit the evaluation.")}
        )
    conflict = permissions.independence_conflict(user, evaluation.program)
    if conflict:
        raise ValidationError(
            {"independence_declared": _("You cannot evaluate this program: %(reason)s") % {"reason": conflict}}
        )
    if all(rating is None for rating in evaluation.ratings()):
        raise ValidationError(_("Rate the program on at least one of the six criteria before submitting."))
    sent = {"independence_declared": True, "declared_at": timezone.now(), "is_submitted": True}
    evaluation = versioning.write(evaluation, user=user, sent=sent, based_on=based_on)
    notify(
        recipients=dyad_coordinators(evaluation.program.dyad),
        kind=Kind.SUBMISSION,
        text=_("%(organisation)s submitted an evaluation of “%(program)s” (%(dyad)s) for review.")
        % {"organisation": evaluation.organisation, "program": evaluation.program, "dyad": evaluation.program.dyad},
        link=_evaluation_link(evaluation),
        actor=user,
    )
    return evaluation


def _evaluation_link(evaluation: Evaluation) -> str:
    return reverse("workspace:evaluation", kwargs={"pk": evaluation.pk})


@transaction.atomic
def return_evaluation(
    *, user: User, evaluation: Evaluation, reason: str, based_on: BasedOn | None = None
) -> Evaluation:
    """Send a submitted, unpublished evaluation back to its evaluator; coordinators of the dyad only.

    It becomes a draft again, with the reason (also kept in its history): the
    evaluator changes it, signs the declaration anew (it was signed for the
    submitted text) and resubmits.
    """
    permissions.require(
        permissions.can_publish(user, evaluation.program.dyad),
        _("Only a coordinator of this dyad may return its evaluations."),
    )
    versioning.lock(evaluation)
    if not evaluation.is_submitted or evaluation.is_published:
        raise ValidationError(_("Only a submitted evaluation that is not public can be returned."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say what the evaluator should change.")})
    sent = {
        "is_submitted": False,
        "independence_declared": False,
        "declared_at": None,
        "returned_at": timezone.now(),
        "return_reason": reason.strip(),
    }
    evaluation = versioning.write(evaluation, user=user, sent=sent, based_on=based_on, reason=reason.strip())
    notify(
        recipients=[evaluation.evaluator] if evaluation.evaluator else [],
        kind=Kind.RETURN,
        text=_("Your evaluation of “%(program)s” was returned for changes: “%(reason)s”")
        % {"program": evaluation.program, "reason": evaluation.return_reason},
        link=reverse("workspace:evaluation_edit", kwargs={"pk": evaluation.pk}),
        actor=user,
    )
    return evaluation


@transaction.atomic
def set_evaluation_published(
    *, user: User, evaluation: Evaluation, published: bool = True, reason: str = "", based_on: BasedOn | None = None
) -> Evaluation:
    """Publish (or withdraw, with a reason) a submitted evaluation; coordinators of the dyad only."""
    permissions.require(
        permissions.can_publish(user, evaluation.program.dyad),
        _("Only a coordinator of this dyad may publish its evaluations."),
    )

    def check(current: Evaluation, changes: dict[str, Any]) -> None:
        if published and not current.is_submitted:
            raise ValidationError(_("Only a submitted evaluation can be published."))

    def announce(current: Evaluation) -> None:
        if current.program.is_published:  # public only once its program is
            notify(
                recipients=[*program_staff(current.program), *filter(None, [current.evaluator])],
                kind=Kind.PUBLICATION,
                text=_("The evaluation of “%(program)s” by %(organisation)s is now public.")
                % {"program": current.program, "organisation": current.organisation},
                link=_evaluation_link(current),
                actor=user,
            )

    return write_publication(
        evaluation, user=user, published=published, reason=reason, based_on=based_on, check=check, announce=announce
    )
