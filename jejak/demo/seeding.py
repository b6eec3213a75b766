"""A realistic demo region, deterministic for a given seed.

By default one regency like the seeds' Jember: a provincial education office branch and a
regency labour office, tens of SMKs of mixed size (a few public, most private), several
cohorts with classes, homeroom teachers and outcome histories, a BLK, companies, one login
per role, and a few messy records (near-duplicate names, missing phones) to clean up.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jejak.accounts.models import Membership, Role, User
from jejak.alumni.models import Alumnus, SchoolClass
from jejak.demo.dapodik import person_row, write_dapodik_xlsx
from jejak.demo.people import make_person
from jejak.demo.seed_bkkreports import seed_bkkreports
from jejak.demo.seed_coordination import seed_coordination
from jejak.demo.seed_indicators import seed_indicators
from jejak.demo.seed_jobs import seed_jobs
from jejak.demo.seed_orders import seed_orders
from jejak.demo.seed_profiles import seed_profiles_and_fairs
from jejak.demo.seed_tracer import seed_tracer
from jejak.demo.seed_training import seed_training
from jejak.indicators.rollups import detect_changes, refresh_stale
from jejak.organisations.models import Bkk, Organisation
from jejak.outcomes.models import Activity, OutcomeEvent, Source
from jejak.reference.lookup import find_major_id, major_lookup_table
from jejak.reference.models import Region
from jejak.training.rollups import refresh_blk_rollups

DEMO_PASSWORD = "jejak-demo-2026"  # noqa: S105 - printed for the demo, never used elsewhere
REGENCY = "35.09"  # Kabupaten Jember
DEMO_OFFICE_NAME = "Cabang Dinas Pendidikan Wilayah Jember"  # marks a loaded demo
PUBLIC_NAMES = [f"SMK Negeri {n} Jember" for n in range(1, 9)]
PRIVATE_NAMES = [
    "SMK PGRI 1 Jember", "SMK PGRI 2 Jember", "SMK Muhammadiyah 1 Jember",
    "SMK Muhammadiyah 2 Jember", "SMK Nurul Jadid Jember", "SMK Darus Sholah",
    "SMK Al-Qodiri 1", "SMK Bina Insani Balung", "SMK Plus Al-Azhar Wuluhan",
    "SMK Islam Tanggul", "SMK Kosgoro Ambulu", "SMK Bakti Kencong", "SMK Nahdlatul Ulama Puger",
    "SMK Pancasila Rambipuji", "SMK Tunas Bangsa Kalisat", "SMK Ma'arif Mayang",
    "SMK Kesehatan Bhakti Husada", "SMK Farmasi Jember", "SMK Pertanian Sukowono",
    "SMK Wahid Hasyim Sumbersari", "SMK Mitra Karya Patrang", "SMK Teknologi Jember",
    "SMK Bhakti Nusantara", "SMK Global Mandiri",
]  # fmt: skip
MAJORS = [
    "TKJ",
    "RPL",
    "AKL",
    "TKR",
    "TBSM",
    "DKV",
    "MPLB",
    "BDP",
    "TITL",
    "ATPH",
    "Farmasi",
    "Keperawatan",
    "Kuliner",
]
COMPANIES = [
    "PT Sinar Jaya Abadi",
    "PT Kopi Ijen Nusantara",
    "CV Mitra Tani Jember",
    "PT Astra Daihatsu Motor",
    "Koperasi Karya Mandiri",
]


@dataclass
class DemoResult:
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # role, login, where
    schools: int = 0
    alumni: int = 0
    sample_file: str = ""
    already: bool = False


def _coded(rng: random.Random) -> str:
    return "".join(rng.choice("23456789abcdefghjkmnpqrstuvwxyz") for _ in range(10))


def _org(rng: random.Random, **values: Any) -> Organisation:
    org = Organisation(code=_coded(rng), **values)
    org.save()
    return org


def _user(email: str, name: str, phone: str = "") -> User:
    return User.objects.create_user(email=email, phone=phone, name=name, password=DEMO_PASSWORD)


@transaction.atomic
def demo_loaded() -> bool:
    """Has the demo region been loaded into this database?"""
    return Organisation.objects.filter(name__startswith=DEMO_OFFICE_NAME).exists()


def seed_demo(*, schools: int = 24, cohorts: int = 3, seed: int = 2026) -> DemoResult:
    result = DemoResult()
    if demo_loaded():
        result.already = True
        result.logins = _login_table()
        return result
    rng = random.Random(seed)
    regency = Region.objects.get(code=REGENCY)
    province = Region.objects.get(code=REGENCY[:2])
    cabdin = _org(rng, kind=Organisation.Kind.EDUCATION_OFFICE, region=regency,
                  name=f"{DEMO_OFFICE_NAME} (Jawa Timur)")  # fmt: skip
    cabdin.area.set([regency])
    disnaker = _org(rng, kind=Organisation.Kind.LABOUR_OFFICE, region=regency,
                    name="Dinas Tenaga Kerja Kabupaten Jember")  # fmt: skip
    disnaker.area.set([regency])
    disnakertrans = _org(
        rng,
        kind=Organisation.Kind.LABOUR_OFFICE,
        region=province,
        name="Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa Timur",
    )
    disnakertrans.area.set([province])
    blk = _org(rng, kind=Organisation.Kind.TRAINING_CENTRE, region=regency,
               name="UPT Balai Latihan Kerja Jember")  # fmt: skip
    companies = [
        _org(rng, kind=Organisation.Kind.COMPANY, region=regency, name=n) for n in COMPANIES
    ]
    majors = major_lookup_table()
    major_ids = {abbr: find_major_id(abbr, majors) for abbr in MAJORS}
    latest = dt.date.today().year if dt.date.today().month >= 6 else dt.date.today().year - 1
    years = list(range(latest - cohorts + 1, latest + 1))
    names = PUBLIC_NAMES[: max(1, schools // 4)] + PRIVATE_NAMES
    school_orgs = []
    serial = 0
    for index, name in enumerate(names[:schools]):
        school = _org(
            rng, kind=Organisation.Kind.SCHOOL, region=regency, name=name,
            npsn=f"2052{3100 + index:04d}", parent_office=cabdin,
            status="negeri" if "Negeri" in name else "swasta",
        )  # fmt: skip
        Bkk.objects.create(organisation=school, name=f"BKK {name}")
        offered = rng.sample([m for m in MAJORS if major_ids[m]], k=rng.randint(2, 5))
        school.majors.set([mid for m in offered if (mid := major_ids[m]) is not None])
        classes_per_major = 3 if index < 4 else rng.choice([1, 1, 2, 2, 3])
        for year in years:
            serial = _seed_cohort(rng, school, year, offered, major_ids, classes_per_major, serial)
        school_orgs.append(school)
    _messy_records(rng, school_orgs[0], years[-1])
    _outcomes(rng, school_orgs, years)
    seed_indicators(rng, school_orgs, years)
    # The running follow-up campaign covers the cohort traced a year after graduating; the
    # homeroom teacher's classes are of that cohort, so her follow-up page has people in it.
    followed = years[-2] if len(years) > 1 else years[-1]
    result.logins = _demo_people(
        school_orgs[0], cabdin, disnaker, blk, companies[0], years[-1], followed
    )
    smk_person = Membership.objects.get(role=Role.ALUMNUS, organisation=school_orgs[0]).alumnus
    assert smk_person is not None
    for user, org, role in seed_training(
        rng, blk=blk, province_office=disnakertrans, smk_person=smk_person
    ):
        Membership.objects.create(user=user, organisation=org, role=role)
    result.logins = _login_table()
    seed_tracer(rng, school_orgs[0], followed)
    seed_jobs(school_orgs, companies, seed)
    seed_profiles_and_fairs(rng, school=school_orgs[0], office=disnaker, companies=companies)
    seed_bkkreports(schools=school_orgs, office=disnaker)  # BKK register and IPK III reports
    seed_coordination(office=disnaker, schools=school_orgs, companies=companies)
    seed_orders(companies=companies)  # company orders to the BLKs, one announced
    detect_changes(school_orgs)  # the seeds after seed_indicators moved some figures
    refresh_stale()
    refresh_blk_rollups()  # the BLK figures the office dashboards show, as the scheduler would
    result.schools = len(school_orgs)
    result.alumni = Alumnus.objects.count()
    result.sample_file = _sample_file(rng, school_orgs[0], years[-1] + 1, serial)
    return result


def _seed_cohort(
    rng: random.Random,
    school: Organisation,
    year: int,
    offered: list[str],
    major_ids: dict[str, int | None],
    classes_per_major: int,
    serial: int,
) -> int:
    alumni = []
    for abbr in offered:
        for group in range(1, classes_per_major + 1):
            label = f"XII {abbr.upper() if len(abbr) <= 5 else abbr} {group}"
            school_class = SchoolClass.objects.create(
                organisation=school, cohort=year, name=label, major_id=major_ids[abbr],
                code=_coded(rng),
            )  # fmt: skip
            for _ in range(rng.randint(24, 36)):
                serial += 1
                person = make_person(rng, year, serial)
                alumni.append(
                    Alumnus(
                        code=_coded(rng),
                        organisation=school,
                        province_code=school.province_code,
                        nisn=person.nisn,
                        nik=person.nik if rng.random() < 0.8 else "",
                        name=person.name,
                        sex=person.sex,
                        birth_place=person.birth_place,
                        birth_date=person.birth_date,
                        cohort=year,
                        major_id=major_ids[abbr],
                        school_class=school_class,
                        phone="+62" + person.phone[1:] if rng.random() < 0.9 else "",
                        email=person.email,
                        address=f"{person.street}, RT {person.rt}/RW {person.rw}, "
                        f"Kel. {person.village}, Kec. {person.district}",
                        region_id=REGENCY,
                        disability=rng.choice(["A", "B", "D"]) if rng.random() < 0.01 else "",
                    )
                )
    Alumnus.objects.bulk_create(alumni, batch_size=1000)
    return serial


def _messy_records(rng: random.Random, school: Organisation, year: int) -> None:
    """Near-duplicates typed by hand (no NISN, a typo in the name) for the merge screen."""
    originals = list(Alumnus.objects.filter(organisation=school, cohort=year).order_by("pk")[:5])
    for original in originals:
        typo = original.name.replace("a", "o", 1) if "a" in original.name else original.name + "h"
        Alumnus.objects.create(
            code=_coded(rng), organisation=school, name=typo, sex=original.sex,
            birth_date=original.birth_date, cohort=year, major=original.major,
            school_class=original.school_class, phone="",
        )  # fmt: skip


def _outcomes(rng: random.Random, schools: list[Organisation], years: list[int]) -> None:
    """Outcome histories for the older cohorts: most traced, a mix of BMW and looking."""
    weights = [
        (Activity.WORKING, 45), (Activity.STUDYING, 15), (Activity.SELF_EMPLOYED, 9),
        (Activity.LOOKING, 22), (Activity.NOT_YET, 3), (Activity.OTHER, 6),
    ]  # fmt: skip
    activities, chances = zip(*weights, strict=True)
    today = timezone.localdate()
    events = []
    for alumnus in Alumnus.objects.filter(organisation__in=schools, cohort__lt=years[-1]).only(
        "id", "organisation_id", "province_code", "cohort"
    ):
        if rng.random() > 0.78:
            continue
        graduation = dt.date(alumnus.cohort, 5, 31)
        first = rng.choices(activities, chances)[0]
        # Nothing starts after today: a demo loaded in June has last year's cohort only a
        # year out of school.
        start = min(graduation + dt.timedelta(days=rng.randint(-20, 300)), today)
        events.append((alumnus, first, start))
        later = start + dt.timedelta(days=rng.randint(30, 200))
        if first == Activity.LOOKING and rng.random() < 0.5 and later <= today:
            events.append((alumnus, Activity.WORKING, later))
    OutcomeEvent.objects.bulk_create(
        [
            OutcomeEvent(
                code=_coded(rng),
                organisation_id=a.organisation_id,
                province_code=a.province_code,
                alumnus=a,
                activity=activity,
                start_date=start,
                source=rng.choice([Source.SELF_REPORTED, Source.TEACHER, Source.IMPORT]),
            )
            for a, activity, start in events
        ],
        batch_size=1000,
    )


def _demo_people(
    school: Organisation,
    cabdin: Organisation,
    disnaker: Organisation,
    blk: Organisation,
    company: Organisation,
    year: int,
    followed: int,
) -> list[tuple[str, str, str]]:
    def member(user: User, org: Organisation, role: str, alumnus: Alumnus | None = None) -> None:
        Membership.objects.create(user=user, organisation=org, role=role, alumnus=alumnus)

    member(
        _user("analis@cabdin-jember.demo", "Rahmat Hidayat (Cabdin)"), cabdin, Role.OFFICE_ANALYST
    )
    member(
        _user("analis@disnaker-jember.demo", "Sri Wahyuni (Disnaker)"),
        disnaker,
        Role.OFFICE_ANALYST,
    )
    member(_user("bkk@smkn1-jember.demo", "Yuliana Dewi (BKK)"), school, Role.BKK_OFFICER)
    member(_user("kepsek@smkn1-jember.demo", "Drs. Bambang Sutrisno"), school, Role.SCHOOL_HEAD)
    teacher = _user("walikelas@smkn1-jember.demo", "Endang Purwati, S.Pd.")
    member(teacher, school, Role.HOMEROOM_TEACHER)
    first_classes = SchoolClass.objects.filter(
        organisation=school, cohort=followed, name__endswith=" 1"
    ).order_by("name")[:2]
    SchoolClass.objects.filter(pk__in=[c.pk for c in first_classes]).update(
        homeroom_teacher=teacher
    )
    alumnus = Alumnus.objects.filter(organisation=school, cohort=year - 1).exclude(phone="").first()
    assert alumnus is not None
    alumnus_user = User.objects.create_user(
        phone=alumnus.phone, name=alumnus.name, password=DEMO_PASSWORD
    )
    member(alumnus_user, school, Role.ALUMNUS, alumnus)
    member(_user("hr@sinarjaya.demo", "Hendra Gunawan (HR)"), company, Role.RECRUITER)
    member(_user("admin@blk-jember.demo", "Agus Salim (BLK)"), blk, Role.BLK_ADMIN)
    return _login_table()


def _login_table() -> list[tuple[str, str, str]]:
    rows = []
    for membership in Membership.objects.select_related("user", "organisation").order_by("pk")[:20]:
        login = membership.user.email or _national(membership.user.phone or "")
        rows.append((membership.get_role_display(), login, membership.organisation.name))
    return rows


def _national(e164: str) -> str:
    return "0" + e164[3:] if e164.startswith("+62") else e164


def _sample_file(rng: random.Random, school: Organisation, year: int, serial: int) -> str:
    """A Dapodik export of the next cohort, with a few rows to fix, for trying the import."""
    rows = []
    for number in range(1, 61):
        person = make_person(rng, year, serial + number)
        rows.append(person_row(number, person, f"XII TKJ {1 + number // 31}"))
    rows[4]["Tanggal Lahir"] = "31-02-2008"  # no such date
    rows[9]["NISN"] = "12345"  # too short
    rows[14]["JK"] = "X"
    rows[19]["HP"] = "0812"  # too short
    target = Path(settings.VAR_DIR) / "demo" / f"dapodik-{school.npsn}-{year}.xlsx"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(write_dapodik_xlsx(rows, school_name=school.name.upper()))
    return str(target)
