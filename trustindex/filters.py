"""Query filters of the API's index snapshot lists (django-filter)."""

import django_filters as df

from programs.filters import dyad_filter

from .models import IndexSnapshot


class DyadHistoryFilter(df.FilterSet):
    """A dyad's history (the dyad comes from the URL)."""

    as_of_after = df.DateFilter(
        field_name="as_of", lookup_expr="gte", help_text="As of this date or later (YYYY-MM-DD)."
    )
    as_of_before = df.DateFilter(
        field_name="as_of", lookup_expr="lte", help_text="As of this date or earlier (YYYY-MM-DD)."
    )
    method_version = df.CharFilter(help_text="Index method version, e.g. `1.0`.")

    class Meta:
        model = IndexSnapshot
        fields: list[str] = []


class SnapshotFilter(DyadHistoryFilter):
    dyad = dyad_filter()
