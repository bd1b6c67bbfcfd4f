"""The trust index's models, adopted from the evaluation app with their tables and rows.

State only: evaluation's 0001/0002 created the tables (`evaluation_indexsnapshot`,
`evaluation_recomputerun`); 0002 here renames them.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("programs", "0002_load_states"),
        ("evaluation", "0002_recompute_run"),
    ]

    state_operations = [
        migrations.CreateModel(
            name="RecomputeRun",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "Queued"),
                            ("running", "Running"),
                            ("succeeded", "Succeeded"),
                            ("failed", "Failed"),
                        ],
                        default="queued",
                        max_length=12,
                    ),
                ),
                (
                    "trigger",
                    models.CharField(blank=True, help_text="What started it: beat, admin, command.", max_length=40),
                ),
                ("total", models.PositiveIntegerField(default=0)),
                ("done", models.PositiveIntegerField(default=0)),
                ("failed", models.PositiveIntegerField(default=0)),
                ("snapshots_written", models.PositiveIntegerField(default=0)),
                ("message", models.TextField(blank=True)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("started_at", models.DateTimeField(blank=True, null=True)),
                ("finished_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={
                "db_table": "evaluation_recomputerun",
                "ordering": ["-created_at", "-id"],
                "get_latest_by": "created_at",
            },
        ),
        migrations.CreateModel(
            name="IndexedDyad",
            fields=[],
            options={
                "verbose_name": "dyad index",
                "verbose_name_plural": "dyad indices",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("programs.dyad",),
        ),
        migrations.CreateModel(
            name="IndexSnapshot",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("as_of", models.DateField()),
                (
                    "value",
                    models.FloatField(blank=True, help_text="0–100, empty when data is insufficient.", null=True),
                ),
                ("band_low", models.FloatField(blank=True, null=True)),
                ("band_high", models.FloatField(blank=True, null=True)),
                ("coverage", models.FloatField()),
                ("components", models.JSONField()),
                ("weights", models.JSONField()),
                (
                    "aggregation",
                    models.CharField(
                        choices=[("arithmetic", "Weighted arithmetic mean"), ("geometric", "Weighted geometric mean")],
                        max_length=12,
                    ),
                ),
                ("method_version", models.CharField(max_length=16)),
                ("computed_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "is_month_end",
                    models.BooleanField(
                        default=True,
                        help_text="False for the 'today' snapshot that closes the series between month ends.",
                    ),
                ),
                (
                    "dyad",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="snapshots", to="programs.dyad"
                    ),
                ),
            ],
            options={
                "db_table": "evaluation_indexsnapshot",
                "ordering": ["dyad", "as_of"],
                "get_latest_by": "as_of",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("dyad", "as_of", "method_version"), name="snapshot_unique_per_date"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("value__isnull", True), models.Q(("value__gte", 0), ("value__lte", 100)), _connector="OR"
                        ),
                        name="snapshot_value_0_100",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("coverage__gte", 0), ("coverage__lte", 1)), name="snapshot_coverage_0_1"
                    ),
                ],
            },
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations, database_operations=[])]
