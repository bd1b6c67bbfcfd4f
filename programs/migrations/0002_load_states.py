"""Load every ISO 3166-1 country from pycountry, so no list is typed by hand."""

from django.db import migrations

from programs.reference_data import load_states as load


def load_states(apps, schema_editor):
    load(apps.get_model("programs", "State"))


class Migration(migrations.Migration):
    dependencies = [("programs", "0001_initial")]

    operations = [migrations.RunPython(load_states, migrations.RunPython.noop)]
