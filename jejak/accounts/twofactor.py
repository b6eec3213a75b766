"""A second factor for staff: a TOTP app (django-otp) plus one-time backup codes.

Offered to the roles that see many people's data (BKK officers, school heads, BLK admins,
office analysts); other roles never see it. Once a person has a confirmed TOTP device, the
login asks for a code after the password. Wrong codes are throttled per device by
django-otp (each failure doubles the wait before the next try).
"""

from __future__ import annotations

from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from jejak.accounts.models import Membership, Role, User
from jejak.audit.services import log_action
from jejak.messaging import send_text

TWO_FACTOR_ROLES = {Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.BLK_ADMIN, Role.OFFICE_ANALYST}
BACKUP_CODES = 10
APP_NAME = "app"
BACKUP_NAME = "backup"


def may_use_two_factor(user: Any) -> bool:
    """Whether the person holds a role that is offered a second factor."""
    return Membership.objects.filter(user_id=user.pk, role__in=TWO_FACTOR_ROLES).exists()


def has_two_factor(user: Any) -> bool:
    """Whether the login must ask this person for a code."""
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()


def enrol_start(*, user: User) -> TOTPDevice:
    """A fresh unconfirmed TOTP device (replacing an earlier unconfirmed one) to show as a
    QR code. Nothing changes for the login until `enrol_confirm`."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def pending_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


@transaction.atomic
def enrol_confirm(*, user: User, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm `device` with a code from the app. Returns the backup codes (to show once),
    or None when the code is wrong."""
    if not device.verify_token(code.strip()):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_backup_codes(user)
    log_action(actor=user, action="account.two_factor_enabled", obj=user)
    return codes


def _new_backup_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name=BACKUP_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


def verify_code(user: User, code: str) -> Device | None:
    """The device that accepts `code`: six digits go to the app, anything else is tried as
    a backup code (used up when it works). None when wrong or throttled."""
    code = code.strip().replace(" ", "").lower()
    model: type[Device] = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    with transaction.atomic():
        device = model.objects.select_for_update().filter(user=user, confirmed=True).first()
        if device is not None and device.verify_token(code):
            return device
    return None


@transaction.atomic
def disable(*, user: User, password: str, code: str) -> bool:
    """The person turns the second factor off, proving both factors; False if either fails."""
    if not user.check_password(password) or verify_code(user, code) is None:
        return False
    _remove_devices(user)
    log_action(actor=user, action="account.two_factor_disabled", obj=user)
    return True


def _remove_devices(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


@transaction.atomic
def reset_for(*, person: User, actor: Any, office: Any) -> None:
    """An office removes the second factor of a person who lost their phone (the caller has
    checked the person is in the office's area); the person is told by email."""
    _remove_devices(person)
    log_action(actor=actor, action="account.two_factor_reset", obj=person, organisation=office)
    body = _(
        "Halo %(name)s,\n\nVerifikasi dua langkah akun Jejak Anda dimatikan oleh "
        "%(actor)s dari %(office)s. Masuk sekarang cukup dengan kata sandi; aktifkan lagi "
        "di halaman Keamanan akun. Jika Anda tidak memintanya, hubungi %(office)s."
    ) % {"name": person.name, "actor": getattr(actor, "name", actor), "office": office.name}
    subject = _("Verifikasi dua langkah Jejak dimatikan")
    if person.email:
        transaction.on_commit(
            lambda: send_mail(subject, body, None, [person.email or ""], fail_silently=True)
        )
    else:
        transaction.on_commit(lambda: send_text(person.phone or "", body))
