"""The audit trail of a record, as the workspace shows it: who, when, what changed."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import models
from simple_history.models import HistoricalRecords

# Bookkeeping every save changes (`version`: core.models.VersionedRecord), not worth showing.
HIDDEN_FIELDS = {"created_by", "updated_by", "created_at", "updated_at", "version"}


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
    """A stored value as people read it: choice labels, related records' names."""
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
    return str(value)


def change_log(record: models.Model, limit: int = 25) -> list[HistoryEntry]:
    """The newest `limit` changes of `record`, each diffed against the version before it."""
    versions = list(record.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])  # type: ignore[attr-defined]
    meta = type(record)._meta
    entries = []
    for newer, older in zip(versions[:limit], [*versions[1:], None], strict=False):
        who = str(newer.history_user) if newer.history_user else "system"
        action = {"+": "created", "~": "changed", "-": "deleted"}[newer.history_type]
        entry = HistoryEntry(when=newer.history_date, who=who, action=action)
        if older is not None:
            delta = newer.diff_against(older, excluded_fields=HIDDEN_FIELDS)
            for change in delta.changes:
                model_field = meta.get_field(change.field)
                entry.changes.append(
                    Change(
                        field=str(getattr(model_field, "verbose_name", change.field)),
                        old=display_value(model_field, change.old),  # type: ignore[arg-type]
                        new=display_value(model_field, change.new),  # type: ignore[arg-type]
                    )
                )
            entry.changes += _translation_changes(meta, older, newer)
        entries.append(entry)
    return entries


def _translation_changes(meta, older, newer) -> list[Change]:
    """Changed texts in other languages (django-modeltrans keeps them in the non-editable `i18n` field,
    which diff_against skips), one change per field and language: "Title (FA)"."""
    before, after = getattr(older, "i18n", None) or {}, getattr(newer, "i18n", None) or {}
    return [
        Change(field=str(meta.get_field(name).verbose_name), old=before.get(name) or "—", new=after.get(name) or "—")
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
