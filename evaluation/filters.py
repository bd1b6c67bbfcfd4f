"""Query filters of the API's evaluation and index snapshot lists (django-filter)."""

import django_filters as df

from core.api.filters import IdFilter, StrictBooleanFilter, TextSearchFilter
from programs.filters import StateCodeFilter, dyad_filter

from .models import Evaluation


class EvaluationFilter(df.FilterSet):
    program = IdFilter(
        field_name="program_id", help_text="Program id. A program you cannot see gives an empty list, not an error."
    )
    dyad = dyad_filter("program__dyad")
    state = StateCodeFilter(dyad_path="program__dyad__", help_text="Evaluations of dyads including this state.")
    date_after = df.DateFilter(field_name="date", lookup_expr="gte", help_text="Dated on or after (YYYY-MM-DD).")
    date_before = df.DateFilter(field_name="date", lookup_expr="lte", help_text="Dated on or before (YYYY-MM-DD).")
    is_submitted = StrictBooleanFilter(help_text="Submitted (frozen) or still a draft.")
    is_published = StrictBooleanFilter(help_text="Only (un)published records; the public sees published ones only.")
    search = TextSearchFilter(searched="the program title, the organisation's name and the summary")

    class Meta:
        model = Evaluation
        fields: list[str] = []
