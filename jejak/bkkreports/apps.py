from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BkkReportsConfig(AppConfig):
    """The BKK register kept by the labour office and the BKK's IPK III placement reports."""

    name = "jejak.bkkreports"
    verbose_name = _("Register dan laporan BKK")
