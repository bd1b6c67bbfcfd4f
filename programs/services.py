"""Writes on programs: create, edit, publish. Every function checks permissions first.

Rules not obvious from the permission layer:
- On creation the proposing ministry fills in both sides' implementing
  details (a program needs both bodies to exist); from then on each side's
  details are changed only by that side's staff, or by a co-owner.
- Naming a ministry as co-owner gives it the *other* side's details, so
  only the other side may add or remove it (no one grants themselves rights).
- The dyad of a program never changes; publishing is a coordinator's act,
  and withdrawing a published record needs a reason, kept in its history.
- Edits are written field by field on the row as stored now (see
  `core.versioning`): with `based_on`, a write that would undo someone
  else's change made meanwhile raises `EditConflict` instead.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from core import versioning
from core.i18n import translation_field_names
from core.versioning import BasedOn
from notifications.models import Kind
from notifications.services import notify

from . import permissions, selectors
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


def _require_editable(data: dict[str, Any]) -> dict[str, Any]:
    """`data` if every field may be written here; an empty translation becomes none (not kept as "")."""
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be set here: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    return {name: None if value == "" and name in TRANSLATIONS else value for name, value in data.items()}


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
            raise ValidationError(
                {"co_owners": _("%(ministry)s is not a ministry of either state of the dyad.") % {"ministry": ministry}}
            )
        other = "b" if side == "a" else "a"
        permissions.require(
            other in sides,
            _("Only side %(side)s may change whether %(ministry)s co-owns this program.")
            % {"side": other.upper(), "ministry": ministry},
        )


@transaction.atomic
def create_program(*, user: User, dyad: Dyad, data: dict[str, Any], co_owners: Iterable[Ministry] = ()) -> Program:
    """Create a draft program of `dyad`; the creator's ministry staff state must be a party to it."""
    permissions.require(
        permissions.can_create_program(user, dyad), _("Only ministry staff of either state may create its programs.")
    )
    data = {
        name: value for name, value in _require_editable(data).items() if value is not None or name not in TRANSLATIONS
    }
    program = Program(dyad=dyad, created_by=user, updated_by=user, is_published=False, **data)
    program.full_clean()
    versioning.credit(program, user)
    program.save()
    co_owners = list(co_owners)
    if co_owners:
        _check_co_owner_change(user, program, set(), co_owners)
        versioning.save_changes(program, user=user, changes={"co_owners": co_owners})
    return program


@transaction.atomic
def update_program(
    *,
    user: User,
    program: Program,
    data: dict[str, Any],
    co_owners: Iterable[Ministry] | None = None,
    based_on: BasedOn | None = None,
) -> Program:
    """Change a program's fields (and co-owners); the other side's details only for a co-owner.

    Only the fields that change are written; returns the program as saved.
    """
    permissions.require(
        permissions.can_edit_program(user, program), _("Only ministry staff of either state may edit this program.")
    )
    sent: dict[str, Any] = _require_editable(data)
    if co_owners is not None:
        sent["co_owners"] = list(co_owners)

    def check(current: Program, changes: dict[str, Any]) -> None:
        forbidden = permissions.forbidden_side_fields(user, current)
        touched = sorted(f for f in forbidden if f in changes)
        permissions.require(
            not touched,
            _("You may not change the other side's implementing details (%(fields)s).")
            % {"fields": ", ".join(touched)},
        )
        if "co_owners" in changes:
            before = set(current.co_owners.values_list("pk", flat=True))
            _check_co_owner_change(user, current, before, changes["co_owners"])

    return versioning.write(program, user=user, sent=sent, based_on=based_on, check=check)


def write_publication(
    record: models.Model,
    *,
    user: User,
    published: bool,
    reason: str = "",
    based_on: BasedOn | None = None,
    check: Callable[[Any, dict[str, Any]], None] | None = None,
    announce: Callable[[Any], None] | None = None,
):
    """Publish or withdraw a program, milestone or evaluation (the caller checked who may).

    Withdrawing a published record needs a reason; it is kept in the record's history.
    `announce(record)` runs when this write made the record public (to notify people).
    """
    made_public = False

    def check_reason(current, changes: dict[str, Any]) -> None:
        nonlocal made_public
        if check is not None:
            check(current, changes)
        if changes and not published and not reason.strip():
            raise ValidationError(
                {"reason": _("Say why it is withdrawn from the public site: the reason is kept in its history.")}
            )
        made_public = changes.get("is_published") is True

    sent = {"is_published": published}
    record = versioning.write(
        record, user=user, sent=sent, based_on=based_on, reason=reason.strip(), check=check_reason
    )
    if made_public and announce is not None:
        announce(record)
    return record


@transaction.atomic
def set_program_published(
    *, user: User, program: Program, published: bool = True, reason: str = "", based_on: BasedOn | None = None
) -> Program:
    """Publish (or withdraw, with a reason) a program; coordinators of its dyad only."""
    permissions.require(
        permissions.can_publish(user, program.dyad), _("Only a coordinator of this dyad may publish its programs.")
    )

    def announce(current: Program) -> None:
        notify(
            recipients=selectors.program_staff(current),
            kind=Kind.PUBLICATION,
            text=_("The program “%(title)s” (%(dyad)s) is now public.") % {"title": current, "dyad": current.dyad},
            link=reverse("workspace:program", kwargs={"pk": current.pk}),
            actor=user,
        )

    return write_publication(
        program, user=user, published=published, reason=reason, based_on=based_on, announce=announce
    )
