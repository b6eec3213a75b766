"""Suggesting a KBJI group from a job title and a KBLI code for a company."""

from __future__ import annotations

import datetime as dt

import pytest

from jejak.companies.models import CompanyInfo
from jejak.jobs.services import placement_record
from jejak.reference.classify import normalise_title, suggest_kbji, suggest_kbli
from jejak.reference.kbli import kbli_section
from jejak.reference.models import Industry, Region
from tests.conftest import Tenant
from tests.jobs_factories import some_application

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Op. Produksi", "operator produksi"),
        ("ADM Gudang", "administrasi gudang"),
        ("Staff CS", "staf customer service"),
        ("Karyawan bagian QC", "quality control"),
        ("Driver ojol", "driver ojek online"),
    ],
)
def test_titles_are_normalised_the_indonesian_way(text: str, expected: str) -> None:
    assert normalise_title(text) == expected


@pytest.mark.parametrize(
    ("title", "unit_group"),
    [
        ("Operator Produksi", "8189"),
        ("op. produksi", "8189"),
        ("Operator CNC", "7223"),
        ("Operator Forklift", "8344"),
        ("Adm gudang", "4321"),
        ("staff admin", "4110"),
        ("Kasir", "5230"),
        ("Kasir Indomaret", "5230"),
        ("Barista", "5132"),
        ("Welder", "7212"),
        ("tukang las", "7212"),
        ("Mekanik sepeda motor", "7231"),
        ("Teknisi AC", "7127"),
        ("Teknisi jaringan komputer", "3513"),
        ("Programmer", "2514"),
        ("Pengembang Perangkat Lunak", "2512"),
        ("Software Developer", "2512"),
        ("Satpam", "5414"),
        ("Pramuniaga", "5223"),
        ("Juru masak hotel", "5120"),
        ("Driver ojol", "8321"),
        ("Perakit elektronik", "8212"),
    ],
)
def test_real_titles_suggest_their_unit_group_first(title: str, unit_group: str) -> None:
    suggestions = suggest_kbji(title)
    assert suggestions, title
    assert suggestions[0][0].code == unit_group, [(o.code, s) for o, s in suggestions]


@pytest.mark.parametrize(
    ("title", "major_group"),
    [("guru SMK", "2"), ("polisi", "0"), ("buruh tani", "9"), ("tukang kayu", "7")],
)
def test_titles_suggest_their_major_group(title: str, major_group: str) -> None:
    assert suggest_kbji(title)[0][0].code[0] == major_group


def test_suggestions_are_distinct_ranked_and_limited() -> None:
    suggestions = suggest_kbji("teknisi", limit=4)
    assert len(suggestions) == 4
    codes = [occupation.code for occupation, _score in suggestions]
    scores = [score for _occupation, score in suggestions]
    assert len(set(codes)) == 4
    assert scores == sorted(scores, reverse=True)
    assert all(60 <= score <= 100 for score in scores)


@pytest.mark.parametrize("title", ["", "   ", "xyz qwerty", "!!!"])
def test_nonsense_suggests_nothing(title: str) -> None:
    assert suggest_kbji(title) == []


def test_a_company_with_nothing_recorded_has_no_kbli(jember: Tenant) -> None:
    assert suggest_kbli(jember.company) is None


def test_a_stored_kbli_wins_and_is_cleaned(jember: Tenant) -> None:
    # CompanyInfo has no KBLI field yet; the helper reads one as soon as the company app adds it.
    company = jember.company
    info = CompanyInfo.objects.create(organisation=company, nib="1234567890123")
    info.kbli = "47.111"  # type: ignore[attr-defined]
    assert suggest_kbli(company) == "47111"
    info.kbli = "34000"  # type: ignore[attr-defined]  # no such division: not suggested
    assert suggest_kbli(company) is None


def test_else_the_section_of_the_latest_placement_at_its_vacancies(jember: Tenant) -> None:
    application = some_application(jember)
    for start, section in ((dt.date(2026, 1, 5), "C"), (dt.date(2026, 6, 1), "G")):
        placement_record(
            school=jember.school, alumnus=jember.alumnus, actor=jember.bkk,
            recorded_by_org=jember.school, employer="PT Sinar", start_date=start,
            work_region=Region.objects.get(code=jember.region),
            industry=Industry.objects.get(code=section),
            application=application if section == "G" else None,
        )  # fmt: skip
    suggested = suggest_kbli(jember.company)
    assert suggested == "G"
    assert kbli_section(suggested) == "G"
