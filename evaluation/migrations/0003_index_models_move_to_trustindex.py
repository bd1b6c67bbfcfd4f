"""IndexSnapshot and RecomputeRun now belong to the trustindex app.

State only: the tables are untouched here; trustindex's migrations take them
over (its 0001 adopts them, its 0002 renames them), so no row is lost.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0002_recompute_run"),
        ("trustindex", "0001_initial"),
    ]

    state_operations = [
        migrations.RemoveConstraint(
            model_name="indexsnapshot",
            name="snapshot_unique_per_date",
        ),
        migrations.RemoveConstraint(
            model_name="indexsnapshot",
            name="snapshot_value_0_100",
        ),
        migrations.RemoveConstraint(
            model_name="indexsnapshot",
            name="snapshot_coverage_0_1",
        ),
        migrations.DeleteModel(
            name="RecomputeRun",
        ),
        migrations.DeleteModel(
            name="IndexSnapshot",
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations, database_operations=[])]
