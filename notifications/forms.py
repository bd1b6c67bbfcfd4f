"""The notification preferences form: for each kind, in the site and by email."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Kind
from .services import Channels


class PreferencesForm(forms.Form):
    """Two checkboxes per kind, named `<kind>_in_site` and `<kind>_by_email`."""

    def __init__(self, *args, current: dict[Kind, Channels], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for kind in Kind:
            channels = current[kind]
            self.fields[f"{kind}_in_site"] = forms.BooleanField(
                label=_("In the site"), required=False, initial=channels.in_site
            )
            self.fields[f"{kind}_by_email"] = forms.BooleanField(
                label=_("By email"), required=False, initial=channels.by_email
            )

    def rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [(str(kind.label), self[f"{kind}_in_site"], self[f"{kind}_by_email"]) for kind in Kind]

    def choices(self) -> dict[str, Channels]:
        data = self.cleaned_data
        return {kind: Channels(data[f"{kind}_in_site"], data[f"{kind}_by_email"]) for kind in Kind}
