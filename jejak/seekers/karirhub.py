"""Karirhub-ready exchange: a BKK's registered job seekers (the AK/1 card's fields) and its
vacancies (the Perpres 57/2023 fields, KBJI/KBLI coded) in the columns the national labour
market information system takes in, as XLSX or CSV.

Lawful basis (UU PDP 27/2022 Pasal 20): the counts and the vacancy data are reported under
the BKK's legal duty (Permenaker 39/2016); a person's NIK goes out only when they agreed to
its forwarding (`Registration.forwarding_consent`), and every export is audited with the basis
it relied on and how many NIKs left.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jejak.jobs.models import Vacancy
from jejak.organisations.models import Organisation
from jejak.seekers.models import Registration

BASIS_DUTY = "kewajiban hukum (Permenaker 39/2016; Perpres 57/2023)"
BASIS_CONSENT = "persetujuan yang bersangkutan (UU PDP Pasal 20 ayat 2a)"

SEEKER_COLUMNS = [
    "nomor_ak1", "tanggal_daftar", "nik", "nisn", "nama", "jenis_kelamin", "tanggal_lahir",
    "pendidikan", "jurusan", "keterampilan", "sertifikat", "kbji_dicari", "wilayah_dicari",
    "bersedia_pindah", "disabilitas", "nomor_hp", "email", "kode_wilayah_domisili",
    "berlaku_sampai", "lapor_terakhir",
]  # fmt: skip
VACANCY_COLUMNS = [
    "kode", "kode_bkk", "tanggal_daftar", "jabatan", "kbji", "perusahaan", "nib", "kbli",
    "kategori_kbli", "pendidikan", "jurusan", "jumlah_l", "jumlah_p", "jumlah_lp",
    "usia_min", "usia_max", "pengalaman", "keterampilan", "upah_min", "upah_max",
    "kode_wilayah_kerja", "formal", "ramah_disabilitas", "berlaku_mulai", "berlaku_sampai",
    "tanggal_tutup", "status",
]  # fmt: skip
TEXT_COLUMNS = ("nomor_ak1", "nik", "nisn", "nomor_hp", "kbji", "kbli", "kbji_dicari", "kode",
                "kode_bkk", "nib", "kode_wilayah_domisili", "kode_wilayah_kerja")  # fmt: skip


def _day(value: Any) -> str:
    return value.isoformat() if value else ""


def open_registrations(organisation: Organisation) -> Any:
    return (
        Registration.objects.filter(organisation=organisation, ended_on=None)
        .select_related("alumnus", "major")
        .prefetch_related("occupations_sought", "regions_sought")
        .order_by("registered_on", "pk")
    )


def seeker_rows(organisation: Organisation) -> Iterator[list[Any]]:
    """One row per open registration; NIK, phone and email only with forwarding consent."""
    for r in open_registrations(organisation).iterator(chunk_size=500):
        person, consent = r.alumnus, r.forwarding_consent
        yield [
            r.ak1_number, _day(r.registered_on), person.nik if consent else "", person.nisn,
            person.name, person.sex, _day(person.birth_date), r.education,
            r.major.code if r.major else "", r.skills, r.certificates,
            ",".join(o.code for o in r.occupations_sought.all()),
            ",".join(g.code for g in r.regions_sought.all()),
            "ya" if r.willing_to_relocate else "tidak",
            r.disability_category if r.disability_consent else "",
            person.phone if consent else "", person.email if consent else "",
            person.region_id or "", _day(r.valid_until), _day(r.last_reported_on),
        ]  # fmt: skip


def forwarded_niks(organisation: Organisation) -> int:
    return (
        open_registrations(organisation)
        .filter(forwarding_consent=True)
        .exclude(alumnus__nik="")
        .count()
    )


def vacancy_rows(organisation: Organisation) -> Iterator[list[Any]]:
    vacancies = (
        Vacancy.objects.filter(posted_by_org=organisation)
        .select_related("company__company_info")
        .prefetch_related("majors")
        .order_by("registered_on", "pk")
    )
    for v in vacancies.iterator(chunk_size=500):
        info = getattr(v.company, "company_info", None)
        yield [
            v.code, v.external_code, _day(v.registered_on), v.title, v.occupation_id or "",
            v.company.name, info.nib if info else "", v.kbli, v.industry_id or "", v.education,
            ",".join(m.code for m in v.majors.all()), v.openings_male, v.openings_female,
            v.openings_any, v.age_min, v.age_max, v.experience, v.skills, v.wage_min, v.wage_max,
            v.work_region_id or "", "formal" if v.formal else "informal",
            "ya" if v.disability_friendly else "tidak", _day(v.opens_on), _day(v.closes_on),
            _day(v.closed_on), v.state,
        ]  # fmt: skip
