from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "jejak.matching"
    verbose_name = _("Pencocokan lowongan dan pencari kerja")
