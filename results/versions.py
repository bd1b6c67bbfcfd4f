"""Breakdowns are versioned through their parent record.

A breakdown dimension belongs to its indicator and a breakdown value to its
reporting period; neither carries a version of its own. A write that changes
them raises the parent's version in the same transaction, in the same
history row as the parent's own changes (`save`), so:

- an API write sent with the parent's older ETag (If-Match) is refused (412),
  as for any change of the parent;
- a form based on an older version of the parent is refused where it would
  undo a value someone else changed meanwhile (the values at the form's
  version come from the children's history); changes of different values are
  both kept, as `core.versioning` does for the parent's own fields;
- the children's own history rows, credited to the writer, list each change;
  the parent's page shows them in its history (`change_log`).

The parent's row is locked (`core.versioning.lock`) before its children are
read or written, so writers of one parent's children queue up behind each other.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from core import history, versioning
from core.history import Change, HistoryEntry
from core.versioning import BasedOn, Clash, EditConflict, Meanwhile

from .formatting import format_value
from .models import Breakdown, Dimension, Indicator, ReportingPeriod

Values = dict[Any, Any]  # a parent's children as key → value (a value of None: no such child)


@dataclass(frozen=True)
class Children:
    """One kind of child of a parent, read as key → value now and at a past moment."""

    history: Callable[[Any], Any]  # the parent's children's historical rows (a queryset)
    key: Callable[[Any], Any]  # of a child or one of its historical rows
    value: Callable[[Any], Any]
    label: Callable[[Any], str]  # a key in words ("Side: Iran")
    shown: Callable[[Any], str]  # a value in words

    def at(self, parent: models.Model, moment: datetime) -> Values:
        """The children as they were at `moment`, from their history."""
        latest: dict[int, Any] = {}
        for row in self.history(parent).filter(history_date__lte=moment).order_by("history_date", "history_id"):
            latest[row.id] = row
        return {self.key(row): self.value(row) for row in latest.values() if row.history_type != "-"}

    def changed_between(self, parent: models.Model, after: datetime | None, until: datetime) -> list[str]:
        """The keys (in words) of the children changed after `after` until `until`."""
        rows = self.history(parent).filter(history_date__lte=until)
        if after is not None:
            rows = rows.filter(history_date__gt=after)
        keys = dict.fromkeys(self.key(row) for row in rows.order_by("history_id"))
        return [self.label(key) for key in keys]


def _breakdown_history(period: ReportingPeriod):
    return Breakdown.history.filter(period_id=period.pk).select_related("dimension")


def _dimension_history(indicator: Indicator):
    return Dimension.history.filter(indicator_id=indicator.pk)


def _dimension_name(dimension_id: int) -> str:
    dimension = Dimension.objects.filter(pk=dimension_id).first()
    return dimension.name if dimension else f"#{dimension_id}"


BREAKDOWNS = Children(
    history=_breakdown_history,
    key=lambda row: (row.dimension_id, row.category),
    value=lambda row: row.value,
    label=lambda key: (
        _("Breakdown %(dimension)s: %(category)s") % {"dimension": _dimension_name(key[0]), "category": key[1]}
    ),
    shown=lambda value: "—" if value is None else format_value(value),
)
DIMENSIONS = Children(
    history=_dimension_history,
    key=lambda row: row.name,
    value=lambda row: tuple(row.categories),
    label=lambda key: _("Breakdown dimension %(name)s") % {"name": key},
    shown=lambda value: "—" if value is None else ", ".join(value),
)


def breakdown_values(period: ReportingPeriod) -> Values:
    return {(b.dimension_id, b.category): b.value for b in period.breakdowns.all()}


def dimension_values(indicator: Indicator) -> Values:
    return {d.name: tuple(d.categories) for d in indicator.dimensions.all()}


class ChildrenConflict(EditConflict):
    """An EditConflict that also names the children (breakdown values, dimensions) both sides changed."""

    def __init__(self, current, *, based_on, meanwhile, mine, child_clashes: list[Clash], child_mine: Values):
        self.child_clashes = child_clashes
        self.child_mine = child_mine  # the writer's own child changes, to keep in the form shown again
        super().__init__(current, based_on=based_on, meanwhile=meanwhile, mine=mine)

    @cached_property
    def clashes(self) -> list[Clash]:
        return [*super().clashes, *self.child_clashes]


def plan(
    current: models.Model,
    *,
    sent: Mapping[str, Any],
    children: Children,
    sent_children: Values,
    now_children: Values,
    based_on: BasedOn | None,
) -> tuple[dict[str, Any], Values]:
    """What to write to the locked `current` and to its children: (field changes, child changes).

    Raises EditConflict (a ChildrenConflict where children clash) for a stale write, as
    `core.versioning.changes_to_write` does for fields: the children's values at the writer's
    version are read from their history.
    """
    conflict: EditConflict | None = None
    try:
        changes = versioning.changes_to_write(current, sent, based_on)
    except EditConflict as exc:
        conflict, changes = exc, {}
    unchanged = based_on is None or based_on.version == current.version  # type: ignore[attr-defined]
    if unchanged:
        return changes, {k: v for k, v in sent_children.items() if now_children.get(k) != v}
    base_row = current.history.filter(version=based_on.version).order_by("-history_id").first()  # type: ignore[attr-defined,union-attr]
    at_base = children.at(current, base_row.history_date) if base_row is not None else None
    if at_base is None:  # a version the history does not know: nothing to compare with, a conflict
        mine_children, clashing = dict(sent_children), []
    else:
        mine_children = {k: v for k, v in sent_children.items() if at_base.get(k) != v}
        theirs = {k for k in {*at_base, *now_children} if at_base.get(k) != now_children.get(k)}
        clashing = [k for k, v in mine_children.items() if k in theirs and now_children.get(k) != v]
    if conflict is None and not clashing and not based_on.strict and at_base is not None:  # type: ignore[union-attr]
        return changes, {k: v for k, v in mine_children.items() if now_children.get(k) != v}
    child_clashes = [
        Clash(str(k), children.label(k), theirs=children.shown(now_children.get(k)), yours=children.shown(v))
        for k, v in mine_children.items()
        if k in clashing
    ]
    if conflict is not None:
        mine = conflict.mine
    else:  # the writer's own changes: what differs from the version they opened
        mine = {k: v for k, v in sent.items() if base_row is None or versioning.differs(base_row, k, v)}
    meanwhile = conflict.meanwhile if conflict else _meanwhile(current, based_on)  # type: ignore[arg-type]
    meanwhile = _with_children(current, meanwhile, children, base_row.history_date if base_row else None)
    raise ChildrenConflict(
        current,
        based_on=based_on,
        meanwhile=meanwhile,
        mine=mine,
        child_clashes=child_clashes,
        child_mine=mine_children,
    )


def _meanwhile(current: models.Model, based_on: BasedOn) -> list[Meanwhile]:
    """Who changed what since `based_on` (the history as `core.versioning` reads it)."""
    try:
        versioning.changes_to_write(current, {}, BasedOn(based_on.version, strict=True))
    except EditConflict as exc:
        return exc.meanwhile
    return []


def _with_children(
    current: models.Model, meanwhile: list[Meanwhile], children: Children, since: datetime | None
) -> list[Meanwhile]:
    """The changes made meanwhile, each also naming the children it changed."""
    named = []
    for change in meanwhile:
        labels = children.changed_between(current, since, change.when)
        named.append(replace(change, labels=(*change.labels, *labels)))
        since = change.when
    return named


def save(current: models.Model, *, user, changes: Mapping[str, Any], children_changed: bool, reason: str = "") -> None:
    """Save the field `changes` of the locked `current`, raising its version once (one history row),
    also when only its children changed (written before this, in the same transaction)."""
    if changes:
        versioning.save_changes(current, user=user, changes=changes, reason=reason)
        return
    if not children_changed:
        return
    stamps = [f.name for f in current._meta.concrete_fields if f.name == "updated_by" or getattr(f, "auto_now", False)]
    current.version += 1  # type: ignore[attr-defined]
    if "updated_by" in stamps:
        current.updated_by = user  # type: ignore[attr-defined]
    versioning.credit(current, user)
    if reason:
        current._change_reason = reason  # type: ignore[attr-defined]
    current.save(update_fields=["version", *stamps])


def change_log(record: models.Model, children: Children, limit: int = 25) -> list[HistoryEntry]:
    """`core.history.change_log` of `record`, with the changes of its children, newest first."""
    entries = history.change_log(record, limit)
    rows = children.history(record).select_related("history_user").order_by("history_date", "history_id")
    before: dict[int, Any] = {}  # each child's previous historical row
    labels: dict[Any, str] = {}  # a label may take a query: once per child
    for row in rows:
        older, before[row.id] = before.get(row.id), row
        old = children.shown(children.value(older)) if older is not None and row.history_type != "+" else "—"
        new = children.shown(children.value(row)) if row.history_type != "-" else "—"
        if old == new:
            continue
        key = children.key(row)
        if key not in labels:
            labels[key] = children.label(key)
        user = row.history_user
        who = (user.get_full_name() or user.get_username()) if user else _("the system")
        change = Change(field=labels[key], old=old, new=new)
        entries.append(HistoryEntry(when=row.history_date, who=who, action=str(history.ACTIONS["~"]), changes=[change]))
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]
