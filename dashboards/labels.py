"""Plain-language names and explanations shown beside the index and its components."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from trustindex import in_force

# Every component of every method version, in display order; `shown_components` picks the ones in force.
COMPONENT_LABELS = {
    "delivery": _("Commitments kept"),
    "attainment": _("Results attained"),  # method 1.2
    "evaluation": _("Independent assessment"),
    "continuity": _("Continuity"),
    "reciprocity": _("Reciprocity"),
    "breadth": _("Breadth"),
    "transparency": _("Transparency"),
}

COMPONENT_EXPLANATIONS = {
    "attainment": _(
        "How much of each indicator's target was achieved, approved periods only (last three years); "
        "recent ones count more."
    ),
    "delivery": _("Milestones delivered as promised over the last three years; recent ones count more."),
    "evaluation": _("How independent evaluators rate the programs on the six OECD DAC criteria (last five years)."),
    "continuity": _("Share of the last eight quarters in which at least one milestone was achieved."),
    "reciprocity": _("Whether both sides commit comparable resources to the programs active in the last two years."),
    "breadth": _("How evenly the active programs spread over culture, science, economy, health and digital."),
    "transparency": _("Share of due milestones reported in public with evidence (a link or a document)."),
}

# What each component counts, for "based on N …" beside its value (`% {"count": n}` picks the plural form).
COMPONENT_INPUTS = {
    "attainment": ngettext_lazy("%(count)d indicator", "%(count)d indicators", "count"),
    "delivery": ngettext_lazy("%(count)d milestone due", "%(count)d milestones due", "count"),
    "evaluation": ngettext_lazy("%(count)d evaluation", "%(count)d evaluations", "count"),
    "continuity": ngettext_lazy("%(count)d milestone achieved", "%(count)d milestones achieved", "count"),
    "reciprocity": ngettext_lazy(
        "%(count)d program with contributions", "%(count)d programs with contributions", "count"
    ),
    "breadth": ngettext_lazy("%(count)d active program", "%(count)d active programs", "count"),
    "transparency": ngettext_lazy("%(count)d milestone due", "%(count)d milestones due", "count"),
}


def shown_components() -> list[str]:
    """The components of the method in force, in display order."""
    keys = in_force.components()
    return [key for key in COMPONENT_LABELS if key in keys]


DAC_LABELS = {
    "relevance": _("Relevance"),
    "coherence": _("Coherence"),
    "effectiveness": _("Effectiveness"),
    "efficiency": _("Efficiency"),
    "impact": _("Impact"),
    "sustainability": _("Sustainability"),
}
