"""Writes on programs: create, edit, publish. Every function checks permissions first.

Rules not obvious from the permission layer:
- On creation the proposing ministry fills in both sides' implementing
  details (a program needs both bodies to exist); from then on each side's
  details are changed only by that side's staff, or by a co-owner.
- Naming a ministry as co-owner gives it the *other* side's details, so
  only the other side may add or remove it (no one grants themselves rights).
- The dyad of a program never changes; publishing is a coordinator's act.
"""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from core.i18n import translation_field_names

from . import permissions
from .models import Dyad, Ministry, Program

TRANSLATIONS = translation_field_names("title", "summary")
# Fields a ministry user may write through create_program / update_program.
EDITABLE_FIELDS = (
    "title",
    "summary",
    "domain",
    "status",
    "start_date",
    "end_date",
    "body_a",
    "body_b",
    "ministry_a",
    "ministry_b",
    "contribution_a",
    "currency_a",
    "contribution_b",
    "currency_b",
    # Title and summary in the other interface languages, and which language came first.
    "language",
    *TRANSLATIONS,
)


def _apply(program: Program, data: dict[str, Any]) -> None:
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be set here: {', '.join(sorted(unknown))}.")
    for name, value in data.items():
        # An empty translation is no translation: drop it from `i18n` rather than keep "".
        setattr(program, name, None if value == "" and name in TRANSLATIONS else value)


def _check_co_owner_change(user: User, program: Program, before: set[int], after: Iterable[Ministry]) -> None:
    """A ministry of side S may be (un)named co-owner only by whoever edits the other side."""
    after_by_id = {m.pk: m for m in after}
    changed_ids = before ^ set(after_by_id)
    if not changed_ids:
        return
    sides = permissions.editable_sides(user, program)
    states = {program.dyad.state_a_id: "a", program.dyad.state_b_id: "b"}
    for ministry in Ministry.objects.filter(pk__in=changed_ids):
        side = states.get(ministry.state_id)
        if side is None:
            raise ValidationError({"co_owners": f"{ministry} is not a ministry of either state of the dyad."})
        other = "b" if side == "a" else "a"
        permissions.require(
            other in sides,
            f"Only side {other.upper()} may change whether {ministry} co-owns this program.",
        )


@transaction.atomic
def create_program(*, user: User, dyad: Dyad, data: dict[str, Any], co_owners: Iterable[Ministry] = ()) -> Program:
    """Create a draft program of `dyad`; the creator's ministry staff state must be a party to it."""
    permissions.require(
        permissions.can_create_program(user, dyad), "Only ministry staff of either state may create its programs."
    )
    program = Program(dyad=dyad, created_by=user, updated_by=user, is_published=False)
    _apply(program, data)
    program.full_clean()
    program.save()
    co_owners = list(co_owners)
    if co_owners:
        _check_co_owner_change(user, program, set(), co_owners)
        program.co_owners.set(co_owners)
    return program


@transaction.atomic
def update_program(
    *, user: User, program: Program, data: dict[str, Any], co_owners: Iterable[Ministry] | None = None
) -> Program:
    """Change a program's fields; the other side's details only for a co-owner."""
    permissions.require(
        permissions.can_edit_program(user, program), "Only ministry staff of either state may edit this program."
    )
    forbidden = permissions.forbidden_side_fields(user, program)
    touched = sorted(f for f in forbidden if f in data and data[f] != getattr(program, f))
    permissions.require(
        not touched,
        "You may not change the other side's implementing details (" + ", ".join(touched) + ").",
    )
    _apply(program, data)
    program.updated_by = user
    program.full_clean()
    program.save()
    if co_owners is not None:
        co_owners = list(co_owners)
        _check_co_owner_change(user, program, set(program.co_owners.values_list("pk", flat=True)), co_owners)
        program.co_owners.set(co_owners)
    return program


@transaction.atomic
def set_program_published(*, user: User, program: Program, published: bool = True) -> Program:
    """Publish (or withdraw) a program; coordinators of its dyad only."""
    permissions.require(
        permissions.can_publish(user, program.dyad), "Only a coordinator of this dyad may publish its programs."
    )
    program.is_published = published
    program.updated_by = user
    program.full_clean()
    program.save()
    return program
