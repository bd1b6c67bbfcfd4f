"""Query filters several apps' API lists share: filters that refuse what they cannot read
instead of ignoring it, and the text search.

django-filter's BooleanFilter reads `?overdue=maybe` as "no filter" and its
NumberFilter reads `?program=1.5` as program 1; both are 400s here, naming
the parameter, as the API documents for every bad parameter.
"""

import django_filters as df
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

TRUE_WORDS = frozenset({"true", "1", "yes", "on"})
FALSE_WORDS = frozenset({"false", "0", "no", "off"})
LARGEST_ID = 2**63 - 1


class StrictBooleanField(forms.NullBooleanField):
    widget = forms.TextInput

    def to_python(self, value):
        if value in (None, ""):
            return None
        word = str(value).strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValidationError(_("Give true or false."), code="invalid")

    def validate(self, value) -> None:
        return None


class StrictBooleanFilter(df.BooleanFilter):
    """`true`/`false` (or 1/0, yes/no); anything else is a 400."""

    field_class = StrictBooleanField


class IdField(forms.IntegerField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", LARGEST_ID)
        super().__init__(*args, **kwargs)


class IdFilter(df.NumberFilter):
    """A record id: a whole number from 1 up; anything else is a 400."""

    field_class = IdField


class TextSearchFilter(df.CharFilter):
    """`?search=words`: records matching every word, through the queryset's `search()` (see core.search).

    It narrows the list the client may see anyway, so anonymous clients search published records only.
    """

    def __init__(self, *, searched: str, **kwargs) -> None:
        kwargs.setdefault(
            "help_text",
            f"Words to find in {searched}: each must match (as a word prefix on PostgreSQL, e.g. `pilgr` finds "
            "`pilgrimage`), case-insensitively; punctuation is ignored. Anonymous clients search published "
            "records only.",
        )
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def filter(self, qs, value):
        return qs.search(value) if value else qs
