"""Staff can turn on a second factor (TOTP app and backup codes); the login then asks for a
code after the password. Codes here are real TOTP codes computed from the device's key."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from jejak.audit.models import AuditEvent
from tests.conftest import PASSWORD, Tenant

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_throttle_wait(settings: Any) -> None:
    # django-otp makes a wrong code's next try wait 1 s, 2 s, 4 s...; tests do not wait.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """What the person's authenticator app shows now (or `steps_ahead` periods later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def enrol(client: Any) -> tuple[TOTPDevice, list[str]]:
    page = client.get(reverse("accounts:two_factor_enrol"))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(confirmed=False)
    done = client.post(reverse("accounts:two_factor_enrol"), {"code": code_for(device)})
    assert done.status_code == 200
    codes = done.context["codes"]
    return TOTPDevice.objects.get(pk=device.pk), codes


def password_step(client: Any, user: Any) -> Any:
    return client.post(reverse("accounts:login"), {"identifier": user.email, "password": PASSWORD})


def test_the_whole_flow_enrol_login_with_code_and_backup_code(
    client: Any, login: Any, jember: Tenant
) -> None:
    device, codes = enrol(login(jember.bkk))
    assert device.confirmed and len(codes) == 10
    assert AuditEvent.objects.filter(action="account.two_factor_enabled").exists()
    client.logout()

    after_password = password_step(client, jember.bkk)
    assert after_password["Location"] == reverse("accounts:login_code")
    assert "_auth_user_id" not in client.session  # not logged in yet
    assert client.get(reverse("alumni:register", args=[jember.school.code])).status_code == 302

    wrong = client.post(reverse("accounts:login_code"), {"code": "000000"})
    assert wrong.status_code == 422 and "_auth_user_id" not in client.session
    # The code of the next period: the one used to enrol cannot be replayed.
    right = client.post(reverse("accounts:login_code"), {"code": code_for(device, 1)})
    assert right.status_code == 302 and client.session["_auth_user_id"] == str(jember.bkk.pk)
    assert client.get(reverse("alumni:register", args=[jember.school.code])).status_code == 200

    client.logout()
    password_step(client, jember.bkk)
    assert client.post(reverse("accounts:login_code"), {"code": codes[0]}).status_code == 302
    client.logout()
    password_step(client, jember.bkk)
    reused = client.post(reverse("accounts:login_code"), {"code": codes[0]})
    assert reused.status_code == 422  # a backup code works once


def test_a_code_step_without_the_password_step_goes_back_to_login(client: Any, db: Any) -> None:
    response = client.post(reverse("accounts:login_code"), {"code": "123456"})
    assert response["Location"] == reverse("accounts:login")


def test_too_many_wrong_codes_start_the_login_over(client: Any, login: Any, jember: Tenant) -> None:
    enrol(login(jember.head))
    client.logout()
    password_step(client, jember.head)
    for _ in range(4):
        assert client.post(reverse("accounts:login_code"), {"code": "111111"}).status_code == 422
    fifth = client.post(reverse("accounts:login_code"), {"code": "111111"})
    assert fifth["Location"] == reverse("accounts:login")
    assert client.get(reverse("accounts:login_code"))["Location"] == reverse("accounts:login")


def test_a_wrong_enrolment_code_turns_nothing_on(login: Any, jember: Tenant) -> None:
    client = login(jember.bkk)
    client.get(reverse("accounts:two_factor_enrol"))
    response = client.post(reverse("accounts:two_factor_enrol"), {"code": "999999"})
    assert response.status_code == 422
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_turning_it_off_needs_password_and_code(login: Any, jember: Tenant) -> None:
    client = login(jember.analyst)
    device, _codes = enrol(client)
    url = reverse("accounts:two_factor_disable")
    only_code = client.post(url, {"password": "salah", "code": code_for(device, 1)})
    assert only_code.status_code == 422 and TOTPDevice.objects.filter(confirmed=True).exists()
    client.post(url, {"password": PASSWORD, "code": code_for(device, 1)})
    assert not TOTPDevice.objects.exists()
    assert AuditEvent.objects.filter(action="account.two_factor_disabled").exists()


@pytest.mark.parametrize("role", ["alumnus_user", "teacher", "recruiter"])
def test_roles_without_the_option_do_not_see_it(login: Any, jember: Tenant, role: str) -> None:
    client = login(getattr(jember, role))
    assert client.get(reverse("accounts:security")).status_code == 404
    assert client.get(reverse("accounts:two_factor_enrol")).status_code == 404
    assert not TOTPDevice.objects.exists()


def test_staff_see_the_security_link(login: Any, jember: Tenant) -> None:
    page = login(jember.bkk).get(reverse("organisations:members", args=[jember.school.code]))
    assert reverse("accounts:security") in page.content.decode()
    teacher_page = login(jember.teacher).get(reverse("alumni:register", args=[jember.school.code]))
    assert reverse("accounts:security") not in teacher_page.content.decode()


def test_office_resets_a_lost_phone_and_the_person_is_told(
    client: Any, login: Any, jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    enrol(login(jember.head))
    office = login(jember.analyst)
    page = office.get(reverse("organisations:account_security", args=[jember.office.code]))
    assert jember.head.name in page.content.decode()
    url = reverse("organisations:two_factor_reset", args=[jember.office.code, jember.head.code])
    with django_capture_on_commit_callbacks(execute=True):
        assert office.post(url).status_code == 302
    assert not TOTPDevice.objects.filter(user=jember.head).exists()
    event = AuditEvent.objects.get(action="account.two_factor_reset")
    assert event.actor_id == jember.analyst.pk
    assert mail.outbox[-1].to == [jember.head.email]
    assert jember.analyst.name in mail.outbox[-1].body
    office.logout()
    assert password_step(client, jember.head)["Location"] == reverse("home")


def test_office_cannot_reset_the_factor_of_someone_in_another_area(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    enrol(login(bandung.head))
    url = reverse("organisations:two_factor_reset", args=[jember.office.code, bandung.head.code])
    assert login(jember.analyst).post(url).status_code == 404
    assert TOTPDevice.objects.filter(user=bandung.head, confirmed=True).exists()


def test_the_manual_key_matches_the_qr_code(login: Any, jember: Tenant) -> None:
    page = login(jember.bkk).get(reverse("accounts:two_factor_enrol")).content.decode()
    device = TOTPDevice.objects.get()
    from base64 import b32encode

    shown = re.search(r"<code>([A-Z2-7 ]+)</code>", page)
    assert shown and shown.group(1).replace(" ", "") == b32encode(device.bin_key).decode()
