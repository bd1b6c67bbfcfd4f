"""Plain-language names and explanations shown beside the index and its components."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

COMPONENT_LABELS = {
    "delivery": _("Commitments kept"),
    "evaluation": _("Independent assessment"),
    "continuity": _("Continuity"),
    "reciprocity": _("Reciprocity"),
    "breadth": _("Breadth"),
    "transparency": _("Transparency"),
}

COMPONENT_EXPLANATIONS = {
    "delivery": _("Milestones delivered as promised over the last three years; recent ones count more."),
    "evaluation": _("How independent evaluators rate the programs on the six OECD DAC criteria (last five years)."),
    "continuity": _("Share of the last eight quarters in which at least one milestone was achieved."),
    "reciprocity": _("Whether both sides commit comparable resources to the programs active in the last two years."),
    "breadth": _("How evenly the active programs spread over culture, science, economy, health and digital."),
    "transparency": _("Share of due milestones reported in public with evidence (a link or a document)."),
}

# What each component counts, for "based on N …" beside its value (`% {"count": n}` picks the plural form).
COMPONENT_INPUTS = {
    "delivery": ngettext_lazy("%(count)d milestone due", "%(count)d milestones due", "count"),
    "evaluation": ngettext_lazy("%(count)d evaluation", "%(count)d evaluations", "count"),
    "continuity": ngettext_lazy("%(count)d milestone achieved", "%(count)d milestones achieved", "count"),
    "reciprocity": ngettext_lazy(
        "%(count)d program with contributions", "%(count)d programs with contributions", "count"
    ),
    "breadth": ngettext_lazy("%(count)d active program", "%(count)d active programs", "count"),
    "transparency": ngettext_lazy("%(count)d milestone due", "%(count)d milestones due", "count"),
}

DAC_LABELS = {
    "relevance": _("Relevance"),
    "coherence": _("Coherence"),
    "effectiveness": _("Effectiveness"),
    "efficiency": _("Efficiency"),
    "impact": _("Impact"),
    "sustainability": _("Sustainability"),
}
