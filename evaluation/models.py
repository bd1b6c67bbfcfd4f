"""Independent evaluations of programs and evaluator assignments."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.files import random_upload_name
from core.models import VersionedRecord
from programs.models import Program, published_program

from .scoring import DAC_CRITERIA, evaluation_score


class Rating(models.IntegerChoices):
    UNSATISFACTORY = 1, "1 – Unsatisfactory"
    PARTLY = 2, "2 – Partly satisfactory"
    SATISFACTORY = 3, "3 – Satisfactory"
    HIGHLY = 4, "4 – Highly satisfactory"


def rating_field(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label,
        choices=Rating.choices,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text="1–4, or leave unrated.",
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
    date = models.DateField()
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
        "conflict-of-interest declaration signed",
        default=False,
        help_text="The evaluator declares no tie to either state's government or to the program.",
    )
    declared_at = models.DateTimeField(null=True, blank=True)
    is_submitted = models.BooleanField(default=False)
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
    def score(self) -> float | None:
        """The evaluation's score on 0–1 (see `scoring.evaluation_score`), None when nothing is rated."""
        return evaluation_score(self.ratings())

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.date and self.date > timezone.localdate():
            errors["date"] = "An evaluation cannot be dated in the future."
        if self.is_published and not self.independence_declared:
            errors["independence_declared"] = "Only an evaluation with a signed declaration can be published."
        if errors:
            raise ValidationError(errors)
