"""Workspace forms for evaluations and evaluator assignments."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from core.forms import DateInput, add_version_field
from programs.choices import Role

from .models import Evaluation, Rating
from .scoring import DAC_CRITERIA

DECLARATION = (
    "I declare that I have no tie to the government of either state of this dyad, "
    "that I am not listed on this program, and that I have no other conflict of interest in evaluating it."
)


class EvaluationForm(forms.ModelForm):
    """The six DAC ratings and a summary; saved as a draft or submitted with the signed declaration."""

    report_document = forms.FileField(
        label="Evaluation report",
        required=False,
        help_text="PDF, Word or text; checked for size and type. Leave empty to keep the current one.",
    )
    sign_declaration = forms.BooleanField(
        label="I sign the conflict-of-interest declaration",
        required=False,
        help_text=DECLARATION,
    )

    class Meta:
        model = Evaluation
        fields = ("date", *DAC_CRITERIA, "summary")
        widgets = {"date": DateInput(format="%Y-%m-%d"), "summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in DAC_CRITERIA:
            self.fields[name].choices = [("", "Unrated"), *Rating.choices]  # type: ignore[attr-defined]
        if self.instance.pk:
            add_version_field(self, self.instance)
        elif not self.initial.get("date"):
            self.initial["date"] = timezone.localdate()

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class AssignEvaluatorForm(forms.Form):
    evaluator = forms.ModelChoiceField(
        queryset=get_user_model()
        .objects.filter(profile__role=Role.EVALUATOR)
        .select_related("profile__organisation__country")
        .order_by("username"),
        help_text="Evaluators from either state of the dyad, or listed on the program, cannot be assigned.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["evaluator"].label_from_instance = (  # type: ignore[attr-defined]
            lambda user: f"{user.get_full_name() or user.username} — {user.profile.organisation}"
        )
