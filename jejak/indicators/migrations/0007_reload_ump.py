"""Load the UMP rows added to data/ump.csv after 0005 (provinces that had none), and mark
every rollup stale: schools in those provinces get an income figure for the first time."""

from django.db import migrations


def load(apps, schema_editor):
    from jejak.indicators.umk_loading import load_ump

    load_ump(apps.get_model("indicators", "Umk"), apps.get_model("reference", "Region"))
    apps.get_model("indicators", "RollupState").objects.update(stale=True)


class Migration(migrations.Migration):
    dependencies = [("indicators", "0006_recompute_for_new_definitions")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
