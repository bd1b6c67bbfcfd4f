"""A program's results framework, after IATI 2.03's result → indicator → baseline → period.

A result (output, outcome or impact) has indicators; an indicator has a
baseline, breakdown dimensions (side, gender, age group, region…) and
reporting periods; each period has a target and an actual value. The actual
carries evidence and optional breakdowns, and goes through a workflow:
draft → submitted → returned (with the reviewer's comment) or approved.
An approved period is locked.

What the public sees (one definition, used by pages, API, IATI export):
- the framework (results, indicators, baselines, period dates and targets)
  of a published program: `Result.objects.published()` and friends;
- an actual value, its breakdowns, evidence and comment only once approved:
  `ReportingPeriod.objects.published()` / `ReportingPeriod.PUBLISHED`.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.files import random_upload_name
from core.models import VersionedRecord
from programs.models import AuthoredRecord, Program, published_program


class ResultType(models.TextChoices):
    OUTPUT = "output", _("Output")
    OUTCOME = "outcome", _("Outcome")
    IMPACT = "impact", _("Impact")


class IndicatorKind(models.TextChoices):
    QUANTITATIVE = "quantitative", _("Quantitative")
    QUALITATIVE = "qualitative", _("Qualitative")


class ActualStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    RETURNED = "returned", _("Returned for revision")
    APPROVED = "approved", _("Approved")


# Statuses in which the program's ministries may still change a period's actual.
EDITABLE_STATUSES = (ActualStatus.DRAFT, ActualStatus.RETURNED)
# An actual is due this many days after its period ends; still not submitted after that, it is late.
REPORTING_DAYS = 30
# At most this many categories per breakdown dimension (a form shows one input each).
MAX_CATEGORIES = 20


def value_field(verbose_name, **kwargs) -> models.DecimalField:
    """A target, actual, baseline or breakdown value: up to 14 digits before the point and 4 after."""
    return models.DecimalField(verbose_name, max_digits=18, decimal_places=4, **kwargs)


class ResultQuerySet(models.QuerySet):
    def published(self) -> "ResultQuerySet":
        """Results anyone may see: those of published programs."""
        return self.filter(published_program("program__"))


class Result(VersionedRecord, AuthoredRecord):
    """What a program means to achieve: an output, an outcome or an impact."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="results")
    type = models.CharField(_("type"), max_length=8, choices=ResultType.choices, default=ResultType.OUTPUT)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = ResultQuerySet.as_manager()

    class Meta:
        ordering = ["program_id", "id"]
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self) -> str:
        return self.title

    @property
    def owning_program_id(self) -> int:
        return self.program_id


class IndicatorQuerySet(models.QuerySet):
    def published(self) -> "IndicatorQuerySet":
        """Indicators anyone may see: those of published programs."""
        return self.filter(published_program("result__program__"))


class Indicator(VersionedRecord, AuthoredRecord):
    """How a result is measured, with its baseline.

    Quantitative indicators have a unit, a direction (higher or lower is
    better) and are cumulative (each period's value counts from the
    baseline) or per period; qualitative ones are reported in words.
    """

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="indicators")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=IndicatorKind.choices, default=IndicatorKind.QUANTITATIVE)
    unit = models.CharField(
        _("unit"),
        max_length=40,
        blank=True,
        # xgettext:no-python-format (a percent sign, not a placeholder)
        help_text=_("E.g. students, events, % of visas."),
    )
    ascending = models.BooleanField(_("higher is better"), default=True)
    cumulative = models.BooleanField(
        _("cumulative"), default=False, help_text=_("Each period's value is the total since the baseline.")
    )
    baseline_value = value_field(_("baseline value"), null=True, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    baseline_comment = models.TextField(_("baseline comment"), blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["result_id", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=IndicatorKind.QUANTITATIVE) | Q(baseline_value__isnull=True),
                name="indicator_qualitative_has_no_baseline_value",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def owning_program_id(self) -> int:
        return self.result.program_id

    def get_workspace_url(self) -> str:
        return reverse("workspace:indicator", kwargs={"pk": self.pk})

    @property
    def is_quantitative(self) -> bool:
        return self.kind == IndicatorKind.QUANTITATIVE

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.is_quantitative and not self.unit.strip():
            errors["unit"] = _("A quantitative indicator needs a unit.")
        if not self.is_quantitative and self.baseline_value is not None:
            errors["baseline_value"] = _("A qualitative indicator's baseline is a comment, not a number.")
        if self.baseline_value is not None and self.baseline_date is None:
            errors["baseline_date"] = _("Give the date the baseline was measured.")
        if errors:
            raise ValidationError(errors)


class Dimension(models.Model):
    """A breakdown of an indicator's actuals, e.g. "Side" into the two states, or "Gender".

    Versioned through its indicator (see `results.versions`): a change raises the indicator's version."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="dimensions")
    name = models.CharField(_("name"), max_length=60)
    categories = models.JSONField(_("categories"), default=list, help_text=_("The values the dimension takes."))
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator_id", "id"]
        verbose_name = _("breakdown dimension")
        verbose_name_plural = _("breakdown dimensions")
        constraints = [models.UniqueConstraint(fields=["indicator", "name"], name="dimension_unique_per_indicator")]

    def __str__(self) -> str:
        return f"{self.name}: {', '.join(self.categories)}"

    @property
    def owning_program_id(self) -> int:
        return self.indicator.owning_program_id

    def clean(self) -> None:
        cats = self.categories
        if not isinstance(cats, list) or not cats or not all(isinstance(c, str) and c.strip() for c in cats):
            raise ValidationError({"categories": _("List at least one category.")})
        if len(cats) > MAX_CATEGORIES or len(set(cats)) != len(cats) or any(len(c) > 60 for c in cats):
            raise ValidationError(
                {"categories": _("At most %(n)d distinct categories of up to 60 characters.") % {"n": MAX_CATEGORIES}}
            )


def evidence_upload_to(instance: "ReportingPeriod", filename: str) -> str:
    """A random name (see core.files): the file is served only through the permission-checked evidence view."""
    return random_upload_name(f"results/program-{instance.indicator.owning_program_id}", filename)


class PeriodQuerySet(models.QuerySet):
    def of_published_programs(self) -> "PeriodQuerySet":
        """Periods whose dates and target anyone may see (the plan of a published program)."""
        return self.filter(published_program("indicator__result__program__"))

    def published(self) -> "PeriodQuerySet":
        """Periods whose actual anyone may see: approved, of a published program."""
        return self.filter(ReportingPeriod.PUBLISHED)

    def late(self, today: date) -> "PeriodQuerySet":
        """Actuals not yet submitted (or returned and not resubmitted) REPORTING_DAYS after the period ended."""
        return self.filter(status__in=EDITABLE_STATUSES, end__lt=today - timedelta(days=REPORTING_DAYS))


class ReportingPeriod(VersionedRecord, AuthoredRecord):
    """One reporting period of an indicator: its target, and its actual with evidence and breakdowns."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="periods")
    start = models.DateField(_("period start"))
    end = models.DateField(_("period end"))
    target_value = value_field(_("target"), null=True, blank=True)
    target_comment = models.TextField(_("target comment"), blank=True)
    actual_value = value_field(_("actual"), null=True, blank=True)
    actual_comment = models.TextField(
        _("actual comment"), blank=True, help_text=_("What was achieved, in words (the whole actual if qualitative).")
    )
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    evidence_document = models.FileField(
        _("evidence document"),
        upload_to=evidence_upload_to,
        blank=True,
        max_length=300,
        validators=[FileExtensionValidator(settings.UPLOAD_ALLOWED_EXTENSIONS)],
    )
    status = models.CharField(_("status"), max_length=10, choices=ActualStatus.choices, default=ActualStatus.DRAFT)
    submitted_state = models.ForeignKey(
        "programs.State",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by side"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = PeriodQuerySet.as_manager()
    PUBLISHED = Q(status=ActualStatus.APPROVED) & published_program("indicator__result__program__")

    class Meta:
        ordering = ["indicator_id", "start", "id"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        indexes = [models.Index(fields=["status", "end"])]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="period_ends_after_start"),
            models.UniqueConstraint(fields=["indicator", "start"], name="period_unique_start_per_indicator"),
            models.CheckConstraint(
                condition=Q(status=ActualStatus.DRAFT) | Q(submitted_state__isnull=False),
                name="period_submitted_names_its_side",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.start:%Y-%m-%d} – {self.end:%Y-%m-%d}"

    @property
    def owning_program_id(self) -> int:
        return self.indicator.owning_program_id

    def get_workspace_url(self) -> str:
        return reverse("workspace:period", kwargs={"pk": self.pk})

    @property
    def is_locked(self) -> bool:
        return self.status == ActualStatus.APPROVED

    @property
    def has_actual(self) -> bool:
        return self.actual_value is not None or bool(self.actual_comment.strip())

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_url or self.evidence_document)

    def is_late(self, today: date) -> bool:
        return self.status in EDITABLE_STATUSES and self.end < today - timedelta(days=REPORTING_DAYS)

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The period must end on or after its start.")
        indicator = self.indicator if self.indicator_id else None
        if indicator is not None and not indicator.is_quantitative:
            if self.target_value is not None:
                errors["target_value"] = _("A qualitative indicator's target is a comment, not a number.")
            if self.actual_value is not None:
                errors["actual_value"] = _("A qualitative indicator's actual is a comment, not a number.")
        if indicator is not None and self.start and self.end and "end" not in errors:
            program = indicator.result.program
            if self.end < program.start_date or (program.end_date and self.start > program.end_date):
                errors["start"] = _("The period must overlap the program's dates.")
            overlapping = indicator.periods.filter(start__lte=self.end, end__gte=self.start).exclude(pk=self.pk)
            if overlapping.exists():
                errors["start"] = _("The period overlaps another period of this indicator.")
        if errors:
            raise ValidationError(errors)


class Breakdown(models.Model):
    """A period's actual for one category of a dimension, e.g. Gender = female: 80.

    Versioned through its period (see `results.versions`): a change raises the period's version."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="breakdowns")
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="breakdowns")
    category = models.CharField(_("category"), max_length=60)
    value = value_field(_("value"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["period_id", "dimension_id", "id"]
        verbose_name = _("breakdown")
        verbose_name_plural = _("breakdowns")
        constraints = [
            models.UniqueConstraint(fields=["period", "dimension", "category"], name="breakdown_unique_category")
        ]

    def __str__(self) -> str:
        return f"{self.dimension.name} = {self.category}: {self.value}"

    @property
    def owning_program_id(self) -> int:
        return self.period.owning_program_id

    def clean(self) -> None:
        if self.dimension_id and self.category not in self.dimension.categories:
            raise ValidationError({"category": _("Not one of the dimension's categories.")})
