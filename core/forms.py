"""Form helpers shared by every workspace form."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import get_language_info, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modeltrans.utils import build_localized_fieldname


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field if the form has it, else on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


class DateInput(forms.DateInput):
    input_type = "date"


class TranslationFieldsMixin:
    """For a form with per-language fields: `translation_fields` lists their bound fields (the template groups them)."""

    @property
    def translation_fields(self) -> list[forms.BoundField]:
        return [field for field in self.visible_fields() if getattr(field.field, "is_translation", False)]  # type: ignore[attr-defined]


def set_up_translation_fields(form: forms.BaseForm, *fields: str) -> None:
    """Label the per-language fields of `fields` (title_ar: "Title — Arabic") and mark their language.

    Each input gets `lang` and `dir="auto"` so it is spoken and typed in its
    language; `is_translation` lets the template group them apart. A
    `language` field becomes a choice of the site's languages.
    """
    for field_name in fields:
        base = form.fields.get(field_name)
        label = base.label if base is not None and base.label else capfirst(field_name)
        for code, _name in settings.LANGUAGES:
            field = form.fields.get(build_localized_fieldname(field_name, code))
            if code == settings.LANGUAGE_CODE or field is None:
                continue
            field.label = pgettext_lazy("form field in a language", "%(field)s — %(language)s") % {
                "field": label,
                "language": get_language_info(code)["name_translated"],
            }
            field.required = False
            field.widget.attrs.update({"lang": code, "dir": "auto"})
            field.is_translation = True  # type: ignore[attr-defined]
    if "language" in form.fields:
        current = getattr(getattr(form, "instance", None), "language", None) or settings.LANGUAGE_CODE
        form.fields["language"] = forms.TypedChoiceField(
            label=_("Original language"),
            choices=settings.LANGUAGES,
            initial=current,
            required=False,
            empty_value=current,  # a client that does not send it keeps what there was
            help_text=_("The language the texts were first written in. The English title is always needed."),
        )
