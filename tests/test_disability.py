"""Disability as UU 8/2016 counts it: Dapodik codes that are not disabilities are not counted,
G (tuna ganda) is known, every code has its Pasal 4 category."""

from __future__ import annotations

import datetime as dt

import pytest

from jejak.bkkreports.generate import placements
from jejak.bkkreports.periods import Period
from jejak.indicators.reading import load_rows
from jejak.reference.disability import (
    category_of,
    disability_category,
    has_disability,
    is_disability,
)
from jejak.reference.models import Disability
from tests.bkk_support import alumnus, placement
from tests.conftest import Tenant
from tests.test_import_alumni import TEMPLATE_COLUMNS, _template_row, run

pytestmark = pytest.mark.django_db

NOT_DISABILITIES = ["I", "J", "N", "O"]  # cerdas/bakat istimewa, narkoba, indigo


@pytest.mark.parametrize("code", NOT_DISABILITIES)
def test_special_needs_that_are_not_disabilities_are_not_counted(code: str) -> None:
    assert not is_disability(code) and disability_category(code) == ""
    assert not has_disability(code)


@pytest.mark.parametrize(
    ("code", "category"),
    [("A", "sensorik"), ("B", "sensorik"), ("F", "sensorik"), ("C", "intelektual"),
     ("P", "intelektual"), ("D", "fisik"), ("D1", "fisik"), ("E", "mental"), ("Q", "mental"),
     ("H", "mental"), ("G", "ganda"), ("g", "ganda")],
)  # fmt: skip
def test_each_disability_code_has_its_uu_8_2016_category(code: str, category: str) -> None:
    assert disability_category(code) == category and is_disability(code)


def test_a_person_with_codes_of_two_categories_counts_as_ganda() -> None:
    assert category_of("A,D") == "ganda"
    assert category_of("D,D1") == "fisik"
    assert category_of("I,D") == "fisik"  # cerdas istimewa adds nothing
    assert category_of("I") == "" and has_disability("I,D")


def test_reference_table_knows_tuna_ganda_with_its_category() -> None:
    assert Disability.objects.get(code="G").category == "ganda"
    assert Disability.objects.get(code="I").category == ""


def test_import_accepts_tuna_ganda(jember: Tenant) -> None:
    lines = [";".join(TEMPLATE_COLUMNS), ";".join(_template_row(kebutuhan_khusus="G"))]
    result = run(jember, "\n".join(lines).encode(), "alumni.csv")
    assert result.rejected == 0, result.errors


def test_indicator_rows_count_only_disabilities(jember: Tenant) -> None:
    gifted = alumnus(jember, "Ani", disability="I")
    blind = alumnus(jember, "Budi", disability="A")
    assert gifted.cohort == blind.cohort
    flags = [r.disability for r in load_rows([jember.school], gifted.cohort)]
    assert flags.count(True) == 1


def test_the_placed_list_flags_only_disabilities(jember: Tenant) -> None:
    placement(alumnus(jember, "Ani", sex="P", disability="I"), dt.date(2026, 3, 2))
    placement(alumnus(jember, "Cici", sex="P", disability="G"), dt.date(2026, 3, 3))
    rows = placements(jember.school, Period("month", dt.date(2026, 3, 1)))
    assert {row["nama"]: row["disability"] for row in rows} == {"Ani": False, "Cici": True}
