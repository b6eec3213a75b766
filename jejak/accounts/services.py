"""Invitations and memberships: how people get accounts and roles."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jejak.accounts.models import Invitation, Membership, Role, User
from jejak.alumni.models import SchoolClass
from jejak.audit.services import log_action
from jejak.lib.codes import hash_token, new_token
from jejak.messaging import can_send_text, send_text
from jejak.organisations.models import Organisation


def invitation_link(token: str) -> str:
    return settings.SITE_URL + reverse("accounts:accept", args=[token])


@transaction.atomic
def invitation_create(
    *,
    organisation: Organisation,
    role: str,
    name: str,
    email: str = "",
    phone: str = "",
    invited_by: Any,
    class_codes: list[str] | None = None,
) -> tuple[Invitation, str]:
    """Create an invitation and return it with its one-time link token (shown once)."""
    token = new_token()
    invitation = Invitation.objects.create(
        organisation=organisation,
        role=role,
        name=name,
        email=email.lower(),
        phone=phone,
        token_hash=hash_token(token),
        invited_by=invited_by,
        class_codes=class_codes or [],
        expires_at=timezone.now() + dt.timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    log_action(
        actor=invited_by,
        action="invitation.created",
        obj=invitation,
        changes={"role": role, "email": email, "phone": phone},
    )
    if email:
        # Someone who already has an account is told to log in with it; the link never
        # sets that account's password (see invitation_accept).
        how = (
            _("Anda sudah punya akun Jejak dengan alamat ini: masuk dengan akun itu, lalu buka "
              "tautan ini untuk menerima peran (berlaku %(days)s hari):")
            if existing_account(invitation) is not None
            else _("Buka tautan ini untuk membuat kata sandi (berlaku %(days)s hari):")
        ) % {"days": settings.INVITATION_VALID_DAYS}  # fmt: skip
        body = _(
            "Halo %(name)s,\n\nAnda diundang sebagai %(role)s di %(org)s. %(how)s\n%(link)s\n"
        ) % {
            "name": name, "role": Role(role).label, "org": organisation.name, "how": how,
            "link": invitation_link(token),
        }  # fmt: skip
        subject = _("Undangan Jejak: %(org)s") % {"org": organisation.name}
        transaction.on_commit(lambda: send_mail(subject, body, None, [email], fail_silently=True))
    elif phone and can_send_text():
        text = _("Halo %(name)s, Anda diundang sebagai %(role)s di %(org)s di Jejak. "
                 "Buat kata sandi lewat tautan ini (berlaku %(days)s hari): %(link)s") % {
            "name": name, "role": Role(role).label, "org": organisation.name,
            "days": settings.INVITATION_VALID_DAYS, "link": invitation_link(token),
        }  # fmt: skip
        transaction.on_commit(lambda: send_text(phone, text))
    return invitation, token


def link_for_inviter(invitation: Invitation, token: str) -> str | None:
    """The invitation link to show the inviter, only when Jejak cannot send it to the person
    (no email, no text channel): the link sets the password of an account under the
    person's name, so whoever can reach the person directly should not hold it."""
    if invitation.email or (invitation.phone and can_send_text()):
        return None
    return invitation_link(token)


def invitation_by_token(token: str) -> Invitation | None:
    invitation = (
        Invitation.objects.filter(token_hash=hash_token(token))
        .select_related("organisation")
        .first()
    )
    return invitation if invitation and invitation.is_usable else None


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, user: User | None = None, password: str = ""
) -> User:
    """Grant the invited role. Without `user`, create the account with `password`.

    A person who already has an account must be logged in to accept: the link alone never
    changes an existing account's password, or whoever holds the link could take it over.
    """
    if user is None:
        if existing_account(invitation) is not None:
            raise ValueError("This person already has an account and must log in to accept")
        user = User.objects.create_user(
            email=invitation.email, phone=invitation.phone, name=invitation.name, password=password
        )
    Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, role=invitation.role
    )
    if invitation.role == Role.HOMEROOM_TEACHER and invitation.class_codes:
        SchoolClass.objects.filter(
            organisation=invitation.organisation, code__in=invitation.class_codes
        ).update(homeroom_teacher=user)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    log_action(actor=user, action="invitation.accepted", obj=invitation)
    return user


def existing_account(invitation: Invitation) -> User | None:
    if invitation.email:
        found = User.objects.filter(email__iexact=invitation.email).first()
        if found:
            return found
    if invitation.phone:
        return User.objects.filter(phone=invitation.phone).first()
    return None


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: Any) -> None:
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    log_action(actor=actor, action="invitation.revoked", obj=invitation)
