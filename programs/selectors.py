"""Reads of states, dyads and programs used by more than one caller."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from .choices import Role
from .models import Dyad, Program


def dyads_with_states() -> QuerySet[Dyad]:
    return Dyad.objects.select_related("state_a", "state_b")


def program_staff(program: Program, *, state: str | None = None) -> QuerySet[User]:
    """Active staff of the program's owning and co-owning ministries (of `state` only, if given).

    A side without an owning ministry is represented by all of its state's staff.
    """
    ministry_ids = {m for m in (program.ministry_a_id, program.ministry_b_id) if m}
    ministry_ids |= set(program.co_owners.values_list("pk", flat=True))
    owned = Q(profile__ministry_id__in=ministry_ids)
    for side in ("a", "b"):
        if getattr(program, f"ministry_{side}_id") is None:
            owned |= Q(profile__ministry__state_id=getattr(program.dyad, f"state_{side}_id"))
    staff = get_user_model().objects.filter(owned, profile__role=Role.MINISTRY_STAFF, is_active=True)
    if state is not None:
        staff = staff.filter(profile__ministry__state_id=state)
    return staff.distinct()


def dyad_coordinators(dyad: Dyad) -> QuerySet[User]:
    """Active coordinators of the dyad: global ones and those who coordinate it."""
    return (
        get_user_model()
        .objects.filter(
            Q(profile__is_global=True) | Q(profile__coordinated_dyads=dyad),
            profile__role=Role.COORDINATOR,
            is_active=True,
        )
        .distinct()
    )
