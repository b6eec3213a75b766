"""Load regions, majors, occupations, industries and disability codes from their sources.

The loader is idempotent; a new edition of a source gets a new migration that runs it again.
"""

from django.db import migrations


def load(apps, schema_editor):
    from jejak.reference.loading import load_all

    names = ["Region", "Major", "MajorAlias", "Occupation", "Industry", "Disability"]
    load_all({name: apps.get_model("reference", name) for name in names})


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
