"""Workspace forms for programs. Validation that needs the user lives in the services.

The form names each side by its state ("Iran (side A)"), offers each side
only its own state's ministries and defaults each side's currency to its
state's. On creation those follow the chosen dyad: the server knows it when
there is only one dyad to choose (preselected), when the page is opened
with `?dyad=<slug>`, or after a submit; static/js/program_form.js updates
them as soon as the dyad changes.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.forms import DataSelect, DateInput, TranslationFieldsMixin, add_version_field, set_up_translation_fields

from . import permissions
from .choices import rated_currencies, state_currency, unrated_currency_message
from .models import Dyad, Ministry, Program
from .services import EDITABLE_FIELDS, TRANSLATIONS

SIDE_PARTS = {
    "body": _("Implementing body"),
    "ministry": _("Owning ministry"),
    "contribution": _("Committed contribution"),
    "currency": _("Currency"),
}
SIDE_OF_FIELD = {f"{part}_{side}": side for part in SIDE_PARTS for side in ("a", "b")}
GENERAL_FIELDS = ("dyad", "title", "summary", "domain", "status", "start_date", "end_date")


def dyad_option(dyad: Dyad) -> dict[str, str]:
    """What program_form.js needs to know about a dyad choice."""
    data = {}
    for side in ("a", "b"):
        state = getattr(dyad, f"state_{side}")
        data[f"data-state-{side}"] = state.pk
        data[f"data-side-{side}"] = dyad.side_name(side)
        data[f"data-currency-{side}"] = state_currency(state.pk) or ""
    return data


class ProgramForm(TranslationFieldsMixin, forms.ModelForm):
    """Create or edit a program; the other side's details are shown but disabled."""

    class Meta:
        model = Program
        fields = ("dyad", *EDITABLE_FIELDS, "co_owners")
        widgets = {
            "dyad": DataSelect,
            "ministry_a": DataSelect,
            "ministry_b": DataSelect,
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
        for side in ("a", "b"):
            for part, label in SIDE_PARTS.items():
                self.fields[f"{part}_{side}"].label = label
        if program.pk:
            add_version_field(self, program)
            del self.fields["dyad"]
            self.dyad: Dyad | None = program.dyad
            self.fields["co_owners"].queryset = Ministry.objects.filter(  # type: ignore[attr-defined]
                state_id__in=program.dyad.state_ids()
            ).select_related("state")
            for name in permissions.forbidden_side_fields(user, program):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Only the other side (or a co-owner) changes this.")
        else:
            del self.fields["co_owners"]
            self.dyad = self._offer_dyads(user)
        self._offer_ministries()
        if self.dyad is not None and not program.pk and not self.is_bound:
            self._set_defaults(self.dyad, user)

    def _offer_dyads(self, user) -> Dyad | None:
        """Limit the dyads to the user's state's; return the one chosen so far, if any."""
        field = self.fields["dyad"]
        dyads = Dyad.objects.select_related("state_a", "state_b")
        if not user.is_superuser:
            state = permissions.staff_state(user)
            dyads = dyads.filter(Q(state_a_id=state) | Q(state_b_id=state))
        self.dyads = list(dyads)
        field.queryset = dyads  # type: ignore[attr-defined]
        field.label_from_instance = lambda d: f"{d.side_name('a')} – {d.side_name('b')}"  # type: ignore[attr-defined]
        field.widget.option_data = dyad_option  # type: ignore[attr-defined]
        field.help_text = _("Side A is the first state named, side B the second.")
        chosen = self.data.get("dyad") if self.is_bound else self.initial.get("dyad")
        if not self.is_bound and chosen is None and len(self.dyads) == 1:
            chosen = self.initial["dyad"] = self.dyads[0].pk
        chosen_pk = getattr(chosen, "pk", chosen)
        return next((d for d in self.dyads if str(d.pk) == str(chosen_pk)), None)

    def _offer_ministries(self) -> None:
        """Each side's ministries: its state's, or (dyad not chosen yet) those of every state it could be."""
        for side in ("a", "b"):
            field = self.fields[f"ministry_{side}"]
            if self.dyad is not None:
                states = {getattr(self.dyad, f"state_{side}_id")}
                field.label_from_instance = lambda m: m.name  # type: ignore[attr-defined]
            else:
                states = {getattr(d, f"state_{side}_id") for d in self.dyads}
                field.label_from_instance = lambda m: f"{m.name} ({m.state.name})"  # type: ignore[attr-defined]
            field.queryset = Ministry.objects.filter(state_id__in=states).select_related("state")  # type: ignore[attr-defined]
            field.widget.option_data = lambda m: {"data-state": m.state_id}  # type: ignore[attr-defined]
            field.error_messages["invalid_choice"] = _("Choose a ministry of %(side)s.") % {
                "side": self.side_name(side)
            }

    def _set_defaults(self, dyad: Dyad, user) -> None:
        """The creator's ministry owns their side; each side pays in its state's currency."""
        profile = permissions.profile_of(user)
        own_side = dyad.side_of(permissions.staff_state(user) or "")
        if own_side and profile is not None:
            self.initial[f"ministry_{own_side}"] = profile.ministry_id
        for side in ("a", "b"):
            currency = state_currency(getattr(dyad, f"state_{side}_id"))
            choices = {value for value, _label in self.fields[f"currency_{side}"].choices}  # type: ignore[attr-defined]
            if currency in choices:
                self.initial[f"currency_{side}"] = currency

    def side_name(self, side: str) -> str:
        return self.dyad.side_name(side) if self.dyad is not None else str(_("Side %(side)s") % {"side": side.upper()})

    def general_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in GENERAL_FIELDS if name in self.fields]

    def sides(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        """(side, its name, its fields) for a fieldset per side."""
        return [(side, self.side_name(side), [self[f"{part}_{side}"] for part in SIDE_PARTS]) for side in ("a", "b")]

    def summary_label(self, name: str) -> str:
        """A field's label in the error summary: side fields say whose side."""
        label = str(self[name].label)
        side = SIDE_OF_FIELD.get(name)
        return f"{label}, {self.side_name(side)}" if side else label

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
