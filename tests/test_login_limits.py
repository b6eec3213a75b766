"""Failed logins are limited per account and per address (django-axes, in the database every
worker process shares), behind trusted proxies only; an office lifts a lockout."""

from __future__ import annotations

from typing import Any

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse

from jejak.accounts.models import Membership, Role, User
from jejak.audit.models import AuditEvent
from jejak.ratelimit.clientip import client_address
from tests.conftest import PASSWORD, Tenant

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
LAB = "203.0.113.7"


def attempt(client: Any, identifier: str, password: str, address: str = LAB, **meta: Any) -> Any:
    return client.post(
        LOGIN, {"identifier": identifier, "password": password}, REMOTE_ADDR=address, **meta
    )


def test_right_password_after_many_wrong_ones_is_refused(client: Any, jember: Tenant) -> None:
    email = jember.bkk.email
    statuses = [attempt(client, email, "salah-terus").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure locks
    locked = attempt(client, email, PASSWORD)
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan masuk" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_speaks_the_persons_language(client: Any, jember: Tenant) -> None:
    client.cookies["jejak_lang"] = "en"
    for _ in range(6):
        response = attempt(client, jember.bkk.email, "salah-terus")
    assert response.status_code == 429
    assert "Too many login attempts" in response.content.decode()


def test_every_form_of_a_phone_number_counts_for_one_account(client: Any, db: Any) -> None:
    User.objects.create_user(phone="+6281255550000", name="Dewi", password=PASSWORD)
    forms_of_number = ["081255550000", "+6281255550000", "62 812-5555-0000", "0812 5555 0000",
                       "6281255550000"]  # fmt: skip
    for number in forms_of_number:
        attempt(client, number, "salah-terus")
    assert attempt(client, "081255550000", PASSWORD).status_code == 429


def test_a_lab_behind_one_address_is_not_locked_by_its_students_typos(
    client: Any, jember: Tenant
) -> None:
    for n in range(30):
        attempt(client, f"siswa{n}@example.id", "salah-sekali")
    assert attempt(client, jember.teacher.email, PASSWORD).status_code == 302


def test_a_password_spray_from_one_address_is_stopped(
    client: Any, jember: Tenant, settings: Any
) -> None:
    settings.LOGIN_FAILURES_PER_ADDRESS = 10
    for n in range(10):
        attempt(client, f"orang{n}@example.id", "Jejak2026!")
    assert attempt(client, jember.teacher.email, PASSWORD).status_code == 429
    # The same person from another address is not affected.
    assert attempt(client, jember.teacher.email, PASSWORD, "198.51.100.2").status_code == 302


def test_guessing_one_account_from_many_addresses_locks_it(
    client: Any, jember: Tenant, settings: Any
) -> None:
    settings.LOGIN_FAILURES_PER_ACCOUNT = 8
    for n in range(8):
        attempt(client, jember.head.email, "tebakan", f"198.51.100.{n + 10}")
    assert attempt(client, jember.head.email, PASSWORD, "192.0.2.99").status_code == 429


def test_failures_are_counted_in_the_database_every_process_shares(
    client: Any, jember: Tenant
) -> None:
    from django.core.cache import cache

    for _ in range(5):
        attempt(client, jember.bkk.email, "salah-terus")
    cache.clear()  # another process has none of this one's cache
    assert AccessAttempt.objects.filter(username=jember.bkk.email).exists()
    assert attempt(client, jember.bkk.email, PASSWORD).status_code == 429


def test_a_good_login_clears_the_persons_own_mistakes_only(client: Any, jember: Tenant) -> None:
    for _ in range(4):
        attempt(client, jember.bkk.email, "salah-terus")
    attempt(client, "lain@example.id", "salah")
    assert attempt(client, jember.bkk.email, PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username=jember.bkk.email).exists()
    assert AccessAttempt.objects.filter(username="lain@example.id").exists()


def test_login_error_is_the_same_for_unknown_and_known_accounts(
    client: Any, jember: Tenant
) -> None:
    known = attempt(client, jember.bkk.email, "salah").content.decode()
    unknown = attempt(client, "tidak-ada@example.id", "salah").content.decode()
    assert "kata sandi salah" in known and "kata sandi salah" in unknown


# --- the client's address ----------------------------------------------------------------


def _address(remote: str, forwarded: str = "") -> str:
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **meta))


def test_forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy(settings: Any) -> None:
    settings.TRUSTED_PROXIES = []
    assert _address("198.51.100.5", "1.2.3.4") == "198.51.100.5"


def test_forwarded_for_is_walked_from_the_right_past_trusted_proxies(settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "192.0.2.1"]
    # The client forged "6.6.6.6"; the proxies appended the address they saw.
    assert _address("10.0.0.2", "6.6.6.6, 203.0.113.9, 192.0.2.1") == "203.0.113.9"
    assert _address("10.0.0.2", "garbage, 203.0.113.9") == "203.0.113.9"
    assert _address("10.0.0.2", "10.1.1.1") == "10.1.1.1"
    assert _address("10.0.0.2") == "10.0.0.2"
    assert _address("10.0.0.2", "2001:db8::1") == "2001:db8::"


def test_an_ipv6_client_is_one_client_across_its_64(settings: Any) -> None:
    """A phone holds a whole /64: a fresh address per request must not be a fresh allowance."""
    settings.TRUSTED_PROXIES = []
    assert (
        _address("2001:db8:1:2::1")
        == _address("2001:db8:1:2:ffff:eeee:dddd:7")
        == ("2001:db8:1:2::")
    )
    assert _address("2001:db8:1:3::1") == "2001:db8:1:3::"
    assert _address("::ffff:203.0.113.9") == "203.0.113.9"
    assert _address("203.0.113.9") == "203.0.113.9"


def test_a_password_spray_rotating_through_one_ipv6_64_is_locked(
    client: Any, jember: Tenant, settings: Any
) -> None:
    settings.LOGIN_FAILURES_PER_ADDRESS = 5
    for n in range(5):
        attempt(client, f"x{n}@example.id", "salah", address=f"2001:db8:1:2::{n + 1:x}")
    spray = attempt(client, jember.teacher.email, PASSWORD, address="2001:db8:1:2::ff")
    assert spray.status_code == 429


def test_lockouts_key_on_the_client_behind_a_trusted_proxy(
    client: Any, jember: Tenant, settings: Any
) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    settings.LOGIN_FAILURES_PER_ADDRESS = 5
    proxy = {"address": "10.0.0.1"}
    for n in range(5):
        attempt(client, f"x{n}@example.id", "salah", HTTP_X_FORWARDED_FOR="203.0.113.50", **proxy)
    spray = attempt(client, jember.teacher.email, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.50",
                    **proxy)  # fmt: skip
    assert spray.status_code == 429
    other = attempt(client, jember.teacher.email, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.51",
                    **proxy)  # fmt: skip
    assert other.status_code == 302
    assert AccessAttempt.objects.filter(ip_address="203.0.113.50").exists()


# --- an office lifts a lockout -------------------------------------------------------------


def _lock(client: Any, user: User) -> None:
    for _ in range(5):
        attempt(client, user.email or "", "salah-terus")


def test_office_sees_and_lifts_a_lockout_in_its_area(
    client: Any, login: Any, jember: Tenant
) -> None:
    _lock(client, jember.teacher)
    office = login(jember.analyst)
    page = office.get(reverse("organisations:account_security", args=[jember.office.code]))
    assert jember.teacher.name in page.content.decode() and "terkunci" in page.content.decode()
    office.post(reverse("organisations:lockout_lift", args=[jember.office.code,
                                                            jember.teacher.code]))  # fmt: skip
    event = AuditEvent.objects.get(action="account.lockout_lifted")
    assert event.actor_id == jember.analyst.pk and event.object_code == jember.teacher.code
    office.logout()
    assert attempt(client, jember.teacher.email or "", PASSWORD).status_code == 302


def test_office_cannot_lift_a_lockout_of_someone_with_roles_outside_its_area(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    Membership.objects.create(user=jember.teacher, organisation=bandung.school,
                              role=Role.HOMEROOM_TEACHER)  # fmt: skip
    url = reverse("organisations:lockout_lift", args=[jember.office.code, jember.teacher.code])
    assert login(jember.analyst).post(url).status_code == 404
    assert not AuditEvent.objects.filter(action="account.lockout_lifted").exists()


def test_a_school_cannot_lift_lockouts(login: Any, jember: Tenant) -> None:
    url = reverse("organisations:lockout_lift", args=[jember.school.code, jember.teacher.code])
    assert login(jember.bkk).post(url).status_code == 404


def test_a_password_reset_lifts_the_owners_lockout(
    client: Any, jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core import mail

    _lock(client, jember.bkk)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"identifier": jember.bkk.email})
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/accounts/reset/" in line)
    page = client.get("/" + link.split("://", 1)[1].split("/", 1)[1], follow=True)
    client.post(page.redirect_chain[-1][0], {"password1": "Baru-Sekali-2026",
                                             "password2": "Baru-Sekali-2026"})  # fmt: skip
    assert attempt(client, jember.bkk.email or "", "Baru-Sekali-2026").status_code == 302
