"""Query filters of the API's state, dyad and program lists (django-filter)."""

import django_filters as df
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from core.api.filters import StrictBooleanFilter, TextSearchFilter

from .choices import Domain, DyadStatus, ProgramStatus
from .models import Dyad, Program, State


class StateCodeField(df.fields.ModelChoiceField):
    """An ISO alpha-2 code, accepted in either case."""

    def to_python(self, value):
        return super().to_python(value.upper() if isinstance(value, str) else value)


@extend_schema_field(
    {
        "type": "string",
        "pattern": "^[A-Za-z]{2}$",
        "example": "SA",
        "description": "Only records of dyads that include this state (ISO alpha-2 code, either case, e.g. `SA`). "
        "An unknown code is a 400.",
    }
)
class StateCodeFilter(df.ModelChoiceFilter):
    """Records whose dyad includes the state with this code; an unknown code is a 400."""

    field_class = StateCodeField

    def __init__(self, *, dyad_path: str, **kwargs):
        self.dyad_path = dyad_path
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": _("Unknown state code '%(value)s'; use an ISO alpha-2 code such as SA.")},
        )
        super().__init__(queryset=State.objects.all(), to_field_name="code", **kwargs)

    def filter(self, qs, value):
        if value is None:
            return qs
        return qs.filter(Q(**{f"{self.dyad_path}state_a": value}) | Q(**{f"{self.dyad_path}state_b": value}))


def dyad_filter(field_name: str = "dyad") -> df.ModelChoiceFilter:
    return df.ModelChoiceFilter(
        field_name=field_name,
        queryset=Dyad.objects.all(),
        to_field_name="slug",
        help_text="Dyad slug, e.g. `ir-sa`. An unknown slug is a 400.",
        error_messages={"invalid_choice": _("Unknown dyad '%(value)s'. See /api/v1/dyads/ for the list.")},
    )


class StateFilter(df.FilterSet):
    name = df.CharFilter(lookup_expr="icontains", help_text="Part of the state's name, e.g. `iran`.")

    class Meta:
        model = State
        fields: list[str] = []


class DyadFilter(df.FilterSet):
    status = df.MultipleChoiceFilter(
        choices=DyadStatus.choices, help_text="Relation status; repeat for several, e.g. `status=thawing`."
    )
    state = StateCodeFilter(dyad_path="", help_text="Dyads one of whose states has this ISO alpha-2 code, e.g. `SA`.")
    search = TextSearchFilter(searched="the states' names, the slug and the notes")

    class Meta:
        model = Dyad
        fields: list[str] = []


class ProgramFilter(df.FilterSet):
    dyad = dyad_filter()
    state = StateCodeFilter(dyad_path="dyad__", help_text="Programs of dyads that include this state (alpha-2).")
    domain = df.MultipleChoiceFilter(choices=Domain.choices, help_text="Domain; repeat for several.")
    status = df.MultipleChoiceFilter(choices=ProgramStatus.choices, help_text="Program status; repeat for several.")
    start_after = df.DateFilter(
        field_name="start_date", lookup_expr="gte", help_text="Started on or after (YYYY-MM-DD)."
    )
    start_before = df.DateFilter(
        field_name="start_date", lookup_expr="lte", help_text="Started on or before (YYYY-MM-DD)."
    )
    end_after = df.DateFilter(field_name="end_date", lookup_expr="gte", help_text="Ends on or after (YYYY-MM-DD).")
    end_before = df.DateFilter(field_name="end_date", lookup_expr="lte", help_text="Ends on or before (YYYY-MM-DD).")
    active_on = df.DateFilter(method="filter_active_on", help_text="Running on this date (start ≤ date ≤ end or open).")
    is_published = StrictBooleanFilter(help_text="Only (un)published records; the public sees published ones only.")
    search = TextSearchFilter(searched="the title, summary, implementing bodies and the states' names")

    class Meta:
        model = Program
        fields: list[str] = []

    def filter_active_on(self, qs: QuerySet[Program], name: str, value) -> QuerySet[Program]:
        return qs.filter(Q(start_date__lte=value), Q(end_date__isnull=True) | Q(end_date__gte=value)).exclude(
            status=ProgramStatus.CANCELLED
        )
