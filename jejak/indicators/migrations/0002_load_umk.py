"""Seed the UMK table with the published values named in data/umk.csv."""

from django.db import migrations


def load(apps, schema_editor):
    from jejak.indicators.umk_loading import load_umk

    load_umk(apps.get_model("indicators", "Umk"), apps.get_model("reference", "Region"))


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial"), ("reference", "0002_load_reference_data")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
