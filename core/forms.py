"""Form helpers shared by every workspace form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .versioning import BasedOn, EditConflict


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field if the form has it, else on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


class DateInput(forms.DateInput):
    input_type = "date"


class DataSelect(forms.Select):
    """A select whose options carry `data-*` attributes, from `option_data(instance)` (for progressive scripts)."""

    option_data = None

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if self.option_data is not None and instance is not None:
            option["attrs"].update(self.option_data(instance))
        return option


def add_version_field(form: forms.BaseForm, record) -> None:
    """A hidden field carrying the version of `record` the form was opened at (see core.versioning)."""
    form.fields["version"] = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        initial=record.version,
        error_messages={"required": _("This form lost track of the version you opened; reload the page.")},
    )


def based_on(form: forms.BaseForm) -> BasedOn:
    """What a valid versioned form's write is based on."""
    return BasedOn(form.cleaned_data["version"])


def form_after_conflict(form: forms.BaseForm, conflict: EditConflict, **kwargs) -> forms.BaseForm:
    """The form again after an EditConflict: the record as saved now, the user's own changes on top,
    and the current version, so saving it again applies those changes knowingly and loses no one's.

    `kwargs` build the new form (`instance=conflict.current` for a model form); an `initial` in them
    is the record's values for a plain form.
    """
    initial = dict(kwargs.pop("initial", {}))
    initial.update({name: form.cleaned_data[name] for name in conflict.mine if name in form.fields})
    initial["version"] = conflict.current_version
    return type(form)(initial=initial, **kwargs)
