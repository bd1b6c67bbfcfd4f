"""Moving IndexSnapshot and RecomputeRun from evaluation to trustindex loses no row, either way.

Uses django-test-migrations' `migrator` fixture: a transactional test that leaves the
database migrated to the latest state.
"""

import datetime as dt

from django.apps import apps as current_apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

# The migration head before the move: trustindex absent, evaluation still owning the models.
# apply_initial_migration builds it on emptied tables by replaying the plan up to there, with the
# migrate signals muted (so no content type yet); milestones and sessions, untouched by the move,
# come in with the later `migrate`.
BEFORE_MOVE = [("trustindex", None), ("evaluation", "0002_recompute_run")]
MOVED = ("IndexSnapshot", "RecomputeRun")
OLD_TABLES = {"evaluation_indexsnapshot", "evaluation_recomputerun"}
NEW_TABLES = {"trustindex_indexsnapshot", "trustindex_recomputerun"}
NOW = dt.datetime(2026, 11, 1, 3, 0, tzinfo=dt.UTC)


def fill(apps, app_label):
    """A snapshot, a run, and a user allowed to change snapshots, as `app_label` owns them."""
    dyad = apps.get_model("programs", "Dyad").objects.create(state_a_id="IR", state_b_id="SA", slug="ir-sa")
    snapshot = apps.get_model(app_label, "IndexSnapshot").objects.create(
        dyad=dyad, as_of=dt.date(2026, 10, 31), value=61.5, band_low=55.0, band_high=68.25, coverage=0.8,
        components={"ruptures": 40.0, "programs": 70.0}, weights={"ruptures": 0.5, "programs": 0.5},
        aggregation="geometric", method_version="1.2", computed_at=NOW, is_month_end=False,
    )  # fmt: skip
    apps.get_model(app_label, "RecomputeRun").objects.create(
        status="succeeded", trigger="admin:root", total=1, done=1, snapshots_written=1, started_at=NOW, finished_at=NOW
    )
    content_type, _ = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label=app_label, model="indexsnapshot"
    )
    permission, _ = apps.get_model("auth", "Permission").objects.get_or_create(
        content_type=content_type, codename="change_indexsnapshot", defaults={"name": "Can change index snapshot"}
    )
    user = apps.get_model(settings.AUTH_USER_MODEL).objects.create(username="analyst")
    user.user_permissions.add(permission)
    apps.get_model("admin", "LogEntry").objects.create(
        user=user, content_type=content_type, object_id=str(snapshot.pk), object_repr="ir-sa", action_flag=2
    )
    return user.pk


def rows(apps, app_label):
    return {name: list(apps.get_model(app_label, name).objects.order_by("pk").values()) for name in MOVED}


def moved_tables():
    """Which of the moved models' old and new table names exist."""
    return set(connection.introspection.table_names()) & (OLD_TABLES | NEW_TABLES)


def can_change_snapshots(user_pk, app_label):
    return get_user_model().objects.get(pk=user_pk).has_perm(f"{app_label}.change_indexsnapshot")


def test_upgrade_from_before_the_move_keeps_rows_and_moves_tables_and_permissions(migrator):
    old = migrator.apply_initial_migration(BEFORE_MOVE).apps
    user_pk = fill(old, "evaluation")
    before = rows(old, "evaluation")

    call_command("migrate", verbosity=0)  # as a deploy does, post_migrate signals included

    assert rows(current_apps, "trustindex") == before
    assert moved_tables() == NEW_TABLES
    assert can_change_snapshots(user_pk, "trustindex")
    log_entry = current_apps.get_model("admin", "LogEntry").objects.get()
    assert log_entry.content_type.app_label == "trustindex"
    # The renamed tables still number new rows after the old ones.
    assert current_apps.get_model("trustindex", "RecomputeRun").objects.create().pk > before["RecomputeRun"][0]["id"]


def test_downgrade_to_before_the_move_gives_rows_and_permissions_back_to_evaluation(migrator):
    user_pk = fill(current_apps, "trustindex")
    before = rows(current_apps, "trustindex")

    old = migrator.apply_tested_migration(BEFORE_MOVE).apps

    assert rows(old, "evaluation") == before
    assert moved_tables() == OLD_TABLES
    assert can_change_snapshots(user_pk, "evaluation")
