"""Log in with an email address or an Indonesian phone number in any usual form."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from jejak.accounts.models import User
from jejak.lib.values import ValueProblem, parse_phone_number


def find_user(identifier: str) -> User | None:
    identifier = (identifier or "").strip()
    if "@" in identifier:
        return User.objects.filter(email__iexact=identifier).first()
    try:
        phone = parse_phone_number(identifier)
    except ValueProblem:
        return None
    return User.objects.filter(phone=phone.e164).first() if phone else None


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
