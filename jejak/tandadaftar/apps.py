from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TandaDaftarConfig(AppConfig):
    """A BKK's tanda daftar with the labour office: application, issue, reissue, deactivation."""

    name = "jejak.tandadaftar"
    verbose_name = _("Tanda daftar BKK")
