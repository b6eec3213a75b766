"""The value parsers read every usual form a school spreadsheet holds."""

import datetime as dt

import pytest

from jejak.lib.values import (
    ValueProblem,
    mask_nik,
    parse_class_name,
    parse_date,
    parse_email,
    parse_nik,
    parse_nisn,
    parse_phone_number,
    parse_rupiah,
    parse_sex,
)

AUG_17 = dt.date(2006, 8, 17)


@pytest.mark.parametrize(
    "value",
    [
        "17-08-2006", "17/08/2006", "17.08.2006", "17-8-2006", "2006-08-17", "17 Agustus 2006",
        "17 agustus 2006", "17 Agt 2006", "17 Ags. 2006", "17 August 2006", "17-Agu-2006",
        38946, 38946.0, "38946", dt.date(2006, 8, 17), dt.datetime(2006, 8, 17, 0, 0),
        "2006-08-17 00:00:00", "17-08-06",
    ],
)  # fmt: skip
def test_dates_in_every_usual_form(value: object) -> None:
    assert parse_date(value) == AUG_17


@pytest.mark.parametrize("value", ["31-02-2006", "17 Agustos 2006", "kemarin", "17-13-2006"])
def test_bad_dates_say_why(value: str) -> None:
    with pytest.raises(ValueProblem) as problem:
        parse_date(value, "Tanggal lahir")
    assert "Tanggal" in str(problem.value) or "bulan" in str(problem.value)


def test_empty_date_is_none() -> None:
    assert parse_date("") is None
    assert parse_date(None) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("L", "L"), ("p", "P"), ("Laki-laki", "L"), ("PEREMPUAN", "P"), ("Pria", "L"),
     ("Wanita", "P"), ("laki laki", "L"), ("L.", "L")],
)  # fmt: skip
def test_sex_as_letter_or_word(value: str, expected: str) -> None:
    assert parse_sex(value) == expected


def test_unknown_sex_is_rejected_with_the_value() -> None:
    with pytest.raises(ValueProblem, match="“X”"):
        parse_sex("X")


@pytest.mark.parametrize(
    ("value", "expected"),
    [(61234567, "0061234567"), (61234567.0, "0061234567"), ("0061234567", "0061234567"),
     ("'0061234567", "0061234567"), (" 0061234567 ", "0061234567"), (1234567890, "1234567890")],
)  # fmt: skip
def test_nisn_gets_leading_zeros_back(value: object, expected: str) -> None:
    assert parse_nisn(value) == expected


@pytest.mark.parametrize(
    ("value", "fragment"),
    [("12345", "10 digit"), ("6.12346E+09", "notasi ilmiah"), ("00612345AB", "angka"),
     ("", "wajib"), ("006123456789", "10 digit")],
)  # fmt: skip
def test_bad_nisn_says_why(value: str, fragment: str) -> None:
    with pytest.raises(ValueProblem, match=fragment):
        parse_nisn(value)


def test_nik_is_optional_checked_and_masked() -> None:
    assert parse_nik("") == ""
    assert parse_nik("3509015708060001") == "3509015708060001"
    with pytest.raises(ValueProblem, match="provinsi"):
        parse_nik("0009015708060001")
    assert mask_nik("3509015708060001") == "3509 •••• •••• ••01"


@pytest.mark.parametrize(
    "value",
    ["081234567890", "0812-3456-7890", "0812 3456 7890", "+62 812 3456 7890", "62812-3456-7890",
     "6281234567890", "81234567890", 81234567890, 81234567890.0, "(+62) 812 3456 7890",
     "0062 812 3456 7890", "'081234567890"],
)  # fmt: skip
def test_phone_numbers_normalised_to_plus_62(value: object) -> None:
    phone = parse_phone_number(value)
    assert phone is not None
    assert phone.e164 == "+6281234567890"
    assert phone.mobile
    assert phone.whatsapp == "6281234567890"


def test_landline_and_empty_phone() -> None:
    phone = parse_phone_number("(0331) 484123")
    assert phone is not None and phone.e164 == "+62331484123" and not phone.mobile
    assert parse_phone_number("") is None
    assert parse_phone_number("-") is None


def test_short_phone_is_rejected() -> None:
    with pytest.raises(ValueProblem, match="0812"):
        parse_phone_number("0812")


def test_email() -> None:
    assert parse_email(" Siti@Example.COM ") == "siti@example.com"
    assert parse_email("") == ""
    with pytest.raises(ValueProblem):
        parse_email("siti@")


@pytest.mark.parametrize(
    ("value", "label", "major"),
    [("XII TKJ 1", "XII TKJ 1", "TKJ"), ("xii-tkj-1", "XII TKJ 1", "TKJ"),
     ("XII.RPL.2", "XII RPL 2", "RPL"), ("12 AKL 3", "XII AKL 3", "AKL"),
     ("XII TKR A", "XII TKR A", "TKR"), ("XII TB", "XII TB", "TB"), ("XIITKJ1", "XII TKJ 1", "TKJ"),
     ("Kelas XII DKV 2", "XII DKV 2", "DKV"), ("XIII TKJ 1", "XIII TKJ 1", "TKJ")],
)  # fmt: skip
def test_major_hidden_in_class_name(value: str, label: str, major: str) -> None:
    parsed = parse_class_name(value)
    assert parsed is not None
    assert (parsed.label, parsed.major_hint) == (label, major)


def test_codes_are_unambiguous_and_distinct() -> None:
    from jejak.lib.codes import new_code, new_codes

    codes = new_codes(5000) + [new_code() for _ in range(100)]
    assert len(set(codes)) == len(codes)
    assert all(len(code) == 10 and not set(code) & set("01ilo") for code in codes)


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1,5 juta", 1_500_000), ("1.500.000", 1_500_000), ("1500rb", 1_500_000),
        ("Rp 1.500.000,-", 1_500_000), ("2 jt", 2_000_000), ("Rp2.500.000,00", 2_500_000),
        ("1.5jt", 1_500_000), ("2,25 juta", 2_250_000), ("3500000", 3_500_000),
        ("IDR 3,500,000", 3_500_000), (3_500_000.0, 3_500_000), ("", None), (None, None),
    ],
)  # fmt: skip
def test_rupiah_is_read_as_people_type_it(typed: object, amount: int | None) -> None:
    assert parse_rupiah(typed) == amount


@pytest.mark.parametrize(
    "typed", ["1,5", "sejuta", "1.50.000", "2.838.642,50", "1,2345 juta", "lumayan", 1.5, "-5"]
)
def test_rupiah_that_cannot_be_read_exactly_is_refused(typed: object) -> None:
    with pytest.raises(ValueProblem, match="tidak terbaca sebagai rupiah"):
        parse_rupiah(typed, "Penghasilan")


@pytest.mark.parametrize("digits", ["²", "①"])
def test_digits_that_are_not_ascii_are_a_problem_not_a_crash(digits: str) -> None:
    """`str.isdigit` takes "²"; `int()` and `float()` do not: parsing raised ValueError,
    failing a whole import (and a survey page) instead of naming the cell."""
    with pytest.raises(ValueProblem):
        parse_date(digits, "Tanggal lahir")
    with pytest.raises(ValueProblem):
        parse_nisn("00712345²")
    with pytest.raises(ValueProblem):
        parse_rupiah(digits, "Penghasilan")


def test_a_count_in_superscript_digits_is_an_answer_error() -> None:
    from jejak.tracer import employer
    from jejak.tracer.instrument import ACTIVITY, check_answers
    from jejak.tracer.resolvers import database_resolvers

    checked = check_answers(
        {ACTIVITY.key: "bekerja", "jam_per_minggu": "⁴⁰"}, resolvers=database_resolvers()
    )
    assert "jam_per_minggu" in checked.errors
    assert "jumlah_lulusan" in employer.check({"jumlah_lulusan": "²"}).errors
