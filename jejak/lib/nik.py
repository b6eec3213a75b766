"""The Indonesian NIK (Nomor Induk Kependudukan) and what it says about its holder.

A NIK is 16 digits: PP RR KK DDMMYY NNNN, the province (11..94), regency and district of
first registration, the birth date with 40 added to the day for women, and a serial.
`nik_check` refuses a NIK that cannot be real or that contradicts the birth date or sex
given beside it, with a message that names both sides. Framework-free but for gettext.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container
from dataclasses import dataclass

from django.utils.translation import gettext as _

from jejak.lib.values import ValueProblem, clean_text, is_digits

NIK_LENGTH = 16
MAX_AGE = 100


@dataclass(frozen=True)
class NikFacts:
    """What a NIK encodes: regency code as Kemendagri writes it ("35.09"), birth date, sex."""

    regency_code: str
    birth_date: dt.date
    sex: str  # "L" or "P", as Alumnus.Sex


def nik_text(value: object) -> str:
    """The NIK in a cell as 16 ASCII digits, or ValueProblem.

    Unlike a NISN, a NIK that arrives short is never padded with zeros: it starts with a
    province code (11..94), so no real NIK has a leading zero for a spreadsheet to drop.
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        _refuse_excel_rounding(value)
    raw = clean_text(value)
    if "e+" in raw.lower():
        raise ValueProblem(
            _(
                "NIK tertulis dalam notasi ilmiah (%(value)s), sehingga digit terakhirnya "
                "hilang. Format kolom sebagai Teks lalu ketik ulang NIK-nya."
            )
            % {"value": raw}
        )
    text = raw.lstrip("'").replace(" ", "").replace(".", "").replace("-", "")
    if not text:
        raise ValueProblem(_("NIK wajib diisi."))
    if not is_digits(text):
        raise ValueProblem(_("NIK hanya boleh berisi angka, bukan “%(value)s”.") % {"value": raw})
    if len(text) < NIK_LENGTH:
        raise ValueProblem(
            _(
                "NIK harus 16 digit; yang tertulis %(count)s digit. Ini bukan angka nol di "
                "depan yang hilang: NIK selalu diawali kode provinsi 11 sampai 94, jadi ada "
                "digit yang terlewat. Periksa NIK di KTP atau Kartu Keluarga."
            )
            % {"count": len(text)}
        )
    if len(text) > NIK_LENGTH:
        raise ValueProblem(
            _("NIK harus 16 digit; yang tertulis %(count)s digit.") % {"count": len(text)}
        )
    return text


# Excel keeps 15 significant digits: a 16-digit NIK typed into a number cell is stored with
# its last digit turned to 0, and a double is exact only up to 2**53 (about 9.007e15, below
# Papua's NIKs). A number that ends in 0 or lies beyond 2**53 cannot be trusted; one that
# ends in another digit was written whole (by a program, not typed into Excel).
_EXACT_LIMIT = 2**53


def _refuse_excel_rounding(number: int) -> None:
    if len(str(number)) == NIK_LENGTH and (number % 10 == 0 or number > _EXACT_LIMIT):
        raise ValueProblem(
            _(
                "NIK %(value)s tersimpan sebagai angka, dan Excel hanya menyimpan 15 digit "
                "angka: digit terakhirnya bisa sudah berubah menjadi 0. Format kolom NIK "
                "sebagai Teks, lalu ketik ulang NIK-nya dari KTP atau Kartu Keluarga."
            )
            % {"value": number}
        )


def nik_facts(nik: str, *, regency_codes: Container[str], today: dt.date) -> NikFacts:
    """Decode a 16-digit NIK, or ValueProblem when its region or birth date is impossible.

    `regency_codes` holds the Kemendagri regency codes ("35.09"). The two-digit year takes
    the century that gives an age from 0 to 100 years on `today`, the later when both do.
    """
    regency = f"{nik[:2]}.{nik[2:4]}"
    if regency not in regency_codes:
        raise ValueProblem(
            _(
                "NIK %(nik)s diawali %(prefix)s, yang bukan kode kabupaten/kota Kemendagri; "
                "periksa empat digit pertamanya."
            )
            % {"nik": nik, "prefix": nik[:4]}
        )
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = "P" if day > 40 else "L"
    day = day - 40 if day > 40 else day
    for century in (2000, 1900):
        try:
            born = dt.date(century + year, month, day)
        except ValueError:
            continue  # 29 February exists in 2000 but not in 1900
        if born <= today and _age(born, today) <= MAX_AGE:
            return NikFacts(regency_code=regency, birth_date=born, sex=sex)
    raise ValueProblem(
        _(
            "Digit ke-7 sampai 12 NIK (%(digits)s) bukan tanggal lahir yang mungkin; NIK "
            "menulis tanggal lahir sebagai HHBBTT, dengan hari ditambah 40 untuk perempuan."
        )
        % {"digits": nik[6:12]}
    )


def nik_disagreement(facts: NikFacts, *, birth_date: dt.date | None, sex: str) -> str:
    """The message when the birth date or sex given disagrees with the NIK, else ''."""
    date_differs = birth_date is not None and birth_date != facts.birth_date
    sex_differs = bool(sex) and sex != facts.sex
    if not (date_differs or sex_differs):
        return ""
    said = _("NIK menyatakan %(date)s %(sex)s") % {
        "date": facts.birth_date.strftime("%d-%m-%Y"),
        "sex": sex_word(facts.sex),
    }
    given = []
    if date_differs:
        assert birth_date is not None
        given.append(_("kolom tanggal_lahir %(date)s") % {"date": birth_date.strftime("%d-%m-%Y")})
    if sex_differs:
        given.append(_("kolom jenis_kelamin %(sex)s") % {"sex": sex_word(sex)})
    return f"{said}, {', '.join(given)}."


def nik_check(
    value: object,
    *,
    birth_date: dt.date | None,
    sex: str,
    regency_codes: Container[str],
    today: dt.date,
) -> str:
    """The valid NIK in `value`, agreeing with `birth_date` and `sex` ("L"/"P"); else
    ValueProblem naming what is wrong."""
    nik = nik_text(value)
    facts = nik_facts(nik, regency_codes=regency_codes, today=today)
    if problem := nik_disagreement(facts, birth_date=birth_date, sex=sex):
        raise ValueProblem(problem)
    return nik


def sex_word(sex: str) -> str:
    return _("perempuan") if sex == "P" else _("laki-laki")


def _age(born: dt.date, today: dt.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
