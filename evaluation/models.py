"""Independent evaluations of programs, evaluator assignments and index snapshots."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from programs.models import Dyad, Program


class Rating(models.IntegerChoices):
    UNSATISFACTORY = 1, "1 – Unsatisfactory"
    PARTLY = 2, "2 – Partly satisfactory"
    SATISFACTORY = 3, "3 – Satisfactory"
    HIGHLY = 4, "4 – Highly satisfactory"


# The six OECD DAC evaluation criteria, in their published order.
DAC_CRITERIA = ("relevance", "coherence", "effectiveness", "efficiency", "impact", "sustainability")


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
    return f"reports/program-{instance.program_id}/{filename}"


class EvaluatorAssignment(models.Model):
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


class Evaluation(models.Model):
    """An evaluator's assessment of a program on the six OECD DAC criteria."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="evaluations")
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

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.date and self.date > timezone.localdate():
            errors["date"] = "An evaluation cannot be dated in the future."
        if self.is_published and not self.independence_declared:
            errors["independence_declared"] = "Only an evaluation with a signed declaration can be published."
        if errors:
            raise ValidationError(errors)


class Aggregation(models.TextChoices):
    ARITHMETIC = "arithmetic", "Weighted arithmetic mean"
    GEOMETRIC = "geometric", "Weighted geometric mean"


class IndexSnapshot(models.Model):
    """The trust index of a dyad as of one date, with its components.

    `components` maps each component key to {"value": float | None,
    "count": int}. A snapshot is unique per (dyad, as_of, method_version);
    recomputing replaces it.
    """

    dyad = models.ForeignKey(Dyad, on_delete=models.CASCADE, related_name="snapshots")
    as_of = models.DateField()
    value = models.FloatField(null=True, blank=True, help_text="0–100, empty when data is insufficient.")
    band_low = models.FloatField(null=True, blank=True)
    band_high = models.FloatField(null=True, blank=True)
    coverage = models.FloatField()
    components = models.JSONField()
    weights = models.JSONField()
    aggregation = models.CharField(max_length=12, choices=Aggregation.choices)
    method_version = models.CharField(max_length=16)
    computed_at = models.DateTimeField(default=timezone.now)
    is_month_end = models.BooleanField(
        default=True, help_text="False for the 'today' snapshot that closes the series between month ends."
    )

    class Meta:
        ordering = ["dyad", "as_of"]
        get_latest_by = "as_of"
        constraints = [
            models.UniqueConstraint(fields=["dyad", "as_of", "method_version"], name="snapshot_unique_per_date"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0, value__lte=100), name="snapshot_value_0_100"
            ),
            models.CheckConstraint(condition=Q(coverage__gte=0, coverage__lte=1), name="snapshot_coverage_0_1"),
        ]

    def __str__(self) -> str:
        return f"{self.dyad} {self.as_of:%Y-%m-%d}: {self.value}"

    @property
    def band_width(self) -> float | None:
        if self.band_low is None or self.band_high is None:
            return None
        return self.band_high - self.band_low

    @property
    def is_unstable(self) -> bool:
        width = self.band_width
        return width is not None and width > 20


class RecomputeStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class RecomputeRun(models.Model):
    """One full recomputation of every dyad's index, with its progress.

    `done` counts dyads finished (successfully or not); `failed` those whose
    inputs could not be turned into an index (e.g. a currency with no rate).
    """

    status = models.CharField(max_length=12, choices=RecomputeStatus.choices, default=RecomputeStatus.QUEUED)
    trigger = models.CharField(max_length=40, blank=True, help_text="What started it: beat, admin, command.")
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    snapshots_written = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"Recompute #{self.pk} ({self.get_status_display()}, {self.done}/{self.total})"

    @property
    def percent_done(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0
