"""Seed the provinces' UMP values named in data/ump.csv (rows of kind UMP), and mark every
rollup stale: the income figure now falls back to the UMP and carries a UMK forward."""

from django.db import migrations


def load(apps, schema_editor):
    from jejak.indicators.umk_loading import load_ump

    load_ump(apps.get_model("indicators", "Umk"), apps.get_model("reference", "Region"))
    apps.get_model("indicators", "RollupState").objects.update(stale=True)


class Migration(migrations.Migration):
    dependencies = [("indicators", "0004_umk_kind"), ("reference", "0002_load_reference_data")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
