"""Value problems speak the active language: Indonesian by default, English when chosen.

The parsers translate their messages when they raise, so an import run in English reports
its rows in English. Each case below fails if its message loses its gettext marking (the
English would then never appear) or its catalogue entry.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import translation

from jejak.lib.tabular import UnreadableFile, read_rows
from jejak.lib.values import (
    ValueProblem,
    parse_date,
    parse_email,
    parse_nik,
    parse_nisn,
    parse_phone_number,
    parse_sex,
)

# (parse, its bad value, the Indonesian message, the English message)
CASES: list[tuple[Callable[[object], object], object, str, str]] = [
    (
        parse_nisn,
        "12345",
        "NISN harus 10 digit; yang tertulis 5 digit.",
        "NISN must be 10 digits long; the cell has 5.",
    ),
    (parse_nisn, "", "NISN wajib diisi.", "The NISN is required."),
    (
        parse_nik,
        "0009015708060001",
        "NIK tidak valid: dua digit pertamanya bukan kode provinsi.",
        "Invalid NIK: its first two digits are not a province code.",
    ),
    (
        parse_sex,
        "X",
        "Jenis kelamin “X” tidak dikenal; isi L atau P.",
        "Sex “X” is not known; enter L or P.",
    ),
    (
        parse_email,
        "siti@",
        "Alamat email “siti@” tidak valid.",
        "Email address “siti@” is not valid.",
    ),
    (
        parse_date,
        "kemarin",
        "Tanggal “kemarin” tidak terbaca; tulis seperti 17-08-2006 atau 17 Agustus 2006.",
        "Date “kemarin” cannot be read; write it like 17-08-2006 or 17 Agustus 2006.",
    ),
    (
        parse_date,
        "31-02-2006",
        "Tanggal “31-02-2006” tidak ada di kalender.",
        "The date “31-02-2006” does not exist in the calendar.",
    ),
    (
        parse_phone_number,
        "0812",
        "Nomor telepon “0812” tidak valid: Nomor HP harus 10–13 digit (termasuk 0 di depan).",
        "Phone number “0812” is not valid: A mobile number must have 10–13 digits "
        "(including the leading 0).",
    ),
]


def _problem(parse: Callable[[object], object], value: object) -> str:
    with pytest.raises(ValueProblem) as problem:
        parse(value)
    return str(problem.value)


@pytest.mark.parametrize(
    ("parse", "value", "indonesian", "english"),
    CASES,
    ids=[f"{parse.__name__}({value!r})" for parse, value, *_ in CASES],
)
def test_value_problems_follow_the_active_language(
    parse: Callable[[object], object], value: object, indonesian: str, english: str
) -> None:
    with translation.override("en"):
        assert _problem(parse, value) == english
    with translation.override("id"):
        assert _problem(parse, value) == indonesian


def test_english_and_indonesian_differ_for_several_messages() -> None:
    """At least two different messages really change language, so no case passes by
    accident (an English text that happens to equal the Indonesian one)."""
    changed = set()
    for parse, value, _indonesian, _english in CASES:
        with translation.override("en"):
            in_english = _problem(parse, value)
        with translation.override("id"):
            in_indonesian = _problem(parse, value)
        if in_english != in_indonesian:
            changed.add(in_english)
    assert len(changed) >= 2


def test_a_caller_label_goes_in_as_given() -> None:
    with translation.override("en"):
        message = _problem(lambda value: parse_date(value, "Tanggal lahir"), "kemarin")
    assert message.startswith("Tanggal lahir “kemarin” cannot be read;")


def test_unreadable_file_follows_the_active_language() -> None:
    with translation.override("en"), pytest.raises(UnreadableFile) as problem:
        read_rows(b"", "alumni.csv")
    assert str(problem.value) == "The file is empty; there is nothing to import."
    with translation.override("id"), pytest.raises(UnreadableFile) as problem:
        read_rows(b"", "alumni.csv")
    assert str(problem.value) == "Berkas kosong; tidak ada yang bisa diimpor."
