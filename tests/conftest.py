"""Shared fixtures: named people in two schools of two regions, so isolation is tested where
it can break (pretix and healthchecks do the same)."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone, translation

from jejak import messaging
from jejak.accounts.models import Membership, Role, User
from jejak.alumni.models import Alumnus, SchoolClass
from jejak.organisations.models import Bkk, Organisation
from jejak.reference.lookup import find_major_id, major_lookup_table
from jejak.reference.models import Region
from jejak.tracer import services as tracer_services
from jejak.tracer.models import Campaign

PASSWORD = "kata-sandi-uji-123"


def main_text(html: str) -> str:
    """What a page says (its <main>, CSRF tokens blanked): each response masks its token
    differently, and the header carries the page's own address for the language switch."""
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r'(csrfmiddlewaretoken" value=")[^"]+', r"\1", main)


@pytest.fixture(autouse=True)
def _fast_and_immediate(settings: Any, tmp_path: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = settings.PRIVATE_MEDIA_ROOT  # default storage, as in settings.py
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SMS_BACKEND = ""  # no text channel unless a test configures one
    messaging.outbox.clear()
    cache.clear()  # rate-limit counters must not leak from one test into the next


@pytest.fixture(autouse=True)
def _one_rate_limit_window(monkeypatch: Any) -> None:
    """Every rate-limit window starts where it stood when the test began: a test's requests
    never straddle a minute boundary on a slow machine and find their count reset. A test
    about windows sets its own `_window_start`."""
    from jejak.ratelimit import limiter

    began = time.time()
    monkeypatch.setattr(limiter, "_window_start", lambda seconds: int(began // seconds) * seconds)


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """A request in English leaves English active in the thread; the next test starts over."""
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@dataclass
class Tenant:
    """One school with its office and a person in every role."""

    region: str
    office: Organisation
    labour_office: Organisation
    school: Organisation
    company: Organisation
    blk: Organisation
    analyst: User
    bkk: User
    head: User
    teacher: User
    alumnus_user: User
    recruiter: User
    blk_admin: User
    own_class: SchoolClass
    other_class: SchoolClass
    alumnus: Alumnus  # in own_class
    other_alumnus: Alumnus  # in other_class
    blk_alumnus: Alumnus


def _user(label: str) -> User:
    return User.objects.create_user(
        email=f"{label}@example.id", name=label.title(), password=PASSWORD
    )


def ensure_reference_data() -> None:
    """Transactional tests (live server, worker) end with a flush that empties every table,
    the migrated reference data included; put it back when it is gone."""
    if not Region.objects.exists():
        call_command("load_reference", stdout=StringIO())


def make_tenant(prefix: str, regency: str, npsn: str) -> Tenant:
    ensure_reference_data()
    office = Organisation.objects.create(
        kind=Organisation.Kind.EDUCATION_OFFICE, name=f"Cabdin {prefix}", region_id=regency
    )
    office.area.set([regency])
    labour = Organisation.objects.create(
        kind=Organisation.Kind.LABOUR_OFFICE, name=f"Disnaker {prefix}", region_id=regency
    )
    labour.area.set([regency])
    school = Organisation.objects.create(
        kind=Organisation.Kind.SCHOOL, name=f"SMK {prefix}", region_id=regency, npsn=npsn,
        status="negeri",
    )  # fmt: skip
    Bkk.objects.create(organisation=school)
    company = Organisation.objects.create(
        kind=Organisation.Kind.COMPANY, name=f"PT {prefix}", region_id=regency
    )
    blk = Organisation.objects.create(
        kind=Organisation.Kind.TRAINING_CENTRE, name=f"BLK {prefix}", region_id=regency
    )
    tkj = find_major_id("TKJ", major_lookup_table())
    own = SchoolClass.objects.create(
        organisation=school, cohort=2025, name="XII TKJ 1", major_id=tkj
    )
    other = SchoolClass.objects.create(
        organisation=school, cohort=2025, name="XII TKJ 2", major_id=tkj
    )

    def alumnus(org: Organisation, nisn: str, name: str, klass: SchoolClass | None) -> Alumnus:
        return Alumnus.objects.create(
            organisation=org, nisn=nisn, name=name, sex="P", cohort=2025, major_id=tkj,
            school_class=klass, birth_date=dt.date(2007, 8, 17), phone="+6281234567890",
        )  # fmt: skip

    labels = ["analyst", "bkk", "head", "teacher", "alumnus", "recruiter", "blkadmin"]
    people = {label: _user(f"{prefix}-{label}") for label in labels}
    a1 = alumnus(school, npsn[:2] + "00000001", f"Siti {prefix}", own)
    a2 = alumnus(school, npsn[:2] + "00000002", f"Budi {prefix}", other)
    a3 = alumnus(blk, "", f"Peserta {prefix}", None)
    own.homeroom_teacher = people["teacher"]
    own.save()
    for user, org, role, record in [
        (people["analyst"], office, Role.OFFICE_ANALYST, None),
        (people["bkk"], school, Role.BKK_OFFICER, None),
        (people["head"], school, Role.SCHOOL_HEAD, None),
        (people["teacher"], school, Role.HOMEROOM_TEACHER, None),
        (people["alumnus"], school, Role.ALUMNUS, a1),
        (people["recruiter"], company, Role.RECRUITER, None),
        (people["blkadmin"], blk, Role.BLK_ADMIN, None),
    ]:
        Membership.objects.create(user=user, organisation=org, role=role, alumnus=record)
    return Tenant(
        region=regency, office=office, labour_office=labour, school=school, company=company,
        blk=blk, analyst=people["analyst"], bkk=people["bkk"], head=people["head"],
        teacher=people["teacher"], alumnus_user=people["alumnus"], recruiter=people["recruiter"],
        blk_admin=people["blkadmin"], own_class=own, other_class=other, alumnus=a1,
        other_alumnus=a2, blk_alumnus=a3,
    )  # fmt: skip


@pytest.fixture
def jember(db: Any) -> Tenant:
    return make_tenant("Jember", "35.09", "20523001")


def running_campaign(tenant: Tenant) -> Campaign:
    """A tracer campaign running now for the tenant's 2025 cohort, opened by its BKK."""
    today = timezone.localdate()
    return tracer_services.campaign_open(
        owner=tenant.school, school=tenant.school, cohorts=[2025],
        start=today - dt.timedelta(days=1), end=today + dt.timedelta(days=30), actor=tenant.bkk,
    )  # fmt: skip


@pytest.fixture
def campaign(jember: Tenant) -> Campaign:
    return running_campaign(jember)


@pytest.fixture
def bandung(db: Any) -> Tenant:
    return make_tenant("Bandung", "32.04", "20201001")


@pytest.fixture
def login(client: Any) -> Any:
    def as_user(user: User) -> Any:
        client.force_login(user)
        return client

    return as_user


def numbers(figure: dict) -> dict:
    """A rate's value, numerator and denominator, without its definition line."""
    return {k: figure[k] for k in ("value", "numerator", "denominator")}


def without_definition(figure: dict) -> dict:
    """A figure as the JSON carries it, less its one-line definition."""
    return {k: v for k, v in figure.items() if k != "definition"}
