"""The data each dashboard page shows: queries in, plain rows and chart JSON out.

Views render these; CSV downloads serialise the same rows, so a chart, its
table and its CSV always agree.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy

from evaluation.scoring import DAC_CRITERIA
from programs.choices import Domain, DyadStatus
from programs.models import Dyad, Program
from results.selectors import program_public_results
from trustindex.inputs import METHOD_VERSION, UNSTABLE_WIDTH
from trustindex.models import Aggregation, IndexSnapshot
from trustindex.selectors import HistoryPoint, index_histories, index_history

from . import alt_text, explained, figures, queries, result_charts, status_index, tables, timeline
from .labels import COMPONENT_EXPLANATIONS, COMPONENT_INPUTS, COMPONENT_LABELS, DAC_LABELS
from .method_doc import method_html

NOT_COMPUTED = gettext_lazy("not yet computed")
# The dyad page lists the newest evaluations; the CSV has them all.
EVALUATIONS_SHOWN = 50
INSUFFICIENT = gettext_lazy("insufficient data")


@dataclass
class IndexSummary:
    """A dyad's current index as shown in words: value or the reason there is none."""

    value: float | None
    band_low: float | None
    band_high: float | None
    as_of: date | None
    change_12m: float | None
    value_label: str
    is_unstable: bool
    sparkline: list[float | None] = field(default_factory=list)

    @property
    def sparkline_path(self) -> str:
        return figures.sparkline_path(self.sparkline)


@dataclass
class OverviewRow:
    dyad: Dyad
    summary: IndexSummary
    rank: explained.RankInterval | None = None

    @property
    def value(self) -> float | None:
        return self.summary.value

    @property
    def value_label(self) -> str:
        return self.summary.value_label


def summarise(history: Sequence[IndexSnapshot | HistoryPoint]) -> IndexSummary:
    """The current value, band, 12-month change and last 24 months of a dyad's index history."""
    if not history:
        return IndexSummary(None, None, None, None, None, str(NOT_COMPUTED), False)
    latest = history[-1]
    year_ago = latest.as_of - timedelta(days=365)
    earlier = [s.value for s in history if s.as_of <= year_ago and s.value is not None]
    change = None
    if latest.value is not None and earlier:
        change = round(latest.value - earlier[-1], 1)
    width = None if latest.band_low is None or latest.band_high is None else latest.band_high - latest.band_low
    return IndexSummary(
        value=latest.value,
        band_low=latest.band_low,
        band_high=latest.band_high,
        as_of=latest.as_of,
        change_12m=change,
        value_label=f"{latest.value:.1f}" if latest.value is not None else str(INSUFFICIENT),
        is_unstable=width is not None and width > UNSTABLE_WIDTH,
        sparkline=[s.value for s in history[-24:]],
    )


# Sort keys in their natural order; rows without a value always come last.
SORT_KEYS: dict[str, Callable[[OverviewRow], Any]] = {
    "name": lambda row: str(row.dyad),
    "status": lambda row: list(DyadStatus.values).index(row.dyad.status),
    "index": lambda row: row.value,
    "change": lambda row: row.summary.change_12m,
    "rank": lambda row: (row.rank.rank, row.rank.rank_low, row.rank.rank_high) if row.rank else None,
}
# Numbers are first shown highest first; names and statuses from the top of the alphabet or list.
DESCENDING_BY_DEFAULT = frozenset({"index", "change"})


def sort_rows(rows: list, sort: str, descending: bool) -> list:
    key = SORT_KEYS.get(sort, SORT_KEYS["index"])
    present = sorted((r for r in rows if key(r) is not None), key=key, reverse=descending)
    return present + [r for r in rows if key(r) is None]


SORT_COLUMNS = [
    ("name", gettext_lazy("Dyad")),
    ("status", pgettext_lazy("dyad status", "Status")),
    ("index", gettext_lazy("Index now")),
    ("rank", gettext_lazy("Rank")),
    ("change", gettext_lazy("12-month change")),
]


def overview(*, status: str = "", domain: str = "", sort: str = "index", descending: bool = False) -> dict:
    """Rows of the overview table (filtered and sorted) and the world map."""
    dyads = list(queries.dyads_for_overview(status=status, domain=domain))
    histories = index_histories([d.pk for d in dyads])
    ranks = explained.current_ranks()
    rows = [OverviewRow(d, summarise(histories.get(d.pk, [])), ranks.get(d.pk)) for d in dyads]
    rows = sort_rows(rows, sort, descending)
    return {
        "rows": rows,
        "sort_columns": SORT_COLUMNS,
        "map_json": figures.overview_map(rows),
        "map_alt": alt_text.map_alt(rows),
        "disagreements": status_index.disagreements(rows),
        "unstable_width": f"{UNSTABLE_WIDTH:g}",
    }


@dataclass
class ComponentRow:
    key: str
    label: str
    explanation: str
    value: float | None
    count: int
    inputs: str
    weight: float | None


def component_rows(snapshot: IndexSnapshot | None) -> list[ComponentRow]:
    components = snapshot.components if snapshot else {}
    weights = snapshot.weights if snapshot else {}
    rows = []
    for key, label in COMPONENT_LABELS.items():
        entry = components.get(key) or {}
        value = entry.get("value")
        count = int(entry.get("count") or 0)
        rows.append(
            ComponentRow(
                key=key,
                label=str(label),
                explanation=str(COMPONENT_EXPLANATIONS[key]),
                value=round(value * 100, 1) if value is not None else None,
                count=count,
                inputs=COMPONENT_INPUTS[key] % {"count": count},
                weight=weights.get(key),
            )
        )
    return rows


def dyad(dyad: Dyad, *, today: date | None = None) -> dict:
    """Everything the dyad page shows, in a fixed number of queries."""
    today = today or timezone.localdate()
    history = list(index_history(dyad))
    ruptures, normalisations = queries.dyad_events(dyad)
    programs = queries.published_program_rows(dyad)
    quarters = queries.delivery_by_quarter(dyad, today=today)
    evaluations = queries.published_evaluation_rows(dyad, limit=EVALUATIONS_SHOWN)
    dac = queries.dac_summary(dyad)
    latest = history[-1] if history else None
    summary = summarise(history)
    components = component_rows(latest)
    domains = domain_counts(programs)
    index_explained = explained.for_dyad(dyad, history)
    history_extra = index_explained.pop("history_extra")
    history_alt = " ".join(
        filter(None, [alt_text.history_alt(history, summary), index_explained.pop("history_alt_note")])
    )
    return {
        **index_explained,
        "dyad": dyad,
        "summary": summary,
        "latest": latest,
        "history": history,
        "ruptures": ruptures,
        "normalisations": normalisations,
        "components": components,
        "programs": programs,
        "domains": domains,
        "quarters": quarters,
        "evaluations": evaluations,
        "dac_labels": [DAC_LABELS[c] for c in DAC_CRITERIA],
        "history_alt": history_alt,
        "components_alt": alt_text.components_alt(components),
        "delivery_alt": alt_text.delivery_alt(quarters),
        "domains_alt": alt_text.domains_alt(domains),
        "dac": dac,
        "dac_alt": alt_text.dac_alt(dac),
        "history_rows": tables.history_rows(history),
        "program_rows": tables.program_rows(programs),
        "evaluation_rows": tables.evaluation_rows(evaluations),
        "history_json": figures.index_history(history, ruptures, normalisations, history_extra) if history else "",
        "components_json": figures.components_radar(latest.components) if latest else "",
        "delivery_json": figures.delivery_by_quarter(quarters) if quarters else "",
        "domains_json": figures.programs_by_domain(domains) if programs else "",
        "dac_json": figures.dac_ratings(dac.means) if evaluations else "",
    }


def domain_counts(programs: list[queries.ProgramRow]) -> list[tuple[str, int]]:
    counts = {str(d.label): 0 for d in Domain}
    for program in programs:
        counts[str(Domain(program.domain).label)] += 1
    return list(counts.items())


def program(program: Program, *, today: date | None = None) -> dict:
    """Everything the program page shows: published milestones and evaluations, approved actuals only."""
    today = today or timezone.localdate()
    # With their program: a milestone title's original language is the program's.
    milestones = list(
        queries.published_milestones(program=program).select_related("program").order_by("due_date", "id")
    )
    evaluations = list(queries.published_evaluations(program=program))
    results = program_public_results(program)
    outcomes = [(m, timeline.OUTCOME_LABELS[timeline.milestone_outcome(m, today)]) for m in milestones]
    return {
        "program": program,
        "dyad": program.dyad,
        "milestones": outcomes,
        "evidence": [m for m in milestones if m.has_evidence],
        "evaluations": evaluations,
        "dac_labels": [DAC_LABELS[c] for c in DAC_CRITERIA],
        "timeline_json": timeline.program_timeline(program, milestones, today),
        "timeline_alt": alt_text.timeline_alt(outcomes),
        "results": results,
        "indicators": result_charts.public_indicators(results),
    }


def method() -> dict:
    """The weights and aggregation in force, from settings."""
    config = settings.TRUST_INDEX
    weights = {k: float(v) for k, v in config["WEIGHTS"].items()}
    aggregation = config.get("AGGREGATION", Aggregation.ARITHMETIC)
    rows = [
        (COMPONENT_LABELS.get(k, k), k, round(w * 100, 1), COMPONENT_EXPLANATIONS.get(k, ""))
        for k, w in weights.items()
    ]
    return {
        "weights": rows,
        "weights_alt": alt_text.weights_alt(rows),
        "aggregation": aggregation,
        "aggregation_label": dict(Aggregation.choices).get(aggregation, aggregation),
        "unstable_width": f"{UNSTABLE_WIDTH:g}",
        "weights_json": figures.method_weights(weights),
        "method_version": METHOD_VERSION,
        "method_html": method_html(),
        **explained.scenario_spread(),
    }
