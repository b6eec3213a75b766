from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """People, their memberships and roles, invitations and login."""

    name = "jejak.accounts"
    verbose_name = _("Accounts")
