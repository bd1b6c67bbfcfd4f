"""Text alternatives for the charts: what a reader would take away, in one or two sentences."""

from collections import Counter
from collections.abc import Sequence

from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from evaluation.scoring import DAC_CRITERIA

from .labels import DAC_LABELS


def _month(day) -> str:
    """A month as "Nov 2026", its name in the interface language."""
    return date_format(day, "M Y")


def map_alt(rows: Sequence) -> str:
    parts = [f"{row.dyad}: {row.value_label}" for row in rows]
    return ngettext(
        "World map joining the two states of each of the %(count)d dyad shown, coloured by current index (%(parts)s).",
        "World map joining the two states of each of the %(count)d dyads shown, coloured by current index (%(parts)s).",
        len(rows),
    ) % {"count": len(rows), "parts": "; ".join(parts)}


def history_alt(history: Sequence, summary) -> str:
    valued = [s for s in history if s.value is not None]
    if not valued:
        return ngettext(
            "%(count)d monthly snapshot, all with insufficient data.",
            "%(count)d monthly snapshots, all with insufficient data.",
            len(history),
        ) % {"count": len(history)}
    low = min(valued, key=lambda s: s.value)
    high = max(valued, key=lambda s: s.value)
    return _(
        "Trust index from %(start)s to %(end)s: now %(now)s; lowest %(low).1f (%(low_month)s), highest %(high).1f "
        "(%(high_month)s). Shaded: 90%% sensitivity band; dotted lines: ruptures (red) and normalisations (green)."
    ) % {
        "start": _month(history[0].as_of),
        "end": _month(history[-1].as_of),
        "now": summary.value_label,
        "low": low.value,
        "low_month": _month(low.as_of),
        "high": high.value,
        "high_month": _month(high.as_of),
    }


def components_alt(components: Sequence) -> str:
    parts = [
        f"{c.label} {c.value:.0f}" if c.value is not None else _("%(component)s no data") % {"component": c.label}
        for c in components
    ]
    return _("Radar chart of the latest components, 0 to 100: %(parts)s.") % {"parts": "; ".join(parts)}


def delivery_alt(quarters: Sequence) -> str:
    on_time = sum(q.on_time for q in quarters)
    late = sum(q.late for q in quarters)
    missed = sum(q.missed for q in quarters)
    return ngettext(
        "Milestones due per quarter over %(count)d quarter: %(on_time)d delivered on time, %(late)d late, "
        "%(missed)d missed or overdue.",
        "Milestones due per quarter over %(count)d quarters: %(on_time)d delivered on time, %(late)d late, "
        "%(missed)d missed or overdue.",
        len(quarters),
    ) % {"count": len(quarters), "on_time": on_time, "late": late, "missed": missed}


def domains_alt(domains: Sequence[tuple[str, int]]) -> str:
    listed = ", ".join(f"{label} {n}" for label, n in domains)
    return _("Published programs per domain: %(domains)s.") % {"domains": listed}


def dac_alt(summary) -> str:
    parts = [
        f"{DAC_LABELS[c]} {m:.1f}" if m is not None else _("%(criterion)s unrated") % {"criterion": DAC_LABELS[c]}
        for c, m in zip(DAC_CRITERIA, summary.means, strict=True)
    ]
    return ngettext(
        "Mean OECD DAC ratings (1–4) over %(count)d published evaluation: %(parts)s.",
        "Mean OECD DAC ratings (1–4) over %(count)d published evaluations: %(parts)s.",
        summary.count,
    ) % {"count": summary.count, "parts": "; ".join(parts)}


def timeline_alt(outcomes: Sequence[tuple]) -> str:
    counts = Counter(str(outcome) for _milestone, outcome in outcomes)
    listed = ", ".join(f"{n} {label.lower()}" for label, n in counts.items())
    return ngettext(
        "Timeline of the program and its %(count)d published milestone by due date: %(listed)s.",
        "Timeline of the program and its %(count)d published milestones by due date: %(listed)s.",
        len(outcomes),
    ) % {"count": len(outcomes), "listed": listed}


def weights_alt(weights: Sequence[tuple]) -> str:
    listed = ", ".join(f"{label} {w:.0f}%" for label, _key, w, _explanation in weights)
    return _("Weights in force: %(weights)s.") % {"weights": listed}
