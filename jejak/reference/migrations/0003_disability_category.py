from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("reference", "0002_load_reference_data")]
    operations = [
        migrations.AddField(
            model_name="disability",
            name="category",
            field=models.CharField(blank=True, max_length=12, verbose_name="ragam disabilitas"),
        ),
    ]
