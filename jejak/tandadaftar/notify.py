"""Mail to the other side of a tanda daftar: the BKK's officers or the office's analysts."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction

from jejak.accounts.models import Membership, Role
from jejak.organisations.models import Organisation

BKK_ROLES = (Role.BKK_OFFICER, Role.BLK_ADMIN, Role.SCHOOL_HEAD)
OFFICE_ROLES = (Role.OFFICE_ANALYST,)


def _addresses(organisation: Organisation, roles: tuple[str, ...]) -> list[str]:
    emails = Membership.objects.filter(organisation=organisation, role__in=roles).values_list(
        "user__email", flat=True
    )
    return sorted({email for email in emails if email})


def tell(organisation: Organisation, roles: tuple[str, ...], subject: str, text: str,
         path: str) -> None:  # fmt: skip
    """Mail each member of `organisation` holding one of `roles`, after the commit (so a
    rolled-back change tells nobody). `path` is the page to open, made absolute."""
    body = f"{text}\n\n{settings.SITE_URL}{path}\n"
    messages = [(subject, body, None, [address]) for address in _addresses(organisation, roles)]
    if messages:
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))
