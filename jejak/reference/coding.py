"""Reference codes as people write them in spreadsheets: education levels, KBJI 2014 job codes
and KBLI 2020 industry codes. Each parser returns the canonical value or raises ValueProblem
with a message naming what was written and what is expected."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from django.utils.translation import gettext as _

from jejak.lib.values import ValueProblem, clean_text, is_digits
from jejak.reference.kbli import kbli_problem, kbli_section
from jejak.reference.models import EducationLevel, Occupation

_EDUCATION_WORDS = {
    "sd": "SD", "mi": "SD", "sekolah dasar": "SD", "smp": "SMP", "mts": "SMP", "sltp": "SMP",
    "sma": "SMA", "ma": "SMA", "sma/ma": "SMA", "smk": "SMK", "mak": "SMK", "smk/mak": "SMK",
    "d1": "D1", "d-i": "D1", "di": "D1", "diploma i": "D1", "diploma 1": "D1",
    "d2": "D2", "d-ii": "D2", "dii": "D2", "diploma ii": "D2", "diploma 2": "D2",
    "d3": "D3", "d-iii": "D3", "diii": "D3", "diploma iii": "D3", "diploma 3": "D3",
    "d4": "D4/S1", "d-iv": "D4/S1", "div": "D4/S1", "s1": "D4/S1", "d4/s1": "D4/S1",
    "s-1": "D4/S1", "sarjana": "D4/S1", "s2": "S2", "s-2": "S2", "magister": "S2",
    "s3": "S3", "s-3": "S3", "doktor": "S3",
}  # fmt: skip


def parse_education(value: Any) -> str:
    """An EducationLevel value from 'SMK', 'smk', 'D-III', 'S1', 'D4/S1'... SMA and SMK stay
    apart (the labour office's tables count them apart), so 'SLTA' is refused."""
    key = re.sub(r"\s+", " ", clean_text(value).lower().replace(".", ""))
    if not key:
        raise ValueProblem(_("Pendidikan wajib diisi (SD, SMP, SMA, SMK, D1-D3, D4/S1, S2, S3)."))
    if key in _EDUCATION_WORDS:
        return EducationLevel(_EDUCATION_WORDS[key]).value
    raise ValueProblem(
        _("Pendidikan “%(value)s” tidak dikenal; isi salah satu: %(levels)s.")
        % {"value": clean_text(value), "levels": ", ".join(EducationLevel.values)}
    )


@cache
def _occupation_codes() -> frozenset[str]:
    return frozenset(Occupation.objects.values_list("code", flat=True))


def forget_cached_codes() -> None:
    """After reference data changes (tests load it per database)."""
    _occupation_codes.cache_clear()


def parse_kbji(value: Any) -> str:
    """A KBJI 2014 code Jejak knows (golongan pokok '7' down to the unit group '7231'), or ''
    for an empty cell."""
    text = clean_text(value).replace(".", "").replace(" ", "")
    if not text:
        return ""
    if not is_digits(text) or text not in _occupation_codes():
        raise ValueProblem(
            _("Kode KBJI “%(value)s” tidak dikenal; isi kode KBJI 2014 (1-4 angka, misalnya 7231).")
            % {"value": clean_text(value)}
        )
    return text


def parse_kbji_list(value: Any) -> list[str]:
    """Several KBJI codes in one cell, separated by commas, semicolons or slashes."""
    parts = [part for part in re.split(r"[,;/]", clean_text(value)) if part.strip()]
    return list(dict.fromkeys(parse_kbji(part) for part in parts))


def parse_kbli(value: Any) -> tuple[str, str]:
    """(code as written, its KBLI 2020 section) from '47111', '47', '47.111' or a section letter
    'G'; ('', '') for an empty cell. The rules are jejak.reference.kbli's."""
    text = clean_text(value).replace(".", "").replace(" ", "").upper()
    if not text:
        return "", ""
    section = kbli_section(text)
    if section is None:
        raise ValueProblem(kbli_problem(text) or "")
    return text, section


def parse_regency(value: Any, codes: set[str]) -> str:
    """A Kemendagri regency code ('35.09' or '3509'); '' for an empty cell."""
    text = clean_text(value).replace(" ", "")
    if not text:
        return ""
    if len(text) == 4 and is_digits(text):
        text = f"{text[:2]}.{text[2:]}"
    if text not in codes or len(text) != 5:
        raise ValueProblem(
            _("Kode wilayah “%(value)s” bukan kode kabupaten/kota Kemendagri (contoh: 35.09).")
            % {"value": clean_text(value)}
        )
    return text
