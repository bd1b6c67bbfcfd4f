"""The audit trail of a record, as the workspace shows it: who, when, which fields, old → new.

Values are shown as a person reads them: choices by their label, related
records by name, dates and times in the site's format and time zone,
booleans as yes/no. A save that changed nothing a person can see (only the
bookkeeping fields) is left out rather than shown as an empty entry.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# Bookkeeping every save changes (`version`: core.models.VersionedRecord), not worth showing.
HIDDEN_FIELDS = {"created_by", "updated_by", "created_at", "updated_at", "version"}
ACTIONS = {"+": _("created this record"), "~": _("changed"), "-": _("deleted this record")}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    action: str
    changes: list[Change] = field(default_factory=list)


def display_value(model_field: models.Field, value) -> str:
    """`value` of `model_field` in words: choice labels, related records' names, formatted dates and numbers."""
    if model_field.many_to_many:
        # History diffs give the related rows as dicts; the versioning code gives ids.
        column = model_field.m2m_reverse_field_name()  # type: ignore[attr-defined]
        ids = [row[column] if isinstance(row, dict) else row for row in value or ()]
        names = sorted(str(item) for item in model_field.related_model._default_manager.filter(pk__in=ids))  # type: ignore[union-attr]
        return ", ".join(names) or "—"
    if value in (None, ""):
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))  # type: ignore[arg-type]
    if isinstance(model_field, models.ForeignKey):
        target = model_field.related_model._default_manager.filter(pk=value).first()  # type: ignore[union-attr]
        return str(target) if target else f"#{value}"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return formats.date_format(local, "DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, Decimal | float | int):
        return formats.number_format(value, force_grouping=True)
    if isinstance(value, FieldFile):
        return (value.name or "").rsplit("/", 1)[-1]
    return str(value)


def _changes(meta, newer, older) -> list[Change]:
    delta = newer.diff_against(older, excluded_fields=HIDDEN_FIELDS)
    changes = []
    for change in delta.changes:
        model_field = meta.get_field(change.field)
        old, new = display_value(model_field, change.old), display_value(model_field, change.new)
        if old != new:
            label = capfirst(str(getattr(model_field, "verbose_name", change.field)))
            changes.append(Change(field=label, old=old, new=new))
    return changes


def change_log(record: models.Model, limit: int = 25) -> list[HistoryEntry]:
    """The newest `limit` versions of `record` that changed something, each diffed against the one before."""
    versions = list(record.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])  # type: ignore[attr-defined]
    meta = type(record)._meta
    entries = []
    for newer, older in zip(versions[:limit], [*versions[1:], None], strict=False):
        user = newer.history_user
        who = (user.get_full_name() or user.get_username()) if user else str(_("the system"))
        entry = HistoryEntry(when=newer.history_date, who=who, action=str(ACTIONS[newer.history_type]))
        if newer.history_type == "~" and older is not None:
            entry.changes = _changes(meta, newer, older) + _translation_changes(meta, older, newer)
            if not entry.changes:
                continue  # a save that changed nothing a person can see
        entries.append(entry)
    return entries


def _translation_changes(meta, older, newer) -> list[Change]:
    """Changed texts in other languages (django-modeltrans keeps them in the non-editable `i18n` field,
    which diff_against skips), one change per field and language: "Title (FA)"."""
    before, after = getattr(older, "i18n", None) or {}, getattr(newer, "i18n", None) or {}
    return [
        Change(
            field=capfirst(str(meta.get_field(name).verbose_name)),
            old=before.get(name) or "—",
            new=after.get(name) or "—",
        )
        for name in changed_translations(older, newer)
    ]


def changed_translations(older, newer) -> list[str]:
    """The texts in other languages (title_ar, ...) that differ between two historical rows."""
    before, after = getattr(older, "i18n", None) or {}, getattr(newer, "i18n", None) or {}
    return sorted(name for name in set(before) | set(after) if before.get(name) != after.get(name))


class StoredFieldsHistory(HistoricalRecords):
    """HistoricalRecords that copy only the stored fields of a model.

    django-modeltrans adds virtual fields (title_ar, title_i18n, ...) that are views of
    its `i18n` field; copied into the historical model they would be written twice (and
    a historical row's `.instance` could not be rebuilt). `i18n` itself is kept.
    """

    def fields_included(self, model):
        return [field for field in super().fields_included(model) if field.concrete]
