"""Failed-login limits with django-axes, keyed on the account and the client address.

Axes compares one failure count with one limit. Jejak needs three limits within one cool-off
period (settings LOGIN_FAILURES_*): one account from one address (a person mistyping: low),
one account from any address (guessing spread over addresses: higher) and one address
against any account (a password spray: high, because a school lab or a phone operator's NAT
puts a whole class behind one address). `TieredDatabaseHandler` scales each count to the one
axes limit so that each tier locks at its own number. Attempts live in the database, which
every worker process shares.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from jejak.accounts.backends import canonical_identifier
from jejak.audit.services import log_action


def lockout_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """AXES_USERNAME_CALLABLE: the canonical identifier tried in this attempt."""
    raw = (credentials or {}).get("username") or request.POST.get("identifier", "")
    return canonical_identifier(str(raw))


def account_identifiers(user: Any) -> list[str]:
    """Every identifier a person's failed logins can be counted under."""
    return [value for value in (user.email, user.phone) if value]


def tier_limits() -> list[int]:
    """The limit of each entry of AXES_LOCKOUT_PARAMETERS, in the same order."""
    return [
        settings.LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS,
        settings.LOGIN_FAILURES_PER_ACCOUNT,
        settings.LOGIN_FAILURES_PER_ADDRESS,
    ]


class TieredDatabaseHandler(AxesDatabaseHandler):
    """Axes's database handler with one limit per lockout parameter (see the module)."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        base = settings.AXES_FAILURE_LIMIT
        scaled = []
        for attempts, limit in zip(
            self.get_user_attempts(request, credentials), tier_limits(), strict=True
        ):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            # failures >= limit exactly when failures * base // limit >= base.
            scaled.append(failures * base // max(limit, 1))
        return max(scaled, default=0)

    def user_logged_in(self, sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
        """A person who got in is no longer mistyping: clear their own count from this
        address, and only that (the address's count against other accounts stays)."""
        super().user_logged_in(sender, request, user, **kwargs)
        AccessAttempt.objects.filter(
            username__in=account_identifiers(user),
            ip_address=request.axes_ip_address,  # type: ignore[attr-defined]  # set by axes
        ).delete()


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: a page that says what happened and what to do, in the
    person's language, with 429 (the same answer for a locked account and address)."""
    return render(
        request,
        "accounts/locked.html",
        {"minutes": settings.LOGIN_LOCKOUT_MINUTES},
        status=429,
    )


def lift_lockout(user: Any) -> int:
    """Forget every failed login counted against `user`'s account; returns rows removed.

    Rows carry the address too, so this also takes those failures off the addresses'
    counts: they were mistakes on this account, now settled by its owner or an office."""
    deleted, _ = AccessAttempt.objects.filter(username__in=account_identifiers(user)).delete()
    return deleted


def recent_failures(identifiers: list[str]) -> dict[str, tuple[int, bool]]:
    """For each of `identifiers` with failed logins in the current cool-off period: how many,
    and whether the account is locked (everywhere, or from the address it failed from)."""
    since = timezone.now() - dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    rows = (
        AccessAttempt.objects.filter(username__in=identifiers, attempt_time__gte=since)
        .values("username", "ip_address")
        .annotate(total=Sum("failures_since_start"))
    )
    found: dict[str, tuple[int, bool]] = {}
    for row in rows:
        count, locked = found.get(row["username"], (0, False))
        pair_locked = row["total"] >= settings.LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS
        found[row["username"]] = (count + row["total"], locked or pair_locked)
    return {
        name: (count, locked or count >= settings.LOGIN_FAILURES_PER_ACCOUNT)
        for name, (count, locked) in found.items()
    }


@transaction.atomic
def lockout_lift(*, person: Any, actor: Any, office: Any) -> int:
    """An office lifts a person's login lockout (the caller checked the person is in its
    area). Audited; returns how many failure records went."""
    removed = lift_lockout(person)
    log_action(actor=actor, action="account.lockout_lifted", obj=person, organisation=office,
               changes={"failures_removed": removed})  # fmt: skip
    return removed
