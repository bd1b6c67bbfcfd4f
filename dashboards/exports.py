"""CSV versions of every dashboard chart's data table (spreadsheet-ready: see core.csvfiles)."""

from collections.abc import Callable, Iterable

from django.http import HttpResponse

from core.csvfiles import write_table
from evaluation.scoring import DAC_CRITERIA
from programs.models import Dyad
from trustindex.selectors import index_history

from . import pages, queries, result_charts


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    write_table(response, header, rows)
    return response


def _num(value) -> str:
    return "" if value is None else str(value)


# CSV column names stay in English whatever the interface language: scripts and spreadsheets
# read them by name, so they are machine-stable identifiers, not interface text.
def overview_rows(data: dict) -> tuple[list[str], list[list]]:
    header = ["dyad", "slug", "status", "index", "band_low", "band_high", "unstable", "change_12m", "as_of", "note"]
    header += ["rank", "rank_low", "rank_high", "ranked_dyads"]
    rows = []
    for row in data["rows"]:
        s = row.summary
        note = "" if s.value is not None else s.value_label
        r = row.rank
        ranks = [r.rank, r.rank_low, r.rank_high, r.ranked_dyads] if r else [None] * 4
        rows.append(
            [
                str(row.dyad),
                row.dyad.slug,
                row.dyad.status,
                _num(s.value),
                _num(s.band_low),
                _num(s.band_high),
                s.is_unstable,
                _num(s.change_12m),
                _num(s.as_of),
                note,
                *ranks,
            ]
        )
    return header, rows


def dyad_index_rows(dyad: Dyad) -> tuple[list[str], list[list]]:
    header = ["as_of", "index", "band_low", "band_high", "coverage", "method_version"]
    rows = [
        [s.as_of, _num(s.value), _num(s.band_low), _num(s.band_high), s.coverage, s.method_version]
        for s in index_history(dyad)
    ]
    return header, rows


def dyad_component_rows(dyad: Dyad) -> tuple[list[str], list[list]]:
    history = list(index_history(dyad))
    components = pages.component_rows(history[-1] if history else None)
    header = ["component", "name", "value_0_100", "input_count", "counts", "weight"]
    rows = [[c.key, c.label, _num(c.value), c.count, c.inputs, _num(c.weight)] for c in components]
    return header, rows


def dyad_delivery_rows(dyad: Dyad) -> tuple[list[str], list[list]]:
    header = ["quarter_start", "on_time", "late", "missed_or_overdue"]
    return header, [[q.quarter, q.on_time, q.late, q.missed] for q in queries.delivery_by_quarter(dyad)]


def dyad_program_rows(dyad: Dyad) -> tuple[list[str], list[list]]:
    header = ["id", "title", "domain", "status", "start_date", "end_date", "milestones", "evaluations"]
    rows = [
        [p.pk, p.title, p.domain, p.status, p.start_date, _num(p.end_date), p.milestone_count, p.evaluation_count]
        for p in queries.published_program_rows(dyad)
    ]
    return header, rows


def dyad_evaluation_rows(dyad: Dyad) -> tuple[list[str], list[list]]:
    header = ["date", "program", "organisation", *DAC_CRITERIA]
    rows = [
        [e.date, e.program_title.text, e.organisation, *(_num(r) for r in e.ratings)]
        for e in queries.published_evaluation_rows(dyad)
    ]
    return header, rows


def program_milestone_rows(data: dict, absolute: Callable[[str], str]) -> tuple[list[str], list[list]]:
    """`evidence_url` is the evidence to follow (the link, else the uploaded document), as a full URL."""
    header = ["title", "due_date", "status", "achieved_date", "outcome", "evidence_url", "evidence_document_url"]
    rows = [
        [
            m.title,
            m.due_date,
            m.status,
            m.achieved_date,
            outcome,
            absolute(m.evidence_link) if m.evidence_link else "",
            absolute(m.evidence_download_url) if m.evidence_download_url else "",
        ]
        for m, outcome in data["milestones"]
    ]
    return header, rows


def program_result_rows(data: dict) -> tuple[list[str], list[list]]:
    return result_charts.RESULT_CSV_HEADER, result_charts.result_csv_rows(data["results"])


def method_weight_rows(data: dict) -> tuple[list[str], list[list]]:
    return ["component", "name", "weight_percent"], [[key, label, w] for label, key, w, _ in data["weights"]]


DYAD_TABLES = {
    "index": dyad_index_rows,
    "components": dyad_component_rows,
    "delivery": dyad_delivery_rows,
    "programs": dyad_program_rows,
    "evaluations": dyad_evaluation_rows,
}
