"""Workspace forms for programs. Validation that needs the user lives in the services."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _

from core.forms import DateInput, TranslationFieldsMixin, add_version_field, set_up_translation_fields

from . import permissions
from .choices import rated_currencies, unrated_currency_message
from .models import Dyad, Ministry, Program
from .services import EDITABLE_FIELDS, TRANSLATIONS


class ProgramForm(TranslationFieldsMixin, forms.ModelForm):
    """Create or edit a program; the other side's details are shown but disabled."""

    class Meta:
        model = Program
        fields = ("dyad", *EDITABLE_FIELDS, "co_owners")
        widgets = {
            "start_date": DateInput(format="%Y-%m-%d"),
            "end_date": DateInput(format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "co_owners": forms.CheckboxSelectMultiple,
            **{name: forms.Textarea(attrs={"rows": 3}) for name in TRANSLATIONS if name.startswith("summary")},
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        set_up_translation_fields(self, "title", "summary")
        program: Program = self.instance
        self._offer_rated_currencies(program)
        if program.pk:
            add_version_field(self, program)
            del self.fields["dyad"]
            states = program.dyad.state_ids()
            ministries = Ministry.objects.filter(state_id__in=states).select_related("state")
            for name in ("ministry_a", "ministry_b", "co_owners"):
                self.fields[name].queryset = ministries  # type: ignore[attr-defined]
            for name in permissions.forbidden_side_fields(user, program):
                self.fields[name].disabled = True
                self.fields[name].help_text = "Only the other side (or a co-owner) changes this."
        else:
            del self.fields["co_owners"]
            state = permissions.staff_state(user)
            dyads = Dyad.objects.select_related("state_a", "state_b")
            if not user.is_superuser:
                dyads = dyads.filter(Q(state_a_id=state) | Q(state_b_id=state))
            self.fields["dyad"].queryset = dyads  # type: ignore[attr-defined]
            self.fields["ministry_a"].queryset = Ministry.objects.select_related("state")  # type: ignore[attr-defined]
            self.fields["ministry_b"].queryset = Ministry.objects.select_related("state")  # type: ignore[attr-defined]

    def _offer_rated_currencies(self, program: Program) -> None:
        """Only currencies with an exchange rate are offered; one stored before it lost its rate stays
        shown (not silently replaced by the first in the list) and is refused on save, saying why."""
        for name in ("currency_a", "currency_b"):
            field = self.fields[name]
            field.error_messages["invalid_choice"] = unrated_currency_message("%(value)s")
            stored = getattr(program, name)
            if program.pk and stored and stored not in rated_currencies():
                offered = list(field.choices)  # type: ignore[attr-defined]
                label = _("%(code)s (no exchange rate: choose another)") % {"code": stored}
                field.choices = [(stored, label), *offered]  # type: ignore[attr-defined]

    def service_data(self) -> dict:
        """The changed values for the service, without the form-only fields."""
        return {
            name: self.cleaned_data[name]
            for name in EDITABLE_FIELDS
            if name in self.fields and not self.fields[name].disabled
        }
