"""Who may see and do what with programs: the base of the permission layer.

Services, pages and the API all ask these functions. The milestones and
evaluation apps add their own rules in their `permissions` modules, built on
the roles read here.

Roles (see `Profile`):
- ministry staff act for a ministry of one state: they create and edit
  programs of dyads their state belongs to, and those programs' milestones;
  a program's side-specific details (implementing body, owning ministry,
  contribution) are editable only by that side's staff, unless the program
  names their ministry as a co-owner. They never see unpublished evaluations.
- evaluators file evaluations only for programs they are assigned to, and
  cannot be assigned where their organisation is based in either state of
  the dyad or where they are listed on the program.
- coordinators (global, or per dyad) assign evaluators and publish.
- the public (anyone, logged in or not) sees published records only.
Superusers may do everything.
"""

from django.db.models import Q, QuerySet

from core.permissions import AnyUser, require

from .choices import Role
from .models import Dyad, Profile, Program

__all__ = ["AnyUser", "require"]  # re-exported: the apps above build their rules on these

SIDE_FIELDS: dict[str, tuple[str, ...]] = {
    "a": ("body_a", "ministry_a", "contribution_a", "currency_a"),
    "b": ("body_b", "ministry_b", "contribution_b", "currency_b"),
}


def profile_of(user: AnyUser) -> Profile | None:
    """The user's profile, cached on the user object for the request."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_concord_profile"):
        found = Profile.objects.select_related("ministry", "organisation").filter(user_id=user.pk).first()
        setattr(user, "_concord_profile", found)  # noqa: B010
    return getattr(user, "_concord_profile")  # noqa: B009


def has_role(user: AnyUser, role: Role) -> bool:
    profile = profile_of(user)
    return profile is not None and profile.role == role


def staff_state(user: AnyUser) -> str | None:
    """The state code a ministry-staff user acts for."""
    profile = profile_of(user)
    if profile is None or profile.role != Role.MINISTRY_STAFF or profile.ministry is None:
        return None
    return profile.ministry.state_id


def coordinated_dyad_ids(user: AnyUser) -> set[int] | None:
    """Dyads a coordinator acts for; None means all (global coordinator or superuser)."""
    if user.is_superuser:
        return None
    profile = profile_of(user)
    if profile is None or profile.role != Role.COORDINATOR:
        return set()
    if profile.is_global:
        return None
    if not hasattr(profile, "_dyad_ids"):
        profile._dyad_ids = set(profile.coordinated_dyads.values_list("id", flat=True))  # type: ignore[attr-defined]
    return profile._dyad_ids  # type: ignore[attr-defined]


def is_coordinator_for(user: AnyUser, dyad: Dyad | int) -> bool:
    dyad_id = dyad if isinstance(dyad, int) else dyad.pk
    ids = coordinated_dyad_ids(user)
    return ids is None or dyad_id in ids


# --- programs and milestones -------------------------------------------------


def can_create_program(user: AnyUser, dyad: Dyad) -> bool:
    return user.is_superuser or staff_state(user) in dyad.state_ids()


def can_edit_program(user: AnyUser, program: Program) -> bool:
    return can_create_program(user, program.dyad)


def editable_sides(user: AnyUser, program: Program) -> frozenset[str]:
    """The sides ("a", "b") whose implementing details the user may change."""
    if user.is_superuser:
        return frozenset("ab")
    state = staff_state(user)
    if state is None or state not in program.dyad.state_ids():
        return frozenset()
    profile = profile_of(user)
    assert profile is not None
    if program.pk and profile.ministry_id and program.co_owners.filter(pk=profile.ministry_id).exists():
        return frozenset("ab")
    return frozenset("a" if state == program.dyad.state_a_id else "b")


def forbidden_side_fields(user: AnyUser, program: Program) -> set[str]:
    """Side-specific fields this user may not change on this program."""
    sides = editable_sides(user, program)
    return {field for side, fields in SIDE_FIELDS.items() if side not in sides for field in fields}


def can_publish(user: AnyUser, dyad: Dyad) -> bool:
    """Coordinators of the dyad publish programs, milestones and evaluations."""
    return is_coordinator_for(user, dyad)


# --- visibility --------------------------------------------------------------


def draft_scope(user: AnyUser, prefix: str = "") -> Q:
    """Programs whose drafts the user may see (beyond the published ones)."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    ids = coordinated_dyad_ids(user)
    if ids is None:
        return Q(pk__isnull=False)  # everything; a bare Q() would vanish when OR-ed with another Q
    scope = Q(**{f"{prefix}dyad_id__in": ids})
    state = staff_state(user)
    if state:
        scope |= Q(**{f"{prefix}dyad__state_a_id": state}) | Q(**{f"{prefix}dyad__state_b_id": state})
    if has_role(user, Role.EVALUATOR):
        scope |= Q(**{f"{prefix}evaluator_assignments__evaluator_id": user.pk})
    return scope


def visible_programs(user: AnyUser, qs: QuerySet[Program] | None = None) -> QuerySet[Program]:
    """Published programs, and the drafts `user` works on."""
    qs = Program.objects.all() if qs is None else qs
    return qs.filter(Program.PUBLISHED | draft_scope(user)).distinct()
