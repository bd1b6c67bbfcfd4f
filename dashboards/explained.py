"""The index explained on the dyad page: its rank and interval, thin stretches, what it leans on, what changed.

Plain rows from the stored snapshots and revisions (trustindex), in words a reader can
follow; the charts drawing them are in explained_figures.py.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import groupby

import numpy as np
from django.contrib.humanize.templatetags.humanize import ordinal
from django.utils import formats
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from trustindex.engine import index_config
from trustindex.inputs import THIN_COVERAGE, THIN_MILESTONES
from trustindex.revision_causes import PublicCause, public_causes
from trustindex.scenarios import shared_scenarios
from trustindex.selectors import current_snapshots, revisions_for

from . import explained_figures
from .labels import COMPONENT_LABELS

# The dyad page lists the newest revisions; the API and its CSV have them all.
REVISIONS_SHOWN = 200


def _month(day: date) -> str:
    return formats.date_format(day, "M Y")


@dataclass(frozen=True)
class RankInterval:
    """A dyad's rank over the weight scenarios: the median and the 5th–95th percentile interval."""

    rank: int
    rank_low: int
    rank_high: int
    ranked_dyads: int

    @property
    def label(self) -> str:
        if self.rank_low == self.rank_high:
            return str(self.rank)
        return f"{self.rank} ({self.rank_low}–{self.rank_high})"

    @property
    def sentence(self) -> str:
        return rank_sentence(self)


def current_ranks() -> dict[int, RankInterval]:
    """Each ranked dyad's rank interval at the current date, in one query."""
    rows = current_snapshots().filter(rank__isnull=False).order_by()
    fields = ("dyad_id", "rank", "rank_low", "rank_high", "ranked_dyads")
    return {dyad_id: RankInterval(*interval) for dyad_id, *interval in rows.values_list(*fields)}


def rank_number(n: int) -> str:
    """A rank as English writes it ("2nd"), else as a plain number: Django's ordinals are
    unreliable in our other languages ("1st" in Arabic, Persian, Spanish, Russian and
    Chinese; HTML in French), and each sentence around it says "rank" in words."""
    language = get_language() or ""
    return str(ordinal(n)) if language.split("-")[0] == "en" else formats.number_format(n)


def rank_sentence(snapshot) -> str:
    """ "2nd of 6; 1st–3rd in 90% of weightings", or "" when the snapshot has no rank."""
    if snapshot is None or snapshot.rank is None or not snapshot.ranked_dyads:
        return ""
    names = {"rank": rank_number(snapshot.rank), "of": snapshot.ranked_dyads}
    if snapshot.rank_low == snapshot.rank_high:
        return _("%(rank)s of %(of)s, in at least 90%% of weightings") % names
    interval = {**names, "low": rank_number(snapshot.rank_low), "high": rank_number(snapshot.rank_high)}
    return _("%(rank)s of %(of)s; %(low)s–%(high)s in 90%% of weightings") % interval


def _delivery_count(snapshot) -> int:
    return int(((snapshot.components or {}).get("delivery") or {}).get("count") or 0)


def _low_coverage(snapshot) -> bool:
    return snapshot.coverage < THIN_COVERAGE - 1e-9


def _coverage_reason(share: float) -> str:
    return _("the components with data carry only %(share)s%% of the weight") % {"share": round(share * 100)}


def _delivery_reason(count: int) -> str:
    return ngettext(
        "commitments kept rests on only %(count)d milestone",
        "commitments kept rests on only %(count)d milestones",
        count,
    ) % {"count": count}


def thin_reasons(snapshot) -> list[str]:
    """Why a snapshot is thin, in words (empty when it is not)."""
    if not snapshot.thin:
        return []
    reasons = [_coverage_reason(snapshot.coverage)] if _low_coverage(snapshot) else []
    delivered = _delivery_count(snapshot)
    if delivered < THIN_MILESTONES:
        reasons.append(_delivery_reason(delivered))
    return reasons


@dataclass
class ThinStretch:
    """Consecutive thin snapshots, with why they are thin."""

    snapshots: list = field(default_factory=list)

    @property
    def first(self) -> date:
        return self.snapshots[0].as_of

    @property
    def last(self) -> date:
        return self.snapshots[-1].as_of

    @property
    def reasons(self) -> list[str]:
        """The stretch's reasons, each true of every month in it: "only" the highest low coverage,
        "only" the most milestones delivery rests on below the threshold."""
        reasons = []
        low = [s.coverage for s in self.snapshots if _low_coverage(s)]
        if low:
            reasons.append(_coverage_reason(max(low)))
        few = [n for s in self.snapshots if (n := _delivery_count(s)) < THIN_MILESTONES]
        if few:
            reasons.append(_delivery_reason(max(few)))
        return reasons

    @property
    def sentence(self) -> str:
        span = (
            _month(self.first)
            if (self.first.year, self.first.month) == (self.last.year, self.last.month)
            else _("%(first)s to %(last)s") % {"first": _month(self.first), "last": _month(self.last)}
        )
        return _("%(span)s: %(reasons)s.") % {"span": span, "reasons": "; ".join(self.reasons)}


def thin_stretches(history: Sequence) -> list[ThinStretch]:
    """The runs of thin snapshots in a history (oldest first)."""
    stretches: list[ThinStretch] = []
    previous_thin = False
    for snapshot in history:
        if snapshot.thin:
            if not previous_thin:
                stretches.append(ThinStretch())
            stretches[-1].snapshots.append(snapshot)
        previous_thin = snapshot.thin
    return stretches


@dataclass(frozen=True)
class RemoveOne:
    """The value with one component left out."""

    key: str
    label: str
    value: float | None
    difference: float | None

    @property
    def sentence(self) -> str:
        names = {"component": self.label}
        if self.value is None or self.difference is None:
            return _("Without %(component)s nothing would be left to compute the index from.") % names
        names |= {
            "value": formats.number_format(self.value, 1),
            "difference": formats.number_format(abs(self.difference), 1),
        }
        if self.difference > 0:
            return (
                _("Without %(component)s the index would be %(value)s, %(difference)s higher: it holds the value down.")
                % names
            )
        if self.difference < 0:
            return (
                _("Without %(component)s the index would be %(value)s, %(difference)s lower: it holds the value up.")
                % names
            )
        return _("Without %(component)s the index would be the same, %(value)s.") % names


def remove_one_rows(snapshot) -> list[RemoveOne]:
    """The snapshot's remove-one values in the components' order, biggest lean first."""
    if snapshot is None or snapshot.value is None:
        return []
    rows = [
        RemoveOne(key, str(label), value, None if value is None else round(value - snapshot.value, 1))
        for key, label in COMPONENT_LABELS.items()
        if key in (snapshot.remove_one or {})
        for value in [snapshot.remove_one[key]]
    ]
    return sorted(rows, key=lambda r: -abs(r.difference or 0))


@dataclass(frozen=True)
class RevisedValue:
    as_of: date
    old_value: float | None
    new_value: float | None

    @property
    def change(self) -> float | None:
        if self.old_value is None or self.new_value is None:
            return None
        return round(self.new_value - self.old_value, 1)


@dataclass
class RevisionGroup:
    """The month-end values one recomputation revised, with its cause in words."""

    when: datetime
    cause: PublicCause
    method_version: str
    values: list[RevisedValue] = field(default_factory=list)

    @property
    def first(self) -> date:
        return min(v.as_of for v in self.values)

    @property
    def last(self) -> date:
        return max(v.as_of for v in self.values)

    @property
    def summary(self) -> str:
        count = len(self.values)
        if count == 1:
            return _("The value for %(month)s was revised.") % {"month": _month(self.first)}
        return ngettext(
            "%(count)d month-end value was revised, %(first)s to %(last)s.",
            "%(count)d month-end values were revised, %(first)s to %(last)s.",
            count,
        ) % {"count": count, "first": _month(self.first), "last": _month(self.last)}


def revision_groups(revisions: Sequence) -> list[RevisionGroup]:
    """Revisions (newest first) grouped by the recomputation that made them, each with its public cause."""
    causes = public_causes(revisions)
    groups = []
    for (when, cause, cause_ref, version), rows in groupby(
        revisions, key=lambda r: (r.created_at, r.cause, r.cause_ref, r.method_version)
    ):
        values = sorted((RevisedValue(r.as_of, r.old_value, r.new_value) for r in rows), key=lambda v: v.as_of)
        groups.append(RevisionGroup(when, causes[(cause, cause_ref)], version, values[::-1]))
    return groups


def latest_revision_by_month(revisions: Sequence) -> dict[date, object]:
    """For the history chart's markers: the newest revision of each as-of date."""
    latest: dict[date, object] = {}
    for r in revisions:  # newest first
        latest.setdefault(r.as_of, r)
    return latest


def remove_one_alt(rows: Sequence[RemoveOne], value: float) -> str:
    parts = "; ".join(f"{r.label} {formats.number_format(r.value, 1)}" for r in rows if r.value is not None)
    return _("Bar chart of the index with each component left out (the index now: %(value)s): %(parts)s.") % {
        "value": formats.number_format(value, 1),
        "parts": parts,
    }


def for_dyad(dyad, history: Sequence) -> dict:
    """The dyad page's explanations of its index (one query: its newest revisions)."""
    revisions = list(revisions_for(dyad)[:REVISIONS_SHOWN])
    latest = history[-1] if history else None
    rows = remove_one_rows(latest)
    markers = explained_figures.revision_markers(latest_revision_by_month(revisions))
    return {
        "rank": rank_sentence(latest),
        "latest_thin": thin_reasons(latest) if latest is not None else [],
        "thin_stretches": thin_stretches(history),
        "revision_groups": revision_groups(revisions),
        "remove_one": rows,
        "remove_one_json": explained_figures.remove_one_bars(rows, latest.value) if rows and latest else "",
        "remove_one_alt": remove_one_alt(rows, latest.value) if rows and latest else "",
        "history_extra": [*explained_figures.thin_trace(history), *markers],
        "history_alt_note": history_alt_note(history, bool(markers)),
    }


def history_alt_note(history: Sequence, revised: bool) -> str:
    """What the history chart's dashed stretches and diamonds mean, for its text alternative."""
    notes = []
    if any(s.thin for s in history):
        notes.append(_("Dashed: thin data."))
    if revised:
        notes.append(_("Diamonds: values revised after they were first published."))
    return " ".join(notes)


@dataclass(frozen=True)
class ScenarioSpread:
    """How one component's weight varies over the shared weight scenarios, in percent."""

    label: str
    in_force: float
    low: float
    median: float
    high: float


def scenario_spread() -> dict:
    """The method page's view of the shared weight scenarios: a row and a bar per component."""
    config = index_config()
    scenarios = shared_scenarios(config)
    low, median, high = np.percentile(scenarios, [5, 50, 95], axis=0) * 100
    rows = [
        ScenarioSpread(str(COMPONENT_LABELS[key]), config.weights[key] * 100, low[i], median[i], high[i])
        for i, key in enumerate(config.components)
    ]
    alt = _(
        "For each component, its weight in force and the range of its weight in 90%% of the %(count)s "
        "weight scenarios: %(parts)s."
    ) % {
        "count": formats.number_format(config.draws, force_grouping=True),
        "parts": "; ".join(f"{r.label} {r.in_force:.0f}% ({r.low:.0f}–{r.high:.0f}%)" for r in rows),
    }
    return {
        "scenario_rows": rows,
        "scenario_count": config.draws,
        "scenario_concentration": config.concentration,
        "scenarios_json": explained_figures.scenario_spread(rows),
        "scenarios_alt": alt,
    }
