"""Load every ISO 3166-1 country from pycountry, so no list is typed by hand."""

import pycountry
from django.db import migrations


def load_states(apps, schema_editor):
    State = apps.get_model("programs", "State")
    State.objects.bulk_create(
        [State(code=c.alpha_2, alpha3=c.alpha_3, name=getattr(c, "common_name", c.name)) for c in pycountry.countries],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("programs", "0001_initial")]

    operations = [migrations.RunPython(load_states, migrations.RunPython.noop)]
