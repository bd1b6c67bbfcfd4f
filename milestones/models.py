"""Milestones: specific, time-bound commitments of a program, with evidence."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy
from modeltrans.fields import TranslationField
from modeltrans.manager import MultilingualManager
from simple_history.models import HistoricalRecords

from core.dates import stored_date_bounds, validate_domain_date
from core.files import random_upload_name
from core.history import StoredFieldsHistory
from core.search import text_search
from core.text import reject_bidi_controls
from programs.models import Program, PublishableRecord, published_program


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("milestone status", "Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("milestone status", "In progress")
    ACHIEVED = "achieved", pgettext_lazy("milestone status", "Achieved")
    MISSED = "missed", pgettext_lazy("milestone status", "Missed")
    CANCELLED = "cancelled", pgettext_lazy("milestone status", "Cancelled")


# A milestone still to be delivered: it can become overdue, be marked missed or be cancelled.
OPEN_STATUSES = (MilestoneStatus.PLANNED, MilestoneStatus.IN_PROGRESS)
# An open milestone due within this many days is "due soon" (workspace, reminders).
DUE_SOON_DAYS = 14


class MilestoneQuerySet(models.QuerySet):
    def published(self) -> "MilestoneQuerySet":
        """Milestones anyone may see: published, of a published program."""
        return self.filter(Milestone.PUBLISHED)

    def of_published_programs(self) -> "MilestoneQuerySet":
        """Every milestone of a published program, published or not (what the index counts)."""
        return self.filter(published_program("program__"))

    def open(self) -> "MilestoneQuerySet":
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today) -> "MilestoneQuerySet":
        """Still open after their due date."""
        return self.open().filter(due_date__lt=today)

    def search(self, text: str) -> "MilestoneQuerySet":
        """Milestones whose title, description or program title contain every word of `text` (see core.search)."""
        return text_search(self, ("title", "description", "program__title"), text)


class MilestoneManager(MultilingualManager, models.Manager.from_queryset(MilestoneQuerySet)):  # type: ignore[misc]
    """MilestoneQuerySet's methods on a manager django-modeltrans accepts as it is (it would patch any other)."""


def evidence_upload_to(instance: "Milestone", filename: str) -> str:
    """A random name: the uploader's file name never reaches the storage (files uploaded
    before kept theirs, and are still found by the name the record holds)."""
    return random_upload_name(f"evidence/program-{instance.program_id}", filename)


class Milestone(PublishableRecord):
    """A commitment with a due date; achieved ones carry the date they were met."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200, validators=[reject_bidi_controls])
    description = models.TextField(blank=True)
    due_date = models.DateField(validators=[validate_domain_date])
    status = models.CharField(max_length=12, choices=MilestoneStatus.choices, default=MilestoneStatus.PLANNED)
    achieved_date = models.DateField(null=True, blank=True, validators=[validate_domain_date])
    cancelled_jointly = models.BooleanField(
        default=False, help_text=_("Both sides agreed to cancel; a joint cancellation does not count against delivery.")
    )
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    evidence_document = models.FileField(
        upload_to=evidence_upload_to,
        blank=True,
        validators=[FileExtensionValidator(settings.UPLOAD_ALLOWED_EXTENSIONS)],
    )
    # The title in other interface languages (title_ar, ...); its original language is the program's.
    i18n = TranslationField(fields=("title",), fallback_language_field="program__language")
    history = StoredFieldsHistory(excluded_fields=["updated_at"])

    # Declared multilingual (django-modeltrans would otherwise swap in a manager class made at run time).
    objects = MilestoneManager()
    PUBLISHED = Q(is_published=True) & published_program("program__")

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["program", "due_date"]), models.Index(fields=["status", "due_date"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=MilestoneStatus.ACHIEVED) | Q(achieved_date__isnull=False),
                name="milestone_achieved_has_date",
            ),
            models.CheckConstraint(
                condition=Q(status=MilestoneStatus.ACHIEVED) | Q(achieved_date__isnull=True),
                name="milestone_only_achieved_has_date",
            ),
            models.CheckConstraint(
                condition=Q(status=MilestoneStatus.CANCELLED) | Q(cancelled_jointly=False),
                name="milestone_joint_cancellation_is_cancelled",
            ),
            models.CheckConstraint(condition=stored_date_bounds("due_date"), name="milestone_due_date_bounds"),
            models.CheckConstraint(
                condition=stored_date_bounds("achieved_date", nullable=True), name="milestone_achieved_date_bounds"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_url or self.evidence_document)

    @property
    def evidence_download_url(self) -> str:
        """Where the evidence document is downloaded (a view that checks who may see it), or ""."""
        return reverse("milestone_evidence", kwargs={"pk": self.pk}) if self.evidence_document else ""

    @property
    def evidence_link(self) -> str:
        """The evidence to follow: the link if given, else the uploaded document's download ("" without evidence)."""
        return self.evidence_url or self.evidence_download_url

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status in OPEN_STATUSES and self.due_date < today

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.status == MilestoneStatus.ACHIEVED and not self.achieved_date:
            errors["achieved_date"] = str(_("An achieved milestone needs the date it was achieved."))
        if self.achieved_date and self.status != MilestoneStatus.ACHIEVED:
            errors["achieved_date"] = str(_("Only an achieved milestone has an achieved date."))
        if self.achieved_date and self.achieved_date > timezone.localdate():
            errors["achieved_date"] = str(_("The achieved date cannot be in the future."))
        if self.cancelled_jointly and self.status != MilestoneStatus.CANCELLED:
            errors["cancelled_jointly"] = str(_("Only a cancelled milestone can be cancelled jointly."))
        if self.program_id and self.due_date and not self.program.covers(self.due_date):
            errors["due_date"] = str(_("The due date must fall within the program's start and end dates."))
        if errors:
            raise ValidationError(errors)


class ProposalStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("cancellation proposal", "Awaiting the other side")
    CONFIRMED = "confirmed", pgettext_lazy("cancellation proposal", "Confirmed")
    DECLINED = "declined", pgettext_lazy("cancellation proposal", "Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("cancellation proposal", "Withdrawn")


class CancellationProposal(models.Model):
    """One side's proposal to cancel a milestone jointly; the other side's ministry confirms or declines."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="cancellation_proposals")
    proposing_state = models.ForeignKey("programs.State", on_delete=models.PROTECT, related_name="+")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField()
    status = models.CharField(max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["milestone"],
                condition=Q(status="pending"),
                name="cancellation_one_pending_per_milestone",
            )
        ]

    def __str__(self) -> str:
        return f"Cancel {self.milestone} ({self.get_status_display()})"


class ReminderKind(models.TextChoices):
    DUE_SOON = (
        "due_soon",
        format_lazy(
            ngettext_lazy("Due within {days} day", "Due within {days} days", DUE_SOON_DAYS), days=DUE_SOON_DAYS
        ),
    )
    OVERDUE = "overdue", pgettext_lazy("reminder", "Overdue")


class ReminderSent(models.Model):
    """A reminder mailed about a milestone on a day; the unique key stops a second one."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="reminders")
    day = models.DateField()
    kind = models.CharField(max_length=12, choices=ReminderKind.choices)
    recipients = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["milestone", "day", "kind"], name="reminder_once_per_milestone_day_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.milestone} on {self.day:%Y-%m-%d}"
