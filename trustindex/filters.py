"""Query filters of the API's index snapshot lists (django-filter)."""

import django_filters as df
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from programs.filters import dyad_filter

from .models import IndexSnapshot

# A method version is short and plain ("1.0"); anything else (a NUL, a page of text) is a 400.
METHOD_VERSION_FORMAT = RegexValidator(
    r"\A[0-9A-Za-z][0-9A-Za-z.\-]{0,15}\Z", message=_("A method version looks like `1.0`."), code="invalid"
)


class DyadHistoryFilter(df.FilterSet):
    """A dyad's history (the dyad comes from the URL)."""

    as_of_after = df.DateFilter(
        field_name="as_of", lookup_expr="gte", help_text="As of this date or later (YYYY-MM-DD)."
    )
    as_of_before = df.DateFilter(
        field_name="as_of", lookup_expr="lte", help_text="As of this date or earlier (YYYY-MM-DD)."
    )
    method_version = df.CharFilter(help_text="Index method version, e.g. `1.0`.", validators=[METHOD_VERSION_FORMAT])

    class Meta:
        model = IndexSnapshot
        fields: list[str] = []


class SnapshotFilter(DyadHistoryFilter):
    dyad = dyad_filter()
