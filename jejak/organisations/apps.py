from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    """Offices, schools and their BKK, training centres and companies."""

    name = "jejak.organisations"
    verbose_name = _("Organisations")
