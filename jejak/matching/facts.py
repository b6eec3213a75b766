"""The facts matching reads about a seeker and a vacancy, loaded in bulk (no per-row queries)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Seeker:
    """A person who may be matched: an alumnus, with their open registration's AK/1 data."""

    alumnus_id: int
    code: str
    nisn: str
    name: str
    sex: str
    birth_date: dt.date | None
    cohort: int | None
    school_id: int
    school_region: str
    region: str  # regency of domicile; the school's when the register has none
    consent: str
    education: str
    major_id: int | None
    registered: bool  # an open registration with a BKK (the agreement to be matched)
    skills: str = ""
    certificates: str = ""
    willing_to_relocate: bool = False
    disability: str = ""  # only when the person consented to it being recorded
    occupations: list[str] = field(default_factory=list)
    regions_sought: list[str] = field(default_factory=list)
    bkk_ids: list[int] = field(default_factory=list)


@dataclass
class Job:
    """A vacancy as matching reads it."""

    pk: int
    code: str  # the BKK's own code where it has one, else Jejak's
    title: str
    company: str
    education: str
    majors: set[int]
    age_min: int | None
    age_max: int | None
    sex: str
    occupation: str
    work_region: str
    work_country: str
    disability_friendly: bool
    skills: str
    experience: str
    closes_on: dt.date | None = None
    jejak_code: str = ""  # Jejak's own code, for links


def public_code(external_code: str, code: str) -> str:
    return external_code or code
