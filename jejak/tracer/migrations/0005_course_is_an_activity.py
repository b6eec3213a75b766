from django.db import migrations


def courses_apart(apps, schema_editor):
    """'Kursus/pelatihan' was a level of further study (so it counted as BMW); it is now an
    activity of its own. Answers and the events made from them follow."""
    Response = apps.get_model("tracer", "Response")
    OutcomeEvent = apps.get_model("outcomes", "OutcomeEvent")
    moved = []
    for response in Response.objects.filter(answers__jenjang_studi="kursus").iterator():
        answers = dict(response.answers)
        if answers.get("kegiatan") != "melanjutkan":
            continue
        answers["kegiatan"] = "kursus"
        answers.pop("jenjang_studi", None)
        answers.pop("biaya_studi", None)
        response.answers = answers
        response.save(update_fields=["answers"])
        moved.append(response.pk)
    OutcomeEvent.objects.filter(response_id__in=moved, activity="melanjutkan").update(
        activity="kursus"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("tracer", "0004_user_indexes_only_where_set"),
        ("outcomes", "0008_reported_at_from_recorded_at"),
    ]

    operations = [migrations.RunPython(courses_apart, migrations.RunPython.noop)]
