"""The trust index's stored results: a snapshot per dyad and date, and full recomputation runs."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from programs.models import Dyad

from .inputs import UNSTABLE_WIDTH


class Aggregation(models.TextChoices):
    ARITHMETIC = "arithmetic", _("Weighted arithmetic mean")
    GEOMETRIC = "geometric", _("Weighted geometric mean")


class IndexSnapshot(models.Model):
    """The trust index of a dyad as of one date, with its components.

    `components` maps each component key to {"value": float | None,
    "count": int}. A snapshot is unique per (dyad, as_of, method_version);
    recomputing replaces it.
    """

    # No index of its own: the unique (dyad, as_of, method_version) index serves every lookup
    # by dyad. No foreign-key constraint in the database: snapshots are derived data written
    # in bulk (a full run writes ~350,000), and the constraint's deferred check of each row at
    # commit was a sixth of a rebuild's write time. Deleting a dyad still deletes its
    # snapshots (Django's CASCADE); a row written for a dyad deleted at that very moment is
    # invisible (every read joins the dyad) and the next run deletes it (`engine.delete_orphans`,
    # which finds such a dyad by its "today" row).
    dyad = models.ForeignKey(
        Dyad, on_delete=models.CASCADE, related_name="snapshots", db_index=False, db_constraint=False
    )
    as_of = models.DateField()
    value = models.FloatField(null=True, blank=True, help_text=_("0–100, empty when data is insufficient."))
    band_low = models.FloatField(null=True, blank=True)
    band_high = models.FloatField(null=True, blank=True)
    coverage = models.FloatField()
    components = models.JSONField()
    weights = models.JSONField()
    aggregation = models.CharField(max_length=12, choices=Aggregation.choices)
    method_version = models.CharField(max_length=16)
    computed_at = models.DateTimeField(default=timezone.now)
    is_month_end = models.BooleanField(
        default=True, help_text=_("False for the 'today' snapshot that closes the series between month ends.")
    )
    thin = models.BooleanField(
        default=False, help_text=_("Coverage below 0.75 or delivery resting on fewer than 5 milestones.")
    )
    remove_one = models.JSONField(
        default=dict, blank=True, help_text=_("The value with each weighted component left out: {component: value}.")
    )
    rank = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Median rank over the weight scenarios (current date only; 1 = highest).")
    )
    rank_low = models.PositiveIntegerField(null=True, blank=True, help_text=_("5th percentile rank (the best)."))
    rank_high = models.PositiveIntegerField(null=True, blank=True, help_text=_("95th percentile rank (the worst)."))
    ranked_dyads = models.PositiveIntegerField(null=True, blank=True, help_text=_("How many dyads were ranked."))

    class Meta:
        ordering = ["dyad", "as_of"]
        get_latest_by = "as_of"
        indexes = [
            # Small partial indexes: the "today" rows (one a dyad) find snapshots of deleted
            # dyads without reading every snapshot, and the ranked rows (the current ones)
            # are found again when ranks move on.
            models.Index(fields=["dyad"], condition=Q(is_month_end=False), name="snapshot_today_by_dyad"),
            models.Index(fields=["rank"], condition=Q(rank__isnull=False), name="snapshot_ranked"),
        ]
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
        return width is not None and width > UNSTABLE_WIDTH


class RecomputeStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("recompute run", "Queued")
    RUNNING = "running", pgettext_lazy("recompute run", "Running")
    SUCCEEDED = "succeeded", pgettext_lazy("recompute run", "Succeeded")
    FAILED = "failed", pgettext_lazy("recompute run", "Failed")


class RecomputeRun(models.Model):
    """One recomputation of every dyad's index (a full rebuild or the incremental nightly
    run), with its progress.

    `done` counts dyads finished (successfully or not); `failed` those whose
    inputs could not be turned into an index (e.g. a currency with no rate).
    """

    status = models.CharField(max_length=12, choices=RecomputeStatus.choices, default=RecomputeStatus.QUEUED)
    trigger = models.CharField(max_length=40, blank=True, help_text=_("What started it: beat, admin, command."))
    # The nightly run: rebuild only the series whose inputs changed, add today's snapshot to the others.
    incremental = models.BooleanField(default=False)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    snapshots_written = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    progressed_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When a chunk of dyads last finished; a run silent too long is settled.")
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    resumed = models.PositiveSmallIntegerField(
        default=0, help_text=_("Times its missing chunks were queued again after it stopped progressing.")
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"Recompute #{self.pk} ({self.get_status_display()}, {self.done}/{self.total})"

    @property
    def percent_done(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


class RecomputeRunChunk(models.Model):
    """A chunk of a queued full run that was written and counted, so a redelivered chunk
    task (its worker died before acknowledging it) is neither written nor counted twice."""

    run = models.ForeignKey(RecomputeRun, on_delete=models.CASCADE, related_name="chunks")
    first_dyad_id = models.BigIntegerField()
    dyads = models.PositiveIntegerField()
    failed = models.PositiveIntegerField(default=0)
    snapshots = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "first_dyad_id"], name="run_chunk_once")]
        verbose_name = _("recompute run chunk")

    def __str__(self) -> str:
        return f"Run #{self.run_id}: {self.dyads} dyads from #{self.first_dyad_id}"


class RecomputeRequest(models.Model):
    """The outbox of index recomputations: a record change asks for its dyad's index here,
    in the change's own transaction, so a broker outage delays the index but never loses
    it (trustindex/pending.py). The worker deletes the requests it has indexed."""

    dyad = models.ForeignKey(Dyad, on_delete=models.CASCADE, related_name="+")
    cause = models.TextField(blank=True, help_text=_("The record change that asked for it."))
    cause_ref = models.CharField(
        max_length=100, blank=True, help_text=_("The changed record, e.g. milestones.milestone:412.")
    )
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0, help_text=_("Recomputations that failed on it."))
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["dyad", "id"]), models.Index(fields=["created_at"])]
        verbose_name = _("index recompute request")

    def __str__(self) -> str:
        return f"{self.dyad_id}: {self.cause}"


class IndexRevision(models.Model):
    """A published month-end value that a recomputation changed (by 0.1 or more, or to or
    from "insufficient data"), with what caused it; written by the engine."""

    dyad = models.ForeignKey(Dyad, on_delete=models.CASCADE, related_name="index_revisions")
    as_of = models.DateField()
    method_version = models.CharField(max_length=16)
    old_value = models.FloatField(null=True, blank=True)
    new_value = models.FloatField(null=True, blank=True)
    cause = models.TextField(blank=True)
    cause_ref = models.CharField(
        max_length=200, blank=True, help_text=_("The changed records, e.g. milestones.milestone:412.")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["dyad", "-created_at"])]
        verbose_name = _("index revision")

    def __str__(self) -> str:
        return f"{self.dyad_id} {self.as_of:%Y-%m-%d}: {self.old_value} → {self.new_value}"


class DyadIndexState(models.Model):
    """The fingerprint of the inputs a dyad's stored series was computed from (with the
    method version and configuration), so the nightly run rebuilds only changed histories."""

    dyad = models.OneToOneField(Dyad, on_delete=models.CASCADE, primary_key=True, related_name="index_state")
    fingerprint = models.CharField(max_length=64)
    computed_on = models.DateField(help_text=_("The 'today' of the series stored."))

    class Meta:
        verbose_name = _("dyad index state")

    def __str__(self) -> str:
        return f"{self.dyad_id}: {self.fingerprint[:12]}"


class IndexedDyad(Dyad):
    """A dyad seen from the index: the admin lists dyads with their current index and recomputes them."""

    class Meta:
        proxy = True
        verbose_name = _("dyad index")
        verbose_name_plural = _("dyad indices")


class DyadIndexStatus(models.Model):
    """Whether a dyad's index is kept up to date: since when its recomputation fails, and why.

    Written by `trustindex.index_status` as the engine finishes each dyad; a row
    exists only for dyads that failed once. Shown to the dyad's ministries and
    coordinators in the workspace, and listed in the admin.
    """

    dyad = models.OneToOneField(Dyad, on_delete=models.CASCADE, primary_key=True, related_name="index_status")
    failing_since = models.DateTimeField(
        _("failing since"), null=True, blank=True, help_text=_("Empty while the index is computed normally.")
    )
    last_updated = models.DateTimeField(
        _("index last updated"), null=True, blank=True, help_text=_("When the dyad's index was last computed.")
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("dyad index status")
        verbose_name_plural = _("dyad index statuses")
        indexes = [models.Index(fields=["failing_since"])]

    def __str__(self) -> str:
        return f"{self.dyad}: {'failing' if self.failing_since else 'up to date'}"
