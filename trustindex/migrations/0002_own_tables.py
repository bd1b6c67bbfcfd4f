"""Rename the adopted tables to this app's names, and move their content types (and with
them the admin permissions and log entries) from the evaluation app to this one."""

from django.db import migrations

MOVED = ("indexsnapshot", "recomputerun")


def move_content_types(apps, schema_editor, source="evaluation", target="trustindex"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        if ContentType.objects.using(db).filter(app_label=target, model=model).exists():
            continue  # a fresh database: created for the new app already
        ContentType.objects.using(db).filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="trustindex", target="evaluation")


class Migration(migrations.Migration):
    dependencies = [
        ("trustindex", "0001_initial"),
        ("evaluation", "0003_index_models_move_to_trustindex"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(
            name="indexsnapshot",
            table=None,
        ),
        migrations.AlterModelTable(
            name="recomputerun",
            table=None,
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
