from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """UU PDP 27/2022: where personal data lives, erasure, the person's export, retention."""

    name = "jejak.privacy"
    verbose_name = _("Data pribadi")
