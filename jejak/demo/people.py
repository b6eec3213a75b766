"""Plausible East Javanese names, birth data and phone numbers for demo and test data."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

MALE = [
    "Ahmad", "Muhammad", "Rizky", "Dimas", "Bayu", "Agus", "Fajar", "Andi", "Yoga", "Rendi",
    "Wahyu", "Eko", "Bagus", "Hendra", "Ilham", "Moh.", "Arif", "Dwi", "Gilang", "Riko",
    "Faisal", "Abdul", "Yusuf", "Hafid", "Nur",
]  # fmt: skip
FEMALE = [
    "Siti", "Nur", "Dewi", "Putri", "Ayu", "Rina", "Fitri", "Lailatul", "Anisa", "Dian",
    "Nabila", "Wulan", "Indah", "Novi", "Rizka", "Zahrotul", "Eka", "Tri", "Alfiyah", "Yuli",
    "Maulida", "Shinta", "Ratna", "Lestari", "Khoirun",
]  # fmt: skip
SECOND = [
    "Saputra", "Pratama", "Hidayat", "Setiawan", "Wijaya", "Santoso", "Kurniawan", "Maulana",
    "Prasetyo", "Hakim", "Fauzi", "Rahmawati", "Lestari", "Safitri", "Wulandari", "Aminah",
    "Hasanah", "Nisa", "Azizah", "Zulaikha", "Ramadhani", "Firmansyah", "Syahputra", "Utami",
]  # fmt: skip
PLACES = [
    "Jember", "Jember", "Jember", "Lumajang", "Bondowoso", "Banyuwangi", "Probolinggo",
    "Situbondo", "Surabaya", "Malang",
]  # fmt: skip
VILLAGES = [
    ("Kaliwates", "Kaliwates"), ("Sumbersari", "Sumbersari"), ("Patrang", "Patrang"),
    ("Ambulu", "Ambulu"), ("Balung Lor", "Balung"), ("Tanggul Wetan", "Tanggul"),
    ("Kencong", "Kencong"), ("Puger Kulon", "Puger"), ("Rambipuji", "Rambipuji"),
    ("Kalisat", "Kalisat"), ("Mayang", "Mayang"), ("Wuluhan", "Wuluhan"),
]  # fmt: skip
STREETS = [
    "Jl. Mawar",
    "Jl. Kenanga",
    "Jl. Melati",
    "Jl. Diponegoro",
    "Jl. Gajah Mada",
    "Jl. Sudirman",
    "Dsn. Krajan",
    "Jl. Mastrip",
    "Jl. Kalimantan",
    "Jl. Hayam Wuruk",
]
PREFIXES = [
    "0812",
    "0813",
    "0821",
    "0822",
    "0852",
    "0853",
    "0856",
    "0857",
    "0877",
    "0878",
    "0895",
    "0896",
    "0838",
]


@dataclass
class Person:
    name: str
    sex: str
    birth_place: str
    birth_date: dt.date
    nisn: str
    nik: str
    phone: str
    email: str
    street: str
    rt: str
    rw: str
    village: str
    district: str


def make_person(rng: random.Random, cohort: int, serial: int, regency_code: str = "3509") -> Person:
    sex = rng.choice("LP")
    first = rng.choice(MALE if sex == "L" else FEMALE)
    name = f"{first} {rng.choice(SECOND)}"
    if rng.random() < 0.3:
        name = f"{first} {rng.choice(MALE if sex == 'L' else FEMALE)} {rng.choice(SECOND)}"
    birth = dt.date(cohort - 18, 1, 1) + dt.timedelta(days=rng.randrange(0, 500))
    nisn = f"{(cohort - 18) % 100:03d}{serial:07d}"[-10:].zfill(10)
    day = birth.day + (40 if sex == "P" else 0)
    nik = (
        f"{regency_code}{rng.randrange(1, 31):02d}{day:02d}{birth:%m%y}{rng.randrange(1, 9999):04d}"
    )
    phone = f"{rng.choice(PREFIXES)}{rng.randrange(10_000_000, 99_999_999)}"
    village, district = rng.choice(VILLAGES)
    email = ""
    if rng.random() < 0.45:
        email = f"{name.split()[0].lower().rstrip('.')}{rng.randrange(10, 999)}@gmail.com"
    return Person(
        name=name, sex=sex, birth_place=rng.choice(PLACES), birth_date=birth, nisn=nisn, nik=nik,
        phone=phone, email=email, street=f"{rng.choice(STREETS)} No. {rng.randrange(1, 120)}",
        rt=f"{rng.randrange(1, 12):03d}", rw=f"{rng.randrange(1, 8):03d}", village=village,
        district=district,
    )  # fmt: skip
