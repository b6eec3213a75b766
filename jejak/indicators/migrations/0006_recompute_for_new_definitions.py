from django.db import migrations
from django.db.models import F


def all_stale(apps, schema_editor):
    """The status rule, BMW and masa tunggu changed meaning: every rollup is recomputed."""
    apps.get_model("indicators", "RollupState").objects.update(stale=True, version=F("version") + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0005_load_ump"),
        ("outcomes", "0008_reported_at_from_recorded_at"),
    ]

    operations = [migrations.RunPython(all_stale, migrations.RunPython.noop)]
