from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeekersConfig(AppConfig):
    name = "jejak.seekers"
    verbose_name = _("Pencari kerja terdaftar")
