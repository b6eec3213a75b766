"""Password reset links: only ever sent to the person's own email or phone.

Nobody but the person sees a link: not the office or school staff who asked for it, not a
page. A request is limited per target account (any address) and per client address, and
the public form answers the same page whether or not the account exists or was limited.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from jejak.accounts.backends import canonical_identifier, find_user
from jejak.accounts.models import Membership, User
from jejak.audit.services import log_action
from jejak.messaging import can_send_text, send_text
from jejak.organisations.models import Organisation
from jejak.ratelimit.clientip import client_address
from jejak.ratelimit.limiter import increment

HOUR = 3600
EMAIL, PHONE = "email", "phone"


def reset_url(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse("accounts:password_reset_confirm", args=[uid, token])


def reset_channel(user: User) -> str | None:
    """Where a reset link for `user` can go: their email, else their phone when a text
    backend is configured, else nowhere (None)."""
    if user.email:
        return EMAIL
    if user.phone and can_send_text():
        return PHONE
    return None


def _account_allowance_left(user: User) -> bool:
    """Count one link for this account; False once it has had its hourly share."""
    sent = increment("password_reset:account", canonical_identifier(user.email or user.phone or ""),
                     window=HOUR)  # fmt: skip
    return sent <= settings.PASSWORD_RESETS_PER_ACCOUNT_PER_HOUR


def _text(user: User, link: str, asked_by: str) -> tuple[str, str]:
    subject = _("Atur ulang kata sandi Jejak")
    body = _(
        "Halo %(name)s,\n\n%(who)s\n\nBuka tautan ini untuk membuat kata sandi baru "
        "(sekali pakai):\n%(link)s\n\nJika Anda tidak memintanya, abaikan pesan ini; "
        "kata sandi Anda tidak berubah dan tidak ada orang lain yang melihat tautan ini."
    ) % {"name": user.name, "who": asked_by, "link": link}
    return subject, body


def _deliver(user: User, channel: str, asked_by: str) -> None:
    subject, body = _text(user, reset_url(user), asked_by)
    if channel == EMAIL:
        transaction.on_commit(
            lambda: send_mail(subject, body, None, [user.email or ""], fail_silently=True)
        )
    else:
        transaction.on_commit(lambda: send_text(user.phone or "", body))


def reset_request(*, identifier: str, request: HttpRequest) -> None:
    """The public "lupa kata sandi" form: send a link to the account's own channel, unless
    this address or this account is over its hourly limit. Says nothing either way."""
    address_count = increment("password_reset:address", client_address(request), window=HOUR)
    if address_count > settings.PASSWORD_RESETS_PER_ADDRESS_PER_HOUR:
        return
    user = find_user(identifier)
    if user is None or not user.is_active:
        # Count the identifier anyway, so a known and an unknown one cost the same.
        increment("password_reset:account", canonical_identifier(identifier), window=HOUR)
        return
    channel = reset_channel(user)
    if channel is None or not _account_allowance_left(user):
        return
    _deliver(user, channel, _("Anda (atau seseorang yang mengetik akun Anda) memintanya."))
    log_action(actor=None, action="account.password_reset_requested", obj=user,
               changes={"channel": channel})  # fmt: skip


class ResetRefused(Exception):
    """Why staff cannot send this person a link; the message is for the page."""


@transaction.atomic
def member_reset_send(*, organisation: Organisation, member: User, actor: Any) -> str:
    """Staff send a member a reset link to the member's own email or phone; returns the
    channel. Only for people whose every role is in this organisation (so one school cannot
    act on an account someone uses elsewhere), never oneself. The message names who asked.
    """
    places = set(Membership.objects.filter(user=member).values_list("organisation_id", flat=True))
    if places != {organisation.pk} or member.pk == getattr(actor, "pk", None):
        raise ResetRefused(_("Kata sandi %(name)s tidak bisa diatur ulang dari sini "
                             "(ia juga anggota tempat lain).") % {"name": member.name})  # fmt: skip
    channel = reset_channel(member)
    if channel is None:
        raise ResetRefused(
            _("%(name)s tidak punya email dan Jejak belum tersambung ke layanan SMS/WhatsApp, "
              "jadi tautan tidak bisa dikirim kepadanya. Admin server Jejak dapat mengatur ulang "
              "kata sandinya setelah bertemu orangnya langsung.") % {"name": member.name}
        )  # fmt: skip
    if not _account_allowance_left(member):
        raise ResetRefused(_("Sudah beberapa tautan dikirim ke %(name)s dalam satu jam terakhir. "
                             "Coba lagi nanti.") % {"name": member.name})  # fmt: skip
    asked_by = _("Permintaan ini dibuat oleh %(actor)s dari %(org)s.") % {
        "actor": getattr(actor, "name", "") or str(actor), "org": organisation.name}  # fmt: skip
    _deliver(member, channel, asked_by)
    log_action(actor=actor, action="member.password_reset_sent", obj=member,
               organisation=organisation, changes={"channel": channel})  # fmt: skip
    return channel
