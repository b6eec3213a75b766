"""What an office sees, and that each office page says so.

The isolation walk (tests/test_isolation.py) pins which pages answer 404; these tests pin what
the open pages show: the labour office's by-name list, the education office's counts only, no
applicants for either, and the sentence and list that tell the analyst.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from jejak.accounts.access import EDUCATION_READER, LABOUR_READER, organisation_access
from jejak.bkkreports.periods import Period
from jejak.jobs.services import application_submit
from tests.bkk_support import alumnus, labour_analyst, placement, submitted
from tests.conftest import Tenant
from tests.jobs_factories import post, vet

pytestmark = pytest.mark.django_db

MARCH = Period("month", dt.date(2026, 3, 1))


def _report_url(t: Tenant) -> str:
    placement(alumnus(t, "Ani Placed", nisn="3500000099"), dt.date(2026, 3, 10))
    report = submitted(t, MARCH)
    return reverse("bkkreports:report", args=[t.school.code, report.code])


def test_each_office_reads_a_school_through_its_own_reader_role(jember: Tenant) -> None:
    assert organisation_access(jember.analyst, jember.school.code).roles == {EDUCATION_READER}
    labour = organisation_access(labour_analyst(jember), jember.school.code)
    assert labour.roles == {LABOUR_READER} and labour.through_office == jember.labour_office


def test_labour_office_sees_placed_alumni_by_name_and_address(login: Any, jember: Tenant) -> None:
    url = _report_url(jember)
    page = login(labour_analyst(jember)).get(url).content.decode()
    assert "Ani Placed" in page and "Jl. Ani Placed 1" in page
    assert "Sebagai dinas tenaga kerja" in page


def test_education_office_sees_the_report_tables_but_no_names(login: Any, jember: Tenant) -> None:
    url = _report_url(jember)
    page = login(jember.analyst).get(url).content.decode()
    assert "III/8" in page and "1 alumni ditempatkan" in page
    assert "Ani Placed" not in page and "Jl. Ani Placed 1" not in page
    assert "ipk3.xlsx" not in page  # no link to a file it may not open
    assert "Sebagai cabang dinas pendidikan" in page


def test_offices_see_a_vacancy_but_not_who_applied(login: Any, jember: Tenant) -> None:
    vet(jember)
    vacancy = post(jember)
    application_submit(vacancy=vacancy, alumnus=jember.alumnus, actor=jember.alumnus_user)
    url = reverse("jobs:detail", args=[jember.school.code, vacancy.code])
    bkk_page = login(jember.bkk).get(url).content.decode()
    assert jember.alumnus.name in bkk_page
    for person in (jember.analyst, labour_analyst(jember)):
        page = login(person).get(url).content.decode()
        assert vacancy.title in page and jember.alumnus.name not in page


def test_school_summary_for_an_office_has_counts_without_links_to_the_register(
    login: Any, jember: Tenant
) -> None:
    page = login(jember.analyst).get(reverse("organisations:home", args=[jember.school.code]))
    text = page.content.decode()
    assert "2025" in text
    assert reverse("alumni:register", args=[jember.school.code]) not in text


def test_the_office_data_page_lists_what_each_office_sees_and_does_not(
    login: Any, jember: Tenant
) -> None:
    def sections(person: Any, office: Any) -> tuple[str, str]:
        page = login(person).get(reverse("organisations:office_data", args=[office.code]))
        seen, unseen = page.content.decode().split("Yang tidak ditampilkan")
        return seen, unseen

    seen, unseen = sections(labour_analyst(jember), jember.labour_office)
    assert "Daftar nama dan alamat alumni yang ditempatkan" in seen
    assert "Register alumni" in unseen and "Pelamar lowongan" in unseen
    seen, unseen = sections(jember.analyst, jember.office)
    assert "Indikator sekolah" in seen
    assert "Daftar nama dan alamat alumni yang ditempatkan" in unseen
    assert "Register alumni" in unseen


def test_the_office_home_says_what_the_office_sees(login: Any, jember: Tenant) -> None:
    page = login(labour_analyst(jember)).get(
        reverse("organisations:home", args=[jember.labour_office.code])
    )
    text = page.content.decode()
    assert "data kontak alumni tidak ditampilkan" in text
    assert reverse("organisations:office_data", args=[jember.labour_office.code]) in text


def test_a_school_member_gets_no_office_notice(login: Any, jember: Tenant) -> None:
    page = login(jember.bkk).get(reverse("organisations:home", args=[jember.school.code]))
    assert "office-scope" not in page.content.decode()
