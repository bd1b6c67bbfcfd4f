"""CSV for analysts: a dyad's index history, one row per snapshot, components flattened into columns.

Spreadsheet-ready like the dashboards' CSVs (core.csvfiles): a UTF-8 BOM, true/false, no formulas.
"""

import io

from rest_framework.renderers import BaseRenderer

from core.csvfiles import write_table

from .method import COMPONENTS

BASE_COLUMNS = (
    "dyad",
    "as_of",
    "value",
    "band_low",
    "band_high",
    "coverage",
    "aggregation",
    "method_version",
    "computed_at",
)


def csv_columns(rows: list[dict]) -> list[str]:
    """Base columns, then `<component>_value`, `<component>_count`, `<component>_weight` in the method's order."""
    keys = list(COMPONENTS)
    for row in rows:
        keys += [key for key in {**row.get("components", {}), **row.get("weights", {})} if key not in keys]
    return [*BASE_COLUMNS, *(f"{key}_{part}" for key in keys for part in ("value", "count", "weight"))]


def flatten(row: dict) -> dict:
    flat = {column: row.get(column) for column in BASE_COLUMNS}
    for key, component in (row.get("components") or {}).items():
        flat[f"{key}_value"] = component.get("value")
        flat[f"{key}_count"] = component.get("count")
    for key, weight in (row.get("weights") or {}).items():
        flat[f"{key}_weight"] = weight
    return flat


class IndexHistoryCSVRenderer(BaseRenderer):
    """Renders a list of serialized snapshots (errors are always JSON: see core.api.errors)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        out = io.StringIO()
        rows = list(data or [])
        columns = csv_columns(rows)
        flat = (flatten(row) for row in rows)
        write_table(out, columns, ([values.get(column) for column in columns] for values in flat), lineterminator="\n")
        return out.getvalue().encode()
