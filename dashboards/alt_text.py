"""Text alternatives for the charts: what a reader would take away, in one or two sentences."""

from collections import Counter
from collections.abc import Sequence

from evaluation.scoring import DAC_CRITERIA

from .labels import DAC_LABELS


def map_alt(rows: Sequence) -> str:
    parts = [f"{row.dyad}: {row.value_label}" for row in rows]
    return (
        f"World map joining the two states of each of the {len(rows)} dyads shown, "
        f"coloured by current index ({'; '.join(parts)})."
    )


def history_alt(history: Sequence, summary) -> str:
    valued = [s for s in history if s.value is not None]
    if not valued:
        return f"{len(history)} monthly snapshots, all with insufficient data."
    low = min(valued, key=lambda s: s.value)
    high = max(valued, key=lambda s: s.value)
    return (
        f"Trust index from {history[0].as_of:%b %Y} to {history[-1].as_of:%b %Y}: now {summary.value_label}; "
        f"lowest {low.value:.1f} ({low.as_of:%b %Y}), highest {high.value:.1f} ({high.as_of:%b %Y}). "
        "Shaded: 90% sensitivity band; dotted lines: ruptures (red) and normalisations (green)."
    )


def components_alt(components: Sequence) -> str:
    parts = [f"{c.label} {c.value:.0f}" if c.value is not None else f"{c.label} no data" for c in components]
    return "Radar chart of the latest components, 0 to 100: " + "; ".join(parts) + "."


def delivery_alt(quarters: Sequence) -> str:
    on_time = sum(q.on_time for q in quarters)
    late = sum(q.late for q in quarters)
    missed = sum(q.missed for q in quarters)
    return (
        f"Milestones due per quarter over {len(quarters)} quarters: {on_time} delivered on time, "
        f"{late} late, {missed} missed or overdue."
    )


def domains_alt(domains: Sequence[tuple[str, int]]) -> str:
    return "Published programs per domain: " + ", ".join(f"{label} {n}" for label, n in domains) + "."


def dac_alt(summary) -> str:
    parts = [
        f"{DAC_LABELS[c]} {m:.1f}" if m is not None else f"{DAC_LABELS[c]} unrated"
        for c, m in zip(DAC_CRITERIA, summary.means, strict=True)
    ]
    return f"Mean OECD DAC ratings (1–4) over {summary.count} published evaluations: " + "; ".join(parts) + "."


def timeline_alt(outcomes: Sequence[tuple]) -> str:
    counts = Counter(outcome for _, outcome in outcomes)
    listed = ", ".join(f"{n} {label.lower()}" for label, n in counts.items())
    return f"Timeline of the program and its {len(outcomes)} published milestones by due date: {listed}."


def weights_alt(weights: Sequence[tuple]) -> str:
    return "Weights in force: " + ", ".join(f"{label} {w:.0f}%" for label, _, w, _ in weights) + "."
