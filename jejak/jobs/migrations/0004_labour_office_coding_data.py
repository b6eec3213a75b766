"""Existing vacancies in the labour office's terms: education levels with SMA and SMK apart,
positions split by the sex they are open to, and a registration date."""

from django.db import migrations

# The old merged "SMA/SMK/sederajat" becomes SMK where the vacancy asked for SMK majors (what a
# BKK posts), SMA otherwise.
LEVELS = {"sd": "SD", "smp": "SMP", "d3": "D3", "s1": "D4/S1"}


def forwards(apps, schema_editor):
    Vacancy = apps.get_model("jobs", "Vacancy")
    for vacancy in Vacancy.objects.all().iterator():
        old = vacancy.education
        if old == "sma":
            vacancy.education = "SMK" if vacancy.majors.exists() else "SMA"
        else:
            vacancy.education = LEVELS.get(old, old)
        bucket = {"L": "openings_male", "P": "openings_female"}.get(vacancy.sex, "openings_any")
        setattr(vacancy, bucket, vacancy.openings)
        vacancy.registered_on = vacancy.opens_on
        vacancy.save(
            update_fields=["education", bucket, "registered_on"]
        )


class Migration(migrations.Migration):
    dependencies = [("jobs", "0003_labour_office_coding")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
