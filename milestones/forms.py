"""Workspace forms for milestones."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, TranslationFieldsMixin, add_version_field, set_up_translation_fields
from core.uploads import validate_upload

from .models import Milestone, MilestoneStatus
from .services import DIRECT_STATUSES, TITLE_TRANSLATIONS


class MilestoneForm(TranslationFieldsMixin, forms.ModelForm):
    """Log a new milestone (title, due date, description; the title in other languages too)."""

    class Meta:
        model = Milestone
        fields = ("title", "due_date", "description", *TITLE_TRANSLATIONS)
        widgets = {"due_date": DateInput(format="%Y-%m-%d"), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        set_up_translation_fields(self, "title")

    def service_data(self) -> dict:
        """Keyword arguments for create_milestone: the fields, with the translations given as one dict."""
        data = {name: value for name, value in self.cleaned_data.items() if name not in TITLE_TRANSLATIONS}
        data["translations"] = {name: self.cleaned_data[name] for name in TITLE_TRANSLATIONS}
        return data


def status_initial(milestone: Milestone) -> dict:
    """The status form's fields as the milestone has them."""
    return {
        "status": milestone.status,
        "achieved_date": milestone.achieved_date,
        "evidence_url": milestone.evidence_url,
    }


class MilestoneStatusForm(forms.Form):
    """Move a milestone to planned, in progress or achieved, with evidence; carries the milestone's version."""

    status = forms.ChoiceField(choices=[(s.value, s.label) for s in DIRECT_STATUSES])
    achieved_date = forms.DateField(
        required=False, widget=DateInput(format="%Y-%m-%d"), help_text=_("Needed when achieved.")
    )
    evidence_url = forms.URLField(label=_("Evidence link"), required=False, max_length=500, assume_scheme="https")
    evidence_document = forms.FileField(
        label=_("Evidence document"),
        required=False,
        help_text=_("PDF, image, Word, Excel, CSV or text; checked for size and type."),
    )

    def __init__(self, *args, milestone: Milestone, **kwargs) -> None:
        kwargs.setdefault("initial", status_initial(milestone))
        super().__init__(*args, **kwargs)
        add_version_field(self, milestone)

    def service_data(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}

    def clean_evidence_document(self):
        upload = self.cleaned_data.get("evidence_document")
        if upload:
            validate_upload(upload)
        return upload

    def clean(self):
        data = super().clean()
        if data.get("status") == MilestoneStatus.ACHIEVED and not data.get("achieved_date"):
            self.add_error("achieved_date", _("Give the date the milestone was achieved."))
        if data.get("achieved_date") and data["achieved_date"] > timezone.localdate():
            self.add_error("achieved_date", _("The achieved date cannot be in the future."))
        return data


class CancellationForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), help_text="The other side reads this.")
