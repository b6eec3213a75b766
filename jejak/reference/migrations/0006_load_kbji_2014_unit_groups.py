"""Load KBJI 2014 down to its unit groups (levels 1-4) and set every occupation's level.

The loader is idempotent and keeps existing codes (1- and 2-digit rows stay as they were).
"""

from django.db import migrations


def load(apps, schema_editor):
    from jejak.reference.loading import load_occupations

    load_occupations(apps.get_model("reference", "Occupation"))


class Migration(migrations.Migration):
    dependencies = [("reference", "0005_occupation_level")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
