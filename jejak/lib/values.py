"""Parse the values that arrive in Indonesian school spreadsheets, in every usual form.

Each parser takes what a cell held (str, int, float, date or None) and returns the clean
value, or raises `ValueProblem` with a plain message for the person fixing the row. The
messages are translated here, with gettext, in the language active when the problem is
raised: Indonesian (the source language, and that of the people who read import reports)
unless a request or `translation.override` chose another. A field name the caller passes in
(`parse_date(value, "Tanggal lahir")`) goes into the message as given.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import NoReturn

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from lokal import parse_phone


class ValueProblem(ValueError):
    """A cell's value could not be understood; the message says why, in Indonesian."""


_SPACES = re.compile(r"\s+")


def is_digits(text: str) -> bool:
    """Whether `text` is ASCII digits only. `str.isdigit` also takes "²" and "①", which
    `int()` and `float()` refuse (a crash where a row error was due) and which no NISN, NIK,
    amount or count is written with."""
    return text.isascii() and text.isdigit()


def clean_text(value: object) -> str:
    """A cell as trimmed text; numbers that Excel stored as floats lose their `.0`."""
    if value is None:
        return ""
    if isinstance(value, str):
        text = value.strip()
    elif isinstance(value, float) and value.is_integer():
        return str(int(value))
    else:
        text = str(value).strip()
    # Most cells are clean; only run the regex when there is whitespace to fold.
    if "  " in text or "\n" in text or "\t" in text or "\xa0" in text or "\r" in text:
        return _SPACES.sub(" ", text)
    return text


# --- NISN, NIK ------------------------------------------------------------------------------

_SCIENTIFIC = re.compile(r"^\d+([.,]\d+)?[eE]\+?\d+$")


def _digits_from_cell(value: object, field: str, length: int) -> str:
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueProblem(
                _("%(field)s harus berupa angka bulat, bukan %(value)s.")
                % {"field": field, "value": value}
            )
        value = int(value)
    text = clean_text(value).lstrip("'").replace(" ", "").replace("-", "").replace(".", "")
    if _SCIENTIFIC.match(clean_text(value)):
        raise ValueProblem(
            _(
                "%(field)s tertulis dalam notasi ilmiah (%(value)s), sehingga digitnya "
                "hilang. Format kolom sebagai Teks lalu ketik ulang."
            )
            % {"field": field, "value": clean_text(value)}
        )
    if not is_digits(text):
        raise ValueProblem(
            _("%(field)s hanya boleh berisi angka, bukan “%(value)s”.")
            % {"field": field, "value": clean_text(value)}
        )
    if isinstance(value, int) and len(text) < length:
        # Excel turned the number into a number and dropped its leading zeros.
        text = text.zfill(length)
    if len(text) != length:
        raise ValueProblem(
            _("%(field)s harus %(length)s digit; yang tertulis %(count)s digit.")
            % {"field": field, "length": length, "count": len(text)}
        )
    return text


def parse_nisn(value: object) -> str:
    """A 10-digit NISN. Leading zeros that Excel dropped from a number come back."""
    if clean_text(value) == "":
        raise ValueProblem(_("NISN wajib diisi."))
    return _digits_from_cell(value, "NISN", 10)


def parse_nik(value: object) -> str:
    """A 16-digit NIK or '' when the cell is empty (NIK is optional)."""
    if clean_text(value) == "":
        return ""
    nik = _digits_from_cell(value, "NIK", 16)
    if not ("11" <= nik[:2] <= "96"):
        raise ValueProblem(_("NIK tidak valid: dua digit pertamanya bukan kode provinsi."))
    return nik


def mask_nik(nik: str) -> str:
    """Show only the region prefix and the last two digits: 3509 •••• •••• ••01."""
    if not nik:
        return ""
    return f"{nik[:4]} •••• •••• ••{nik[-2:]}"


# --- Sex ------------------------------------------------------------------------------------

_SEX_WORDS = {
    "l": "L", "lk": "L", "laki": "L", "laki-laki": "L", "laki laki": "L", "lakilaki": "L",
    "pria": "L", "cowok": "L", "m": "L", "male": "L", "man": "L",
    "p": "P", "pr": "P", "perempuan": "P", "wanita": "P", "cewek": "P", "f": "P",
    "female": "P", "woman": "P", "w": "P",
}  # fmt: skip


def parse_sex(value: object) -> str:
    """'L' or 'P' from L/P, Laki-laki/Perempuan, Pria/Wanita, M/F."""
    key = clean_text(value).lower().rstrip(".")
    if key in _SEX_WORDS:
        return _SEX_WORDS[key]
    if not key:
        raise ValueProblem(_("Jenis kelamin wajib diisi (L atau P)."))
    raise ValueProblem(
        _("Jenis kelamin “%(value)s” tidak dikenal; isi L atau P.") % {"value": clean_text(value)}
    )


# --- Dates ----------------------------------------------------------------------------------

_MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "pebruari": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agus": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nop": 11, "nopember": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}  # fmt: skip
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_NUMERIC_DATE = re.compile(r"^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})$")
_WORD_DATE = re.compile(r"^(\d{1,2})[\s\-/.]+([a-zA-Z]+)\.?[\s\-/.,]+(\d{2,4})$")


def _full_year(year: int) -> int:
    if year >= 100:
        return year
    # Two-digit years: alumni are born in this century or the late last one.
    pivot = dt.date.today().year % 100
    return 2000 + year if year <= pivot else 1900 + year


def _make_date(year: int, month: int, day: int, raw: str) -> dt.date:
    try:
        return dt.date(_full_year(year), month, day)
    except ValueError:
        raise ValueProblem(
            _("Tanggal “%(value)s” tidak ada di kalender.") % {"value": raw}
        ) from None


@functools.lru_cache(maxsize=8192)  # a cohort shares few birth dates; imports repeat them
def parse_date(value: object, field: str | None = None) -> dt.date | None:
    """A date from an Excel date or serial, 17-08-2006, 17/08/2006, 2006-08-17, 17 Agustus 2006.

    Numeric forms are read day-first, as Indonesians write them. Empty gives None. `field`
    names the value in messages; without it they say "Tanggal", translated.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float):
        if 1 <= value < 80000:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise ValueProblem(
            _("%(field)s “%(value)s” bukan tanggal.")
            % {"field": _date_label(field), "value": clean_text(value)}
        )
    raw = clean_text(value)
    if not raw:
        return None
    text = raw.split(" 00:00")[0].split("T")[0]
    if match := _NUMERIC_DATE.match(text):
        a, b, c = (int(part) for part in match.groups())
        if len(match.group(1)) == 4:
            return _make_date(a, b, c, raw)
        return _make_date(c, b, a, raw)
    if match := _WORD_DATE.match(text):
        month = _MONTHS.get(match.group(2).lower())
        if month is None:
            raise ValueProblem(
                _("Nama bulan “%(month)s” pada %(field)s tidak dikenal.")
                % {"month": match.group(2), "field": _date_label(field)}
            )
        return _make_date(int(match.group(3)), month, int(match.group(1)), raw)
    if is_digits(text.replace(".", "", 1)):
        return parse_date(float(text), field)
    raise ValueProblem(
        _("%(field)s “%(value)s” tidak terbaca; tulis seperti 17-08-2006 atau 17 Agustus 2006.")
        % {"field": _date_label(field), "value": raw}
    )


def _date_label(field: str | None) -> str:
    return _("Tanggal") if field is None else field


# --- Phone, email ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Phone:
    e164: str
    mobile: bool

    @property
    def whatsapp(self) -> str:
        """The digits wa.me wants: 6281234567890."""
        return self.e164.lstrip("+")


def parse_phone_number(value: object) -> Phone | None:
    """An Indonesian phone number in E.164 (+62…) from any usual form, or None when empty."""
    raw = clean_text(value)
    if not raw or raw in {"-", "0"}:
        return None
    text = raw.lstrip("'")
    if text.startswith("0062"):
        text = "+62" + text[4:]
    info = parse_phone(text)
    if not info.valid or not info.e164:
        # lokal explains in Indonesian; its known reasons are in the catalogue (see below).
        reason = _(info.errors[0].message) if info.errors else _("bukan nomor telepon Indonesia")
        raise ValueProblem(
            _("Nomor telepon “%(value)s” tidak valid: %(reason)s")
            % {"value": raw, "reason": reason}
        )
    return Phone(e164=info.e164, mobile=info.type == "mobile")


# The reasons lokal.parse_phone gives, marked so that makemessages puts them in the catalogue;
# `parse_phone_number` translates them by their text. A reason not listed stays Indonesian.
_PHONE_REASONS = (
    gettext_noop("Nomor harus diawali 0, 62, atau +62."),
    gettext_noop("Nomor telepon hanya boleh berisi angka."),
    gettext_noop("Nomor HP harus 10–13 digit (termasuk 0 di depan)."),
    gettext_noop("Panjang nomor telepon rumah tidak valid."),
    gettext_noop("Nomor telepon Indonesia tidak valid."),
)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


def parse_email(value: object) -> str:
    text = clean_text(value).lower()
    if not text or text == "-":
        return ""
    if not _EMAIL.match(text):
        raise ValueProblem(
            _("Alamat email “%(value)s” tidak valid.") % {"value": clean_text(value)}
        )
    return text


# --- Class names ----------------------------------------------------------------------------

_CLASS_NAME = re.compile(r"^(?:kelas\s*)?(XIII|XII|XI|X|13|12|11|10)[\s\-_.]*(.*)$", re.IGNORECASE)
# A group number may touch the major ("TKJ1"); a group letter needs a separator ("TKR A"),
# or "TB" (Tata Boga) would lose its B.
_TRAILING_GROUP = re.compile(r"(?:[\s\-_.]*(\d+)|[\s\-_.]+([A-Ha-h]))$")


@dataclass(frozen=True)
class ClassName:
    """'XII TKJ 1' split into grade, major abbreviation and group; `label` is the tidy form."""

    label: str
    grade: str
    major_hint: str


@functools.lru_cache(maxsize=4096)  # a whole class shares one rombel name
def parse_class_name(value: object) -> ClassName | None:
    """Find the major hidden in a rombel name: 'XII TKJ 1', 'xii-tkj-1', 'XII.RPL.2'."""
    raw = clean_text(value)
    if not raw:
        return None
    match = _CLASS_NAME.match(raw)
    if not match:
        return ClassName(label=raw.upper(), grade="", major_hint=_major_part(raw))
    grade = {"10": "X", "11": "XI", "12": "XII", "13": "XIII"}.get(
        match.group(1), match.group(1).upper()
    )
    rest = match.group(2)
    group_match = _TRAILING_GROUP.search(rest)
    group = (group_match.group(1) or group_match.group(2)).upper() if group_match else ""
    major = _major_part(rest[: group_match.start()] if group_match else rest)
    label = " ".join(part for part in (grade, major, group) if part)
    return ClassName(label=label, grade=grade, major_hint=major)


def _major_part(text: str) -> str:
    return re.sub(r"[\s\-_.]+", " ", text).strip().upper()


# --- Rupiah ---------------------------------------------------------------------------------

# A multiplier word after the number: "1,5 juta", "1500rb", "2 jt", "3 M" (miliar).
_RUPIAH_UNITS = {
    "rb": 1_000, "ribu": 1_000, "k": 1_000, "rebu": 1_000,
    "jt": 1_000_000, "juta": 1_000_000,
    "m": 1_000_000_000, "miliar": 1_000_000_000, "milyar": 1_000_000_000,
}  # fmt: skip
_RUPIAH = re.compile(r"^(?:rp\.?|idr)?\s*(\d[\d.,\s]*?)\s*(?:,-|,00)?\s*([a-z]+)?\.?\s*(?:,-)?$")
_GROUPED = re.compile(r"^\d{1,3}(?:([.,\s])\d{3})(?:\1\d{3})*$")


def parse_rupiah(value: object, field: str | None = None) -> int | None:
    """Whole Rupiah from what people type: 1500000, 1.500.000, Rp 1.500.000,-, "1,5 juta",
    "1.5jt", "1500rb", "2 jt". None when empty.

    Anything that cannot be read exactly (a lone "1,5", "1.50.000", "sejuta", a fraction of a
    Rupiah) raises `ValueProblem`: the number stored is always the number that was typed.
    """
    if value is None:
        return None
    if isinstance(value, int | float):
        if (
            isinstance(value, bool)
            or value < 0
            or (isinstance(value, float) and not value.is_integer())
        ):
            _rupiah_problem(value, field)
        return int(value)
    raw = clean_text(value)
    if not raw or raw == "-":
        return None
    match = _RUPIAH.match(raw.lower())
    if match is None:
        _rupiah_problem(raw, field)
    number, unit = match.group(1).strip(), match.group(2)
    if unit is not None and unit not in _RUPIAH_UNITS:
        _rupiah_problem(raw, field)
    amount = _rupiah_number(number, _RUPIAH_UNITS[unit] if unit else 1)
    if amount is None:
        _rupiah_problem(raw, field)
    return amount


def _rupiah_number(text: str, unit: int) -> int | None:
    """The amount `text` times `unit` names, or None when it is ambiguous or not whole Rupiah."""
    if is_digits(text):
        return int(text) * unit
    if _GROUPED.match(text):
        # Thousands grouped by dots (Indonesian), spaces or commas (English): 1.500.000.
        return int(re.sub(r"[.,\s]", "", text)) * unit
    if unit > 1 and re.fullmatch(r"\d+[.,]\d{1,3}", text):
        # A decimal before a unit word: "1,5 juta", "1.5jt", "2,25 jt".
        amount = Decimal(text.replace(",", ".")) * unit
        return int(amount) if amount == amount.to_integral_value() else None
    return None


def _rupiah_problem(value: object, field: str | None) -> NoReturn:
    raise ValueProblem(
        _(
            "%(field)s “%(value)s” tidak terbaca sebagai rupiah; tulis misalnya 1500000, "
            "1.500.000, Rp 1.500.000,-, 1,5 juta atau 1500rb."
        )
        % {"field": field or _("Jumlah"), "value": clean_text(value)}
    )
