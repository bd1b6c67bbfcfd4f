"""Plain-language names and explanations shown beside the index and its components."""

COMPONENT_LABELS = {
    "delivery": "Commitments kept",
    "evaluation": "Independent assessment",
    "continuity": "Continuity",
    "reciprocity": "Reciprocity",
    "breadth": "Breadth",
    "transparency": "Transparency",
}

COMPONENT_EXPLANATIONS = {
    "delivery": "Milestones delivered as promised over the last three years; recent ones count more.",
    "evaluation": "How independent evaluators rate the programs on the six OECD DAC criteria (last five years).",
    "continuity": "Share of the last eight quarters in which at least one milestone was achieved.",
    "reciprocity": "Whether both sides commit comparable resources to the programs active in the last two years.",
    "breadth": "How evenly the active programs spread over culture, science, economy, health and digital.",
    "transparency": "Share of due milestones reported in public with evidence (a link or a document).",
}

# What each component counts, for "based on N …" beside its value.
COMPONENT_INPUTS = {
    "delivery": ("milestone due", "milestones due"),
    "evaluation": ("evaluation", "evaluations"),
    "continuity": ("milestone achieved", "milestones achieved"),
    "reciprocity": ("program with contributions", "programs with contributions"),
    "breadth": ("active program", "active programs"),
    "transparency": ("milestone due", "milestones due"),
}

DAC_LABELS = {
    "relevance": "Relevance",
    "coherence": "Coherence",
    "effectiveness": "Effectiveness",
    "efficiency": "Efficiency",
    "impact": "Impact",
    "sustainability": "Sustainability",
}
