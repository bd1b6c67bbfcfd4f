"""Query filters that refuse what they cannot read, instead of ignoring it.

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
