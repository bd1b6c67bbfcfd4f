"""Form display helpers: the error summary at the top of a form, linking to each field in error."""

from django import forms, template
from django.core.exceptions import NON_FIELD_ERRORS

register = template.Library()


@register.inclusion_tag("workspace/_error_summary.html")
def error_summary(form: forms.BaseForm) -> dict:
    """Every problem of the form at once: (field id or "", label, message), non-field problems first.

    A form may name its fields more fully here with `summary_label(name)`.
    """
    problems = [("", "", message) for message in form.errors.get(NON_FIELD_ERRORS, [])]
    label_of = getattr(form, "summary_label", lambda name: str(form[name].label))
    for name, messages in form.errors.items():
        if name != NON_FIELD_ERRORS and name in form.fields:
            problems += [(form[name].id_for_label, label_of(name), message) for message in messages]
    return {"problems": problems}
