"""Who may assign, file, see and publish evaluations, built on `programs.permissions`.

Evaluators file evaluations only for programs they are assigned to, and
cannot be assigned where their organisation is based in either state of the
dyad or where they are listed on the program. Ministry staff never see
unpublished evaluations; coordinators of the dyad assign and publish.
"""

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from programs.choices import Role
from programs.models import Program
from programs.permissions import (
    AnyUser,
    can_publish,
    coordinated_dyad_ids,
    has_role,
    is_coordinator_for,
    profile_of,
    require,
)

from .models import Evaluation

__all__ = ["can_publish", "profile_of", "require"]  # the program rules evaluation services also use


def independence_conflict(evaluator: User, program: Program) -> str | None:
    """Why `evaluator` may not evaluate `program`, or None when independent."""
    profile = profile_of(evaluator)
    if profile is None or profile.role != Role.EVALUATOR or profile.organisation is None:
        return _("Only a user with an evaluator role and an organisation can be assigned.")
    if profile.organisation.country_id in program.dyad.state_ids():
        return _("%(organisation)s is based in %(country)s, a party to this dyad.") % {
            "organisation": profile.organisation,
            "country": profile.organisation.country,
        }
    if evaluator.pk in (program.created_by_id, program.updated_by_id):
        return _("The evaluator is listed on the program.")
    return None


def can_assign_evaluators(user: AnyUser, program: Program) -> bool:
    return is_coordinator_for(user, program.dyad)


def can_file_evaluation(user: AnyUser, program: Program) -> bool:
    if not has_role(user, Role.EVALUATOR):
        return False
    return program.evaluator_assignments.filter(evaluator_id=user.pk).exists()


def can_edit_evaluation(user: AnyUser, evaluation: Evaluation) -> bool:
    """Evaluators edit their own drafts; once submitted, an evaluation is frozen."""
    return user.is_authenticated and evaluation.evaluator_id == user.pk and not evaluation.is_submitted


def visible_evaluations(user: AnyUser, qs: QuerySet[Evaluation] | None = None) -> QuerySet[Evaluation]:
    """Published evaluations of published programs; evaluators also their own, coordinators their dyads'."""
    qs = Evaluation.objects.all() if qs is None else qs
    if not user.is_authenticated:
        return qs.filter(Evaluation.PUBLISHED)
    ids = coordinated_dyad_ids(user)
    if ids is None:
        return qs
    return qs.filter(Evaluation.PUBLISHED | Q(evaluator_id=user.pk) | Q(program__dyad_id__in=ids)).distinct()
