"""Reminders before a tanda daftar runs out: 90, 30 and 7 days before, each once, not after a
new application is with the office, and afresh after a new certificate."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from jejak.organisations.models import Bkk
from jejak.tandadaftar import services
from jejak.tandadaftar.expiry import send_expiry_reminders, step_due
from jejak.tandadaftar.tasks import send_expiry_reminders_round
from tests.bkk_support import labour_analyst
from tests.conftest import Tenant
from tests.test_tandadaftar import issued, submitted

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("days_left", "reminded", "step"),
    [(120, None, None), (90, None, 90), (45, None, 90), (45, 90, None), (30, 90, 30),
     (3, 90, 7), (3, 7, None), (-1, None, None)],
)  # fmt: skip
def test_each_step_is_due_once_and_a_missed_day_catches_up(
    days_left: int, reminded: int | None, step: int | None
) -> None:
    assert step_due(days_left, reminded) == step


def _expiring(jember: Tenant, days: int) -> dt.date:
    today = timezone.localdate()
    issued(jember, issued_on=today - dt.timedelta(days=700),
           valid_until=today + dt.timedelta(days=days))  # fmt: skip
    mail.outbox.clear()
    return today


def test_the_bkk_is_told_once_per_step_until_the_end(
    jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    today = _expiring(jember, 60)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_expiry_reminders(today) == 1
    assert send_expiry_reminders(today) == 0  # the 90-day step went out already
    assert {a for m in mail.outbox for a in m.to} == {jember.bkk.email, jember.head.email}
    assert "60 hari lagi" in mail.outbox[0].body
    assert send_expiry_reminders(today + dt.timedelta(days=31)) == 1  # 29 days left: 30
    assert send_expiry_reminders(today + dt.timedelta(days=55)) == 1  # 5 days left: 7
    assert send_expiry_reminders(today + dt.timedelta(days=59)) == 0
    assert send_expiry_reminders(today + dt.timedelta(days=61)) == 0  # lapsed: no reminder
    assert Bkk.objects.get(organisation=jember.school).registration_reminded_days == 7


def test_a_bkk_whose_new_application_is_with_the_office_is_not_told(jember: Tenant) -> None:
    today = _expiring(jember, 20)
    submitted(jember)
    assert send_expiry_reminders(today) == 0 and not mail.outbox


def test_a_new_certificate_starts_the_reminders_afresh(jember: Tenant) -> None:
    today = _expiring(jember, 20)
    assert send_expiry_reminders(today) == 1
    services.application_issue(
        application=submitted(jember), office=jember.labour_office,
        actor=labour_analyst(jember), number="562/002/35.09/2026", issued_on=today,
        valid_until=today + dt.timedelta(days=80),
    )  # fmt: skip
    assert Bkk.objects.get(organisation=jember.school).registration_reminded_days is None
    assert send_expiry_reminders_round.call() == 1  # the scheduler's daily task, today


def test_a_tanda_daftar_without_an_end_date_is_never_reminded(jember: Tenant) -> None:
    issued(jember, valid_until=None)
    assert send_expiry_reminders(timezone.localdate()) == 0


def test_the_bkk_page_says_how_many_days_are_left(login: Any, jember: Tenant) -> None:
    from django.urls import reverse

    _expiring(jember, 20)
    page = login(jember.bkk).get(reverse("tandadaftar:home", args=[jember.school.code]))
    assert "berakhir dalam 20 hari" in page.content.decode()
