from django.db import migrations
from django.db.models import F


def reported_when_recorded(apps, schema_editor):
    """Events older than `reported_at` were reported when they were recorded."""
    apps.get_model("outcomes", "OutcomeEvent").objects.update(reported_at=F("recorded_at"))


class Migration(migrations.Migration):
    dependencies = [("outcomes", "0007_event_reports_concurrent_first_job")]

    operations = [migrations.RunPython(reported_when_recorded, migrations.RunPython.noop)]
