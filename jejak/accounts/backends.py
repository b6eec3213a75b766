"""Log in with an email address or an Indonesian phone number in any usual form."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from jejak.accounts.models import User
from jejak.lib.values import ValueProblem, parse_phone_number


def canonical_identifier(identifier: str) -> str:
    """The form an account is known by, for the login lookup and the failure and reset counts:
    a lower-case email or a +62 phone number, so "0812…", "62812…" and "+62 812…" are one
    account, not three allowances."""
    text = (identifier or "").strip()
    if "@" in text:
        return text.lower()[:255]
    try:
        phone = parse_phone_number(text)
    except ValueProblem:
        phone = None
    return phone.e164 if phone else text.lower()[:255]


def find_user(identifier: str) -> User | None:
    key = canonical_identifier(identifier)
    if "@" in key:
        return User.objects.filter(email__iexact=key).first()
    if key.startswith("+"):  # a phone number canonical_identifier could read
        return User.objects.filter(phone=key).first()
    return None


class EmailOrPhoneBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        user = find_user(username or kwargs.get("email", "") or "")
        if user is None:
            User().set_password(password)  # same work as a real check: no timing oracle
            return None
        if user.check_password(password or "") and self.user_can_authenticate(user):
            return user
        return None
