"""Dapodik code G (tuna ganda) and the UU 8/2016 category of every code, from the data file."""

from django.db import migrations


def load(apps, schema_editor):
    # The same loader as 0002 (it reads data/dapodik_kebutuhan_khusus.csv, idempotently).
    from jejak.reference.loading import load_simple

    fields = ["code", "name", "category"]
    load_simple(apps.get_model("reference", "Disability"), "dapodik_kebutuhan_khusus.csv", fields)


class Migration(migrations.Migration):
    dependencies = [("reference", "0003_disability_category")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
