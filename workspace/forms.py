"""Forms of the workspace's own pages: the coordinator's review filters and the search box."""

from django import forms
from django.utils.translation import gettext_lazy as _

from programs import permissions
from programs.models import Dyad

from .review import KIND_LABELS

AGES = [("", _("Any age")), ("7", _("Waiting over a week")), ("30", _("Waiting over a month"))]


class ReviewFilterForm(forms.Form):
    """Narrow the review to one dyad, one kind of record, or what has waited long (GET; all optional)."""

    dyad = forms.ModelChoiceField(
        queryset=Dyad.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("All my dyads"),
        label=_("Dyad"),
    )
    kind = forms.ChoiceField(
        choices=[("", _("Everything")), *KIND_LABELS.items()], required=False, label=_("Kind of record")
    )
    age = forms.ChoiceField(choices=AGES, required=False, label=_("Waiting"))

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        dyads = Dyad.objects.select_related("state_a", "state_b").order_by("state_a__name", "state_b__name")
        ids = permissions.coordinated_dyad_ids(user)
        self.fields["dyad"].queryset = dyads if ids is None else dyads.filter(pk__in=ids)  # type: ignore[attr-defined]

    def filters(self) -> dict:
        """Keyword arguments for `review.pending_items`; unknown values count as no filter."""
        if not self.is_valid():
            return {}
        age = self.cleaned_data["age"]
        return {
            "dyad": self.cleaned_data["dyad"],
            "kind": self.cleaned_data["kind"],
            "older_than_days": int(age) if age else None,
        }


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
