"""Query filters of the API's result, indicator and period lists (django-filter)."""

import django_filters as df
from django.db.models import Q, QuerySet
from django.utils import timezone

from programs.filters import StateCodeFilter, dyad_filter

from .models import ActualStatus, Indicator, IndicatorKind, ReportingPeriod, Result, ResultType

# The `actual_visible` annotation of `permissions.visible_periods`.
VISIBLE = Q(actual_visible=True)
PROGRAM_HELP = "Program id. A program you cannot see gives an empty list, not an error."


class ResultFilter(df.FilterSet):
    program = df.NumberFilter(field_name="program_id", help_text=PROGRAM_HELP)
    dyad = dyad_filter("program__dyad")
    state = StateCodeFilter(dyad_path="program__dyad__", help_text="Results of dyads including this state.")
    type = df.MultipleChoiceFilter(
        choices=ResultType.choices, help_text="Output, outcome or impact; repeat for several."
    )

    class Meta:
        model = Result
        fields: list[str] = []


class IndicatorFilter(df.FilterSet):
    program = df.NumberFilter(field_name="result__program_id", help_text=PROGRAM_HELP)
    result = df.NumberFilter(field_name="result_id", help_text="Result id.")
    dyad = dyad_filter("result__program__dyad")
    kind = df.ChoiceFilter(choices=IndicatorKind.choices, help_text="Quantitative or qualitative.")

    class Meta:
        model = Indicator
        fields: list[str] = []


class PeriodFilter(df.FilterSet):
    program = df.NumberFilter(field_name="indicator__result__program_id", help_text=PROGRAM_HELP)
    result = df.NumberFilter(field_name="indicator__result_id", help_text="Result id.")
    indicator = df.NumberFilter(field_name="indicator_id", help_text="Indicator id.")
    dyad = dyad_filter("indicator__result__program__dyad")
    status = df.MultipleChoiceFilter(
        choices=ActualStatus.choices,
        method="filter_status",
        help_text="Status of the actual; repeat for several. Only periods whose actual you may see match.",
    )
    ends_after = df.DateFilter(field_name="end", lookup_expr="gte", help_text="Ending on or after (YYYY-MM-DD).")
    ends_before = df.DateFilter(field_name="end", lookup_expr="lte", help_text="Ending on or before (YYYY-MM-DD).")
    late = df.BooleanFilter(
        method="filter_late",
        help_text="`true`: actual not submitted 30 days after the period ended (only periods whose actual you may "
        "see); `false`: all others.",
    )

    class Meta:
        model = ReportingPeriod
        fields: list[str] = []

    # Both filters read the workflow of drafts, so they match only actuals the user may see (`actual_visible`).
    def filter_status(self, qs: QuerySet[ReportingPeriod], name: str, value: list[str]) -> QuerySet[ReportingPeriod]:
        return qs.filter(Q(status__in=value), VISIBLE) if value else qs

    def filter_late(self, qs: QuerySet[ReportingPeriod], name: str, value: bool | None) -> QuerySet[ReportingPeriod]:
        if value is None:
            return qs
        late = ReportingPeriod.objects.late(timezone.localdate()).values("pk")
        return qs.filter(Q(pk__in=late), VISIBLE) if value else qs.exclude(Q(pk__in=late) & VISIBLE)
