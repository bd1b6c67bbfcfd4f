"""Query filters of the API's milestone list (django-filter)."""

import django_filters as df
from django.db.models import Q, QuerySet
from django.utils import timezone

from core.api.filters import IdFilter, StrictBooleanFilter, TextSearchFilter
from programs.filters import StateCodeFilter, dyad_filter

from .models import Milestone, MilestoneStatus


class MilestoneFilter(df.FilterSet):
    program = IdFilter(
        field_name="program_id", help_text="Program id. A program you cannot see gives an empty list, not an error."
    )
    dyad = dyad_filter("program__dyad")
    state = StateCodeFilter(dyad_path="program__dyad__", help_text="Milestones of dyads including this state.")
    status = df.MultipleChoiceFilter(choices=MilestoneStatus.choices, help_text="Milestone status; repeat for several.")
    due_after = df.DateFilter(field_name="due_date", lookup_expr="gte", help_text="Due on or after (YYYY-MM-DD).")
    due_before = df.DateFilter(field_name="due_date", lookup_expr="lte", help_text="Due on or before (YYYY-MM-DD).")
    overdue = StrictBooleanFilter(
        method="filter_overdue",
        help_text="`true`: still planned or in progress after the due date (as of today); `false`: all others.",
    )
    has_evidence = StrictBooleanFilter(method="filter_has_evidence", help_text="Carries an evidence link or document.")
    is_published = StrictBooleanFilter(help_text="Only (un)published records; the public sees published ones only.")
    search = TextSearchFilter(searched="the title, description and program title")

    class Meta:
        model = Milestone
        fields: list[str] = []

    def filter_overdue(self, qs: QuerySet[Milestone], name: str, value: bool | None) -> QuerySet[Milestone]:
        if value is None:
            return qs
        overdue = Milestone.objects.overdue(timezone.localdate()).values("pk")
        return qs.filter(pk__in=overdue) if value else qs.exclude(pk__in=overdue)

    def filter_has_evidence(self, qs: QuerySet[Milestone], name: str, value: bool | None) -> QuerySet[Milestone]:
        if value is None:
            return qs
        evidence = ~Q(evidence_url="") | ~Q(evidence_document="")
        return qs.filter(evidence) if value else qs.exclude(evidence)
