from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    """Alumni CVs: the register plus the alumnus's own entries, documents and sharing choices."""

    name = "jejak.profiles"
    verbose_name = _("Profil dan CV alumni")
