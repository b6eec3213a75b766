"""A real import is one transaction: an error (or a killed worker) midway leaves nothing."""

from __future__ import annotations

import random
from typing import Any

import pytest

from jejak.alumni import importing
from jejak.alumni.models import Alumnus, ImportJob
from jejak.audit.models import AuditEvent
from jejak.demo.dapodik import person_row, write_dapodik_xlsx
from jejak.demo.people import make_person
from jejak.organisations import importing as school_importing
from jejak.organisations.models import Organisation
from jejak.tracer import importing as response_importing
from jejak.tracer.models import Campaign, Response
from tests.conftest import Tenant

pytestmark = pytest.mark.django_db


class Crash(Exception):
    pass


def _fail_on_second_call(original: Any) -> Any:
    calls = []

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            raise Crash
        return original(*args, **kwargs)

    return wrapper


def test_an_alumni_import_that_dies_midway_leaves_nothing(jember: Tenant, monkeypatch: Any) -> None:
    before = Alumnus.objects.count(), AuditEvent.objects.count(), ImportJob.objects.count()
    rng = random.Random(3)
    rows = [person_row(n, make_person(rng, 2025, 300 + n), "XII TKJ 1") for n in range(1, 7)]
    monkeypatch.setattr(importing, "BATCH_SIZE", 2)
    monkeypatch.setattr(
        importing._Upsert, "_create", _fail_on_second_call(importing._Upsert._create)
    )
    with pytest.raises(Crash):
        importing.import_alumni(
            organisation=jember.school, cohort=2025, data=write_dapodik_xlsx(rows),
            filename="dapodik.xlsx",
        )  # fmt: skip
    after = Alumnus.objects.count(), AuditEvent.objects.count(), ImportJob.objects.count()
    assert after == before
    # The same file then imports whole.
    monkeypatch.undo()
    result = importing.import_alumni(
        organisation=jember.school, cohort=2025, data=write_dapodik_xlsx(rows),
        filename="dapodik.xlsx",
    )  # fmt: skip
    assert result.created == 6


def test_a_school_import_that_dies_midway_leaves_nothing(monkeypatch: Any) -> None:
    data = (
        b"npsn;nama;status;kode_wilayah;jurusan\n"
        b"20523101;SMK Negeri 9 Jember;negeri;35.09;TKJ\n"
        b"20523102;SMK PGRI 5 Jember;swasta;35.09;RPL\n"
    )
    monkeypatch.setattr(
        school_importing, "_save_school", _fail_on_second_call(school_importing._save_school)
    )
    with pytest.raises(Crash):
        school_importing.import_schools(office=None, data=data, filename="s.csv")
    assert not Organisation.objects.filter(npsn__in=["20523101", "20523102"]).exists()


def test_a_response_import_that_dies_midway_leaves_nothing(
    jember: Tenant, campaign: Campaign, monkeypatch: Any
) -> None:
    data = (
        "nisn;kegiatan;sumber\n"
        f"{jember.alumnus.nisn};melanjutkan;kertas\n"
        f"{jember.other_alumnus.nisn};melanjutkan;telepon\n"
    ).encode()
    monkeypatch.setattr(
        response_importing,
        "response_save",
        _fail_on_second_call(response_importing.response_save),
    )
    with pytest.raises(Crash):
        response_importing.import_responses(campaign=campaign, data=data, filename="j.csv")
    assert not Response.objects.filter(campaign=campaign).exists()
