"""Independent evaluations of programs and evaluator assignments."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.dates import stored_date_bounds, validate_domain_date
from core.files import random_upload_name
from core.models import VersionedRecord
from core.search import text_search
from programs.models import Program, published_program

from .scoring import DAC_CRITERIA, evaluation_score


class Rating(models.IntegerChoices):
    UNSATISFACTORY = 1, format_lazy("1 – {}", _("Unsatisfactory"))
    PARTLY = 2, format_lazy("2 – {}", _("Partly satisfactory"))
    SATISFACTORY = 3, format_lazy("3 – {}", _("Satisfactory"))
    HIGHLY = 4, format_lazy("4 – {}", _("Highly satisfactory"))


def rating_field(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label,
        choices=Rating.choices,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("1–4, or leave unrated."),
    )


def report_upload_to(instance: "Evaluation", filename: str) -> str:
    """A random name (see milestones.models.evidence_upload_to)."""
    return random_upload_name(f"reports/program-{instance.program_id}", filename)


class EvaluatorAssignment(VersionedRecord):
    """A coordinator's assignment of an evaluator to a program."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="evaluator_assignments")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["program", "evaluator"], name="assignment_unique_per_program")]

    def __str__(self) -> str:
        return f"{self.evaluator} → {self.program}"


class EvaluationQuerySet(models.QuerySet):
    def published(self) -> "EvaluationQuerySet":
        """Evaluations anyone may see: published, of a published program."""
        return self.filter(Evaluation.PUBLISHED)

    def search(self, text: str) -> "EvaluationQuerySet":
        """Evaluations whose program, organisation or summary contain every word of `text` (see core.search)."""
        return text_search(self, ("program__title", "organisation__name", "summary"), text)


def protect_signed_evaluations(collector, field, sub_objs, using) -> None:
    """Deleting a program deletes its draft evaluations, never a signed or published one."""
    signed = [evaluation for evaluation in sub_objs if evaluation.independence_declared or evaluation.is_published]
    if signed:
        raise models.ProtectedError(
            str(
                _("A signed or published evaluation of this program must stay on record; withdraw the program instead.")
            ),
            set(signed),
        )
    models.CASCADE(collector, field, sub_objs, using)


class Evaluation(VersionedRecord):
    """An evaluator's assessment of a program on the six OECD DAC criteria."""

    program = models.ForeignKey(Program, on_delete=protect_signed_evaluations, related_name="evaluations")
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="evaluations"
    )
    organisation = models.ForeignKey(
        "programs.EvaluationOrganisation", on_delete=models.PROTECT, related_name="evaluations"
    )
    date = models.DateField(validators=[validate_domain_date])
    relevance = rating_field("relevance")
    coherence = rating_field("coherence")
    effectiveness = rating_field("effectiveness")
    efficiency = rating_field("efficiency")
    impact = rating_field("impact")
    sustainability = rating_field("sustainability")
    summary = models.TextField(blank=True)
    report_document = models.FileField(
        upload_to=report_upload_to,
        blank=True,
        validators=[FileExtensionValidator(settings.UPLOAD_ALLOWED_EXTENSIONS)],
    )
    independence_declared = models.BooleanField(
        _("conflict-of-interest declaration signed"),
        default=False,
        help_text=_("The evaluator declares no tie to either state's government or to the program."),
    )
    declared_at = models.DateTimeField(null=True, blank=True)
    is_submitted = models.BooleanField(default=False)
    returned_at = models.DateTimeField(
        _("returned"), null=True, blank=True, help_text=_("When a coordinator last returned it to the evaluator.")
    )
    return_reason = models.TextField(
        _("reason for returning it"), blank=True, help_text=_("What the coordinator asked the evaluator to change.")
    )
    is_published = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = EvaluationQuerySet.as_manager()
    PUBLISHED = Q(is_published=True) & published_program("program__")

    class Meta:
        ordering = ["-date", "id"]
        indexes = [models.Index(fields=["program", "is_published", "date"])]
        constraints = [
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{c}__isnull": True}) | Q(**{f"{c}__gte": 1, f"{c}__lte": 4}),
                    name=f"evaluation_{c}_1_to_4",
                )
                for c in DAC_CRITERIA
            ),
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(independence_declared=True),
                name="evaluation_published_is_declared",
            ),
            models.CheckConstraint(condition=stored_date_bounds("date"), name="evaluation_date_bounds"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} on {self.program} ({self.date:%Y-%m-%d})"

    def ratings(self) -> tuple[int | None, ...]:
        return tuple(getattr(self, c) for c in DAC_CRITERIA)

    @property
    def report_download_url(self) -> str:
        """Where the report is downloaded (a view that checks who may see it), or ""."""
        return reverse("evaluation_report", kwargs={"pk": self.pk}) if self.report_document else ""

    @property
    def is_returned(self) -> bool:
        """A coordinator sent it back and the evaluator has not resubmitted it yet."""
        return self.returned_at is not None and not self.is_submitted

    @property
    def score(self) -> float | None:
        """The evaluation's score on 0–1 (see `scoring.evaluation_score`), None when nothing is rated."""
        return evaluation_score(self.ratings())

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.date and self.date > timezone.localdate():
            errors["date"] = str(_("An evaluation cannot be dated in the future."))
        elif self.date and self.program_id and self.date < self.program.start_date:
            errors["date"] = str(_("An evaluation cannot be dated before its program starts."))
        if self.is_published and not self.independence_declared:
            errors["independence_declared"] = str(_("Only an evaluation with a signed declaration can be published."))
        if errors:
            raise ValidationError(errors)
