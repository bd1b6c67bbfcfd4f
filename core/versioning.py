"""Optimistic concurrency for records two parties edit (see `core.models.VersionedRecord`).

A write may name the version it was based on (`BasedOn`). Under a row lock the
record's history tells what others changed since that version:

- strict (the API's `If-Match`): any change since is a conflict (HTTP 412);
- a form: a form posts every field, so only the fields whose posted value
  differs from the version the user opened are that user's changes. They
  conflict only where someone else changed the same field to something else
  meanwhile; otherwise both changes are kept.

Without `BasedOn` (an API PATCH without If-Match) only the fields sent are
written. Writes save only the fields that change (`save(update_fields=...)`)
on the locked, freshly read row: django-simple-history records the in-memory
instance, so its row is the database row, credited to the user who wrote it.
"""

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any

from django.core.files import File
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from .files import delete_after_commit
from .history import HIDDEN_FIELDS, changed_translations, display_value

# Bookkeeping that every write changes: not a change anyone made "to" the record.
BOOKKEEPING = HIDDEN_FIELDS


@dataclass(frozen=True)
class BasedOn:
    """The version a write was based on; `strict` refuses any change since (HTTP If-Match)."""

    version: int
    strict: bool = False


@dataclass(frozen=True)
class Meanwhile:
    """One saved change made since the writer's version: who, when, which fields."""

    who: str
    when: datetime
    fields: tuple[str, ...]
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Clash:
    """A field both sides changed: the value saved meanwhile and the writer's."""

    name: str
    label: str
    theirs: str
    yours: str


class EditConflict(Exception):
    """A write based on a version others have changed since, in a way it would undo."""

    def __init__(self, current: models.Model, *, based_on: BasedOn, meanwhile: list[Meanwhile], mine: dict):
        self.current = current
        self.current_version: int = current.version  # type: ignore[attr-defined]
        self.based_on = based_on
        self.meanwhile = meanwhile
        self.mine = mine
        super().__init__(self.summary)

    @cached_property
    def clashes(self) -> list[Clash]:
        """The writer's changes to fields changed meanwhile to another value."""
        theirs = {name for change in self.meanwhile for name in change.fields}
        return [
            Clash(
                name,
                _label(self.current, name),
                theirs=_shown(self.current, name, _stored(self.current, name)),
                yours=_shown(self.current, name, value),
            )
            for name, value in self.mine.items()
            if name in theirs and differs(self.current, name, value)
        ]

    @property
    def summary(self) -> str:
        who = "; ".join(
            _("%(who)s changed %(fields)s") % {"who": change.who, "fields": ", ".join(change.labels) or _("the record")}
            for change in self.meanwhile
        )
        return _("%(record)s changed since version %(base)s (now %(now)s): %(who)s.") % {
            "record": str(self.current._meta.verbose_name).capitalize(),
            "base": self.based_on.version,
            "now": self.current_version,
            "who": who or _("its history is not available"),
        }


def lock[R: models.Model](record: R) -> R:
    """`record` reloaded as stored now, its row locked until the transaction ends (in place,
    so the caller's instance is never left stale)."""
    record.refresh_from_db(from_queryset=type(record)._default_manager.select_for_update())
    return record


def credit(record: models.Model, user) -> None:
    """Name `user` in the history row the next save or delete of `record` writes."""
    record._history_user = user  # type: ignore[attr-defined]


def write[R: models.Model](
    record: R,
    *,
    user,
    sent: Mapping[str, Any],
    based_on: BasedOn | None = None,
    reason: str = "",
    check: Callable[[R, dict[str, Any]], None] | None = None,
) -> R:
    """Lock `record`'s row, work out what `sent` changes (refusing a stale write), let
    `check(current, changes)` refuse it, save it. Returns the record as saved."""
    current = lock(record)
    changes = changes_to_write(current, sent, based_on)
    if check is not None:
        check(current, changes)
    save_changes(current, user=user, changes=changes, reason=reason)
    return current


def changes_to_write(current: models.Model, sent: Mapping[str, Any], based_on: BasedOn | None) -> dict[str, Any]:
    """The fields of `sent` to write to `current` (a locked row): those the writer changed
    and that differ from what is stored. Raises EditConflict for a stale write."""
    if based_on is None or based_on.version == current.version:  # type: ignore[attr-defined]
        return {name: value for name, value in sent.items() if differs(current, name, value)}
    base, meanwhile = _history_since(current, based_on.version)
    if based_on.strict or base is None:
        raise EditConflict(current, based_on=based_on, meanwhile=meanwhile, mine=dict(sent))
    mine = {name: value for name, value in sent.items() if differs(base, name, value)}
    theirs = {name for change in meanwhile for name in change.fields}
    if any(name in theirs and differs(current, name, value) for name, value in mine.items()):
        raise EditConflict(current, based_on=based_on, meanwhile=meanwhile, mine=mine)
    return {name: value for name, value in mine.items() if differs(current, name, value)}


def save_changes(current: models.Model, *, user, changes: Mapping[str, Any], reason: str = "") -> list[str]:
    """Write `changes` to the locked row `current`: those fields only, the version raised,
    the history row credited to `user` (with `reason`). Replaced files are deleted after commit."""
    if not changes:
        return []
    meta = current._meta
    related = {name: value for name, value in changes.items() if meta.get_field(name).many_to_many}
    plain = {name: value for name, value in changes.items() if name not in related}
    replaced = [getattr(current, name) for name in plain if isinstance(meta.get_field(name), models.FileField)]
    for name, value in plain.items():
        setattr(current, name, value)
    current.version += 1  # type: ignore[attr-defined]
    stamps = [f.name for f in meta.concrete_fields if f.name == "updated_by" or getattr(f, "auto_now", False)]
    if "updated_by" in stamps:
        current.updated_by = user  # type: ignore[attr-defined]
    credit(current, user)
    if reason:
        current._change_reason = reason  # type: ignore[attr-defined]
    current.full_clean()
    with _without_history(current):
        for name, value in related.items():
            getattr(current, name).set(value)
    columns = dict.fromkeys(_column(meta, name) for name in plain)
    current.save(update_fields=[*columns, "version", *stamps])  # one history row, related sets included
    for old in replaced:
        delete_after_commit(old)
    return list(changes)


def _column(meta, name: str) -> str:
    """The stored field a change is saved in: a text in another language (title_ar) lives in `i18n`."""
    return name if meta.get_field(name).concrete else "i18n"


def differs(record, name: str, value: Any) -> bool:
    """Whether `value` (as a form or serializer gives it) differs from `record`'s stored `name`."""
    if isinstance(value, File) and not isinstance(value, FieldFile):
        return True  # a new upload is always a change
    return _comparable(record, name, value) != _stored(record, name)


def _comparable(record, name: str, value: Any) -> Any:
    field = _model_field(record, name)
    if field.many_to_many:
        return frozenset(item.pk if isinstance(item, models.Model) else item for item in value or ())
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):
        return value.name or ""
    if value is None and isinstance(field, models.FileField):
        return ""
    return value


def _stored(record, name: str) -> Any:
    """The stored value of `name` on a record or on one of its historical rows."""
    field = _model_field(record, name)
    if field.many_to_many:
        column = field.m2m_reverse_field_name() if hasattr(record, "history_id") else "pk"  # type: ignore[attr-defined]
        return frozenset(getattr(record, name).values_list(column, flat=True))
    value = getattr(record, field.attname)
    if isinstance(field, models.FileField):
        return getattr(value, "name", value) or ""
    return value


def _model_field(record, name: str) -> models.Field:
    model = getattr(record, "instance_type", type(record))  # a historical row knows its model
    return model._meta.get_field(name)


def _label(record, name: str) -> str:
    return str(getattr(_model_field(record, name), "verbose_name", name)).capitalize()


def _shown(record, name: str, value: Any) -> str:
    return display_value(_model_field(record, name), _comparable(record, name, value))


def _history_since(current, version: int) -> tuple[Any, list[Meanwhile]]:
    """The historical row of `version` (None if unknown) and the changes saved after it."""
    rows = list(current.history.filter(version__gte=version).select_related("history_user").order_by("history_id"))
    at_base = [i for i, row in enumerate(rows) if row.version == version]
    start = at_base[-1] if at_base else 0
    meanwhile = []
    for older, newer in zip(rows[start:], rows[start + 1 :], strict=False):
        changed = {c.field for c in newer.diff_against(older, excluded_fields=BOOKKEEPING).changes}
        changed |= set(changed_translations(older, newer))  # texts in other languages, kept in `i18n`
        fields = tuple(f.name for f in current._meta.get_fields() if f.name in changed)  # in the form's order
        who = str(newer.history_user) if newer.history_user else _("the system")
        meanwhile.append(Meanwhile(who, newer.history_date, fields, tuple(_label(current, f) for f in fields)))
    if not at_base:
        return None, meanwhile
    return rows[start], meanwhile


@contextmanager
def _without_history(record: models.Model) -> Iterator[None]:
    """Related-set changes write no history rows of their own: the save that follows records them."""
    record.skip_history_when_saving = True  # type: ignore[attr-defined]
    try:
        yield
    finally:
        del record.skip_history_when_saving  # type: ignore[attr-defined]
