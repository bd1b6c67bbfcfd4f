"""Workspace forms for evaluations and evaluator assignments."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, add_version_field
from programs.choices import Role

from .models import Evaluation, Rating
from .scoring import DAC_CRITERIA

DECLARATION = _(
    "I declare that I have no tie to the government of either state of this dyad, "
    "that I am not listed on this program, and that I have no other conflict of interest in evaluating it."
)


class EvaluationForm(forms.ModelForm):
    """The six DAC ratings and a summary; saved as a draft or submitted with the signed declaration."""

    report_document = forms.FileField(
        label=_("Evaluation report"),
        required=False,
        help_text=_("PDF, Word or text; checked for size and type. Leave empty to keep the current one."),
    )
    sign_declaration = forms.BooleanField(
        label=_("I sign the conflict-of-interest declaration"),
        required=False,
        help_text=DECLARATION,
    )

    class Meta:
        model = Evaluation
        fields = ("date", *DAC_CRITERIA, "summary")
        widgets = {"date": DateInput(format="%Y-%m-%d"), "summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, submitting: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        for name in DAC_CRITERIA:
            self.fields[name].choices = [("", "Unrated"), *Rating.choices]  # type: ignore[attr-defined]
        if self.instance.pk:
            add_version_field(self, self.instance)
        elif not self.initial.get("date"):
            self.initial["date"] = timezone.localdate()

    def clean(self):
        """Submitting needs the declaration ticked and one rating: say so here, with every other problem."""
        data = super().clean()
        if self.submitting:
            if not data.get("sign_declaration"):
                self.add_error(
                    "sign_declaration",
                    _("Tick the declaration to submit; your answers are kept, nothing is submitted yet."),
                )
            if all(data.get(name) is None for name in DAC_CRITERIA):
                self.add_error(None, _("Rate the program on at least one of the six criteria before submitting."))
        return data

    def rating_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in DAC_CRITERIA]

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


class ReturnEvaluationForm(forms.Form):
    reason = forms.CharField(
        label=_("What should the evaluator change?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The evaluator reads this; the evaluation becomes their draft again."),
    )
