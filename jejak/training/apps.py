from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    """BLK training: programmes, batches (gelombang) and the trainees enrolled in them."""

    name = "jejak.training"
    verbose_name = _("Pelatihan BLK")
