"""The program page's Gantt-like milestone timeline, and how each milestone turned out."""

from collections.abc import Sequence
from datetime import date

import plotly.graph_objects as go
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.i18n import localized
from milestones.models import Milestone, MilestoneStatus
from programs.models import Program

from .figures import STATUS_COLORS, base_layout, figure_json


def milestone_outcome(milestone: Milestone, today: date) -> str:
    """on_time, late, missed, open or other (cancelled or not yet due)."""
    if milestone.status == MilestoneStatus.ACHIEVED and milestone.achieved_date:
        return "on_time" if milestone.achieved_date <= milestone.due_date else "late"
    if milestone.status == MilestoneStatus.MISSED:
        return "missed"
    if milestone.status == MilestoneStatus.CANCELLED:
        return "other" if milestone.cancelled_jointly else "missed"
    return "missed" if milestone.due_date < today else "open"


OUTCOME_LABELS = {
    "on_time": gettext_lazy("Achieved on time"),
    "late": gettext_lazy("Achieved late"),
    "missed": gettext_lazy("Missed or overdue"),
    "open": gettext_lazy("Not yet due"),
    "other": gettext_lazy("Cancelled jointly"),
}


def program_timeline(program: Program, milestones: Sequence[Milestone], today: date) -> str:
    """A Gantt-like timeline: the program's span, each milestone's due date and, when late, its delay."""
    traces: list = []
    end = program.end_date or max([today, *(m.due_date for m in milestones)])
    program_label = _("Program")
    titles = {m.pk: localized(m, "title").text for m in milestones}
    traces.append(
        go.Scatter(
            _validate=False,
            x=[program.start_date, end],
            y=[program_label, program_label],
            mode="lines",
            line={"width": 14, "color": "rgba(31,111,139,0.35)"},
            name=_("Program period"),
            hovertemplate="%{x|%d %b %Y}<extra>" + _("Program period") + "</extra>",
        )
    )
    for outcome, label in OUTCOME_LABELS.items():
        chosen = [m for m in milestones if milestone_outcome(m, today) == outcome]
        if not chosen:
            continue
        xs: list = []
        ys: list = []
        for m in chosen:
            xs += [m.due_date, m.achieved_date or m.due_date, None]
            ys += [titles[m.pk], titles[m.pk], None]
        traces.append(
            go.Scatter(
                _validate=False,
                x=xs,
                y=ys,
                mode="lines+markers",
                name=str(label),
                line={"color": STATUS_COLORS[outcome], "width": 4},
                marker={"size": 9, "color": STATUS_COLORS[outcome]},
                hovertemplate="%{y}: %{x|%d %b %Y}<extra>" + str(label) + "</extra>",
            )
        )
    layout = base_layout(
        height=max(220, 60 + 26 * (len(milestones) + 1)),
        margin={"l": 16, "r": 16, "t": 10, "b": 40},
        xaxis={"type": "date", "gridcolor": "#eceff2"},
        yaxis={
            "autorange": "reversed",
            "automargin": True,
            "type": "category",
            "categoryorder": "array",
            "categoryarray": [program_label, *titles.values()],
        },
    )
    # On a phone, long milestone titles would leave no room for the timeline itself.
    labels = [program_label, *dict.fromkeys(titles.values())]
    phone = {
        "xaxis": {"nticks": 4},
        "yaxis": {"tickvals": labels, "ticktext": [_short(t) for t in labels], "tickfont": {"size": 10}},
    }
    return figure_json(traces, layout, phone)


def _short(title: str, length: int = 16) -> str:
    return title if len(title) <= length else title[: length - 1] + "…"
