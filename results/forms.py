"""Workspace forms for results, indicators, periods, actuals and their review."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, add_version_field
from core.uploads import validate_upload
from core.versioning import EditConflict

from .models import MAX_CATEGORIES, Indicator, ReportingPeriod, Result
from .services import INDICATOR_FIELDS, Breakdowns


class VersionedModelForm(forms.ModelForm):
    """Editing a record carries the version it was opened at (see core.versioning)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            add_version_field(self, self.instance)

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}  # type: ignore[union-attr]


class ResultForm(VersionedModelForm):
    class Meta:
        model = Result
        fields = ("type", "title", "description")
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


# What Arabic, Persian and Chinese keyboards type for the colon and the comma.
LOCAL_PUNCTUATION = str.maketrans({"،": ",", "，": ",", "、": ",", "：": ":"})


def parse_dimensions(text: str) -> list[tuple[str, list[str]]]:
    """Lines of `Name: category, category` as (name, categories) pairs."""
    parsed = []
    for number, line in enumerate(text.translate(LOCAL_PUNCTUATION).splitlines(), start=1):
        if not line.strip():
            continue
        name, sep, rest = line.partition(":")
        categories = [c.strip() for c in rest.split(",") if c.strip()]
        if not sep or not name.strip() or not categories:
            raise ValidationError(_("Line %(n)d: write “Name: category, category”.") % {"n": number})
        if len(categories) > MAX_CATEGORIES or len(set(categories)) != len(categories):
            raise ValidationError(
                _("Line %(n)d: at most %(max)d distinct categories.") % {"n": number, "max": MAX_CATEGORIES}
            )
        parsed.append((name.strip()[:60], categories))
    names = [name for name, _ in parsed]
    if len(set(names)) != len(names):
        raise ValidationError(_("Each dimension needs its own name."))
    return parsed


def dimensions_text(indicator: Indicator, mine: dict | None = None) -> str:
    """The indicator's dimensions as the form writes them, one per line, with `mine` (name → categories) on top."""
    dimensions = {d.name: list(d.categories) for d in indicator.dimensions.all()}
    dimensions.update({str(name): list(categories) for name, categories in (mine or {}).items()})
    return "\n".join(f"{name}: {', '.join(categories)}" for name, categories in dimensions.items())


class IndicatorForm(VersionedModelForm):
    dimensions = forms.CharField(
        label=_("Breakdown dimensions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, e.g. “Side: Iran, Saudi Arabia” or “Gender: female, male”."),
    )

    class Meta:
        model = Indicator
        fields = INDICATOR_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "baseline_date": DateInput(format="%Y-%m-%d"),
            "baseline_comment": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["dimensions"].initial = dimensions_text(self.instance)
            self.fields["dimensions"].help_text = _("Change or add lines; a dimension is never removed here.")

    def clean_dimensions(self) -> list[tuple[str, list[str]]]:
        return parse_dimensions(self.cleaned_data.get("dimensions", ""))


class PeriodForm(VersionedModelForm):
    class Meta:
        model = ReportingPeriod
        fields = ("start", "end", "target_value", "target_comment")
        widgets = {
            "start": DateInput(format="%Y-%m-%d"),
            "end": DateInput(format="%Y-%m-%d"),
            "target_comment": forms.Textarea(attrs={"rows": 2}),
        }


def actual_initial(period: ReportingPeriod) -> dict:
    return {
        "actual_value": period.actual_value,
        "actual_comment": period.actual_comment,
        "evidence_url": period.evidence_url,
    }


class ActualForm(forms.Form):
    """The actual of a period, its evidence, and one input per breakdown category."""

    actual_value = forms.DecimalField(label=_("Actual"), required=False, max_digits=18, decimal_places=4)
    actual_comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=_("What was achieved.")
    )
    evidence_url = forms.URLField(label=_("Evidence link"), required=False, max_length=500, assume_scheme="https")
    evidence_document = forms.FileField(
        label=_("Evidence document"),
        required=False,
        help_text=_("PDF, image, Word, Excel, CSV or text; checked for size and type."),
    )

    def __init__(self, *args, period: ReportingPeriod, **kwargs):
        super().__init__(*args, **kwargs)
        add_version_field(self, period)
        indicator = period.indicator
        self.breakdown_keys: dict[str, tuple[int, str]] = {}
        if not indicator.is_quantitative:
            del self.fields["actual_value"]
            self.fields["actual_comment"].help_text = _("The actual of a qualitative indicator, in words.")
            return
        if indicator.unit:
            self.fields["actual_value"].label = _("Actual (%(unit)s)") % {"unit": indicator.unit}
        stored = {(b.dimension_id, b.category): b.value for b in period.breakdowns.all()}
        for dimension in indicator.dimensions.all():
            for index, category in enumerate(dimension.categories):
                key = f"breakdown_{dimension.pk}_{index}"
                self.breakdown_keys[key] = (dimension.pk, category)
                self.fields[key] = forms.DecimalField(
                    label=f"{dimension.name}: {category}",
                    required=False,
                    max_digits=18,
                    decimal_places=4,
                    initial=stored.get((dimension.pk, category)),
                )

    def clean_evidence_document(self):
        upload = self.cleaned_data.get("evidence_document")
        if upload:
            validate_upload(upload)
        return upload

    def initial_after_conflict(self, conflict: EditConflict, period: ReportingPeriod) -> dict:
        """The period as saved now, with this user's own changes (breakdowns included) on top."""
        initial = actual_initial(period)
        mine = getattr(conflict, "child_mine", {})
        for key, pair in self.breakdown_keys.items():
            if pair in mine:
                initial[key] = mine[pair]
        return initial

    def service_kwargs(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.breakdown_keys and k != "version"}
        breakdowns: Breakdowns = {}
        for key, (dimension_id, category) in self.breakdown_keys.items():
            breakdowns.setdefault(dimension_id, {})[category] = self.cleaned_data.get(key)
        return {**data, "breakdowns": breakdowns}


class ReturnForm(forms.Form):
    review_comment = forms.CharField(
        label=_("What needs revising"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The submitting side reads this."),
    )
