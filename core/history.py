"""The audit trail of a record, as the workspace shows it: who, when, what changed."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import models

HIDDEN_FIELDS = {"created_by", "updated_by", "created_at", "updated_at"}


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


def _display(model_field: models.Field, value) -> str:
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
                        old=_display(model_field, change.old),  # type: ignore[arg-type]
                        new=_display(model_field, change.new),  # type: ignore[arg-type]
                    )
                )
            entry.changes += _translation_changes(meta, older, newer)
        entries.append(entry)
    return entries


def _translation_changes(meta, older, newer) -> list[Change]:
    """Changed texts in other languages (django-modeltrans keeps them in the non-editable `i18n` field,
    which diff_against skips), one change per field and language: "Title (FA)"."""
    if not any(f.name == "i18n" for f in meta.fields):
        return []
    before, after = older.i18n or {}, newer.i18n or {}
    names = sorted(name for name in set(before) | set(after) if before.get(name) != after.get(name))
    return [
        Change(field=str(meta.get_field(name).verbose_name), old=before.get(name) or "—", new=after.get(name) or "—")
        for name in names
    ]
