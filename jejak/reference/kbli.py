"""KBLI 2020 codes as companies carry them: a 5-digit kelompok (OSS/NIB), a division or a section.

The divisions (golongan pokok 01-99) and their sections come from `data/kbli_2020_divisions.csv`
(Peraturan BPS Nomor 2 Tahun 2020), read once per process; nothing here touches the database.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from jejak.reference.loading import read_data_file

DIVISIONS_FILE = "kbli_2020_divisions.csv"


@dataclass(frozen=True)
class Division:
    """A KBLI 2020 golongan pokok: `code` '47', `section` 'G', its Indonesian `name`."""

    code: str
    section: str
    name: str


@functools.cache
def divisions() -> dict[str, Division]:
    """Every KBLI 2020 division by its 2-digit code, in code order."""
    return {
        row["code"]: Division(code=row["code"], section=row["section"], name=row["name"])
        for row in read_data_file(DIVISIONS_FILE)
    }


@functools.cache
def sections() -> frozenset[str]:
    return frozenset(division.section for division in divisions().values())


def _clean(code: str) -> str:
    # OSS prints "47111", people type "47.111" or "4711 1"; the digits are what count.
    text = code.strip().upper()
    return text.replace(".", "").replace(" ", "") if not text.isalpha() else text


def kbli_problem(code: str) -> str | None:
    """Why `code` is no KBLI 2020 code Jejak can place, or None when it is one.

    Accepts a section letter ('G'), a division ('47') or a code of 3 to 5 digits ('47111')
    whose first two digits are a KBLI 2020 division.
    """
    text = _clean(code)
    if not text:
        return gettext("Kode KBLI kosong.")
    if text.isalpha():
        if text in sections():
            return None
        return gettext("“%(code)s” bukan kategori KBLI 2020 (A sampai U).") % {"code": code}
    if not (text.isascii() and text.isdigit()) or not 2 <= len(text) <= 5:
        return gettext(
            "“%(code)s” bukan kode KBLI: tulis 5 angka seperti di NIB (misalnya 47111), "
            "2 angka golongan pokok, atau huruf kategori."
        ) % {"code": code}
    if text[:2] not in divisions():
        return gettext("Golongan pokok KBLI 2020 “%(division)s” (dari “%(code)s”) tidak ada.") % {
            "division": text[:2],
            "code": code,
        }
    return None


def kbli_division(code: str) -> Division | None:
    """The division of a numeric KBLI code ('47111' or '47'), or None when it has none."""
    text = _clean(code)
    if text.isalpha() or kbli_problem(code) is not None:
        return None
    return divisions()[text[:2]]


def kbli_section(code: str) -> str | None:
    """The KBLI 2020 section letter of '47111', '47' or 'G' (-> 'G'); None when not valid."""
    text = _clean(code)
    if kbli_problem(code) is not None:
        return None
    return text if text.isalpha() else divisions()[text[:2]].section


def validate_kbli(code: str) -> None:
    """Form/model validator: raises ValidationError with the reason `code` is not KBLI 2020."""
    problem = kbli_problem(code)
    if problem is not None:
        raise ValidationError(problem, code="kbli")
