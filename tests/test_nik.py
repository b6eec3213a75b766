"""NIK validation: length, region, encoded birth date and sex, century."""

from __future__ import annotations

import datetime as dt

import pytest

from jejak.lib.nik import nik_check, nik_facts, nik_text
from jejak.lib.values import ValueProblem

TODAY = dt.date(2026, 6, 1)
REGENCIES = {"35.09", "32.04"}


def check(value: object, birth: dt.date | None = None, sex: str = "") -> str:
    return nik_check(value, birth_date=birth, sex=sex, regency_codes=REGENCIES, today=TODAY)


def test_a_woman_has_forty_added_to_her_birth_day() -> None:
    facts = nik_facts("3509015203010002", regency_codes=REGENCIES, today=TODAY)
    assert (facts.regency_code, facts.birth_date, facts.sex) == ("35.09", dt.date(2001, 3, 12), "P")
    assert check("3509015203010002", dt.date(2001, 3, 12), "P") == "3509015203010002"


def test_a_man_keeps_the_day_as_it_is() -> None:
    facts = nik_facts("3204121708990001", regency_codes=REGENCIES, today=TODAY)
    assert (facts.birth_date, facts.sex) == (dt.date(1999, 8, 17), "L")


def test_birth_date_disagreeing_names_both_dates() -> None:
    with pytest.raises(ValueProblem) as problem:
        check("3509015203010002", dt.date(2001, 3, 13), "P")
    assert str(problem.value) == (
        "NIK menyatakan 12-03-2001 perempuan, kolom tanggal_lahir 13-03-2001."
    )


def test_sex_disagreeing_names_both_sexes() -> None:
    with pytest.raises(ValueProblem) as problem:
        check("3509015203010002", dt.date(2001, 3, 12), "L")
    assert str(problem.value) == (
        "NIK menyatakan 12-03-2001 perempuan, kolom jenis_kelamin laki-laki."
    )


def test_unknown_regency_is_refused() -> None:
    with pytest.raises(ValueProblem, match=r"3599.*bukan kode kabupaten"):
        check("3599015203010002")


def test_impossible_birth_date_is_refused() -> None:
    with pytest.raises(ValueProblem, match="320201"):
        check("3509013202010002")  # day 32: neither a man's day nor a woman's (72+)


def test_fifteen_digits_are_not_a_lost_leading_zero() -> None:
    with pytest.raises(ValueProblem) as problem:
        check(350901520301000)  # a number cell: a spreadsheet would have kept no zero anyway
    message = str(problem.value)
    assert "15 digit" in message and "bukan angka nol di depan yang hilang" in message
    assert "11 sampai 94" in message


def test_seventeen_digits_and_letters_are_refused() -> None:
    with pytest.raises(ValueProblem, match="17 digit"):
        nik_text("35090152030100021")
    with pytest.raises(ValueProblem, match="hanya boleh berisi angka"):
        nik_text("3509O15203010002")
    with pytest.raises(ValueProblem, match="angka"):
        nik_text("\uff13" * 16)  # full-width digits are not ASCII


def test_excel_number_and_scientific_notation() -> None:
    assert nik_text(3509015203010002.0) == "3509015203010002"
    assert nik_text(3509015203010002) == "3509015203010002"
    assert nik_text("3509015203010010") == "3509015203010010"  # text keeps every digit
    with pytest.raises(ValueProblem, match="notasi ilmiah"):
        nik_text("3.50902E+15")


@pytest.mark.parametrize(
    "number",
    [3509015203010000.0,  # typed into Excel: the 16th digit was kept as 0
     9171015203010003.0, 9171015203010003],  # Papua (91): beyond a double's exact integers
)  # fmt: skip
def test_a_nik_excel_may_have_rounded_is_refused_with_what_to_do(number: float) -> None:
    with pytest.raises(ValueProblem, match="Format kolom NIK sebagai Teks"):
        nik_text(number)


def test_century_makes_the_age_plausible() -> None:
    # 15-05-30: 2030 is in the future, so 1930 (96 years old).
    assert nik_facts("3509011505300001", regency_codes=REGENCIES, today=TODAY).birth_date == (
        dt.date(1930, 5, 15)
    )
    # 15-05-24: 2024 (2 years old) rather than 1924 (102).
    assert nik_facts("3509011505240001", regency_codes=REGENCIES, today=TODAY).birth_date == (
        dt.date(2024, 5, 15)
    )
