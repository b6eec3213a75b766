"""Demo CVs and fairs for the demo school: a few alumni with skills, certificates, internships
and one document; a labour-office job fair that is over (companies, attendance, a hire) and an
upcoming company meeting at the school with registrations."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from jejak.accounts.models import Membership, Role
from jejak.alumni.models import Alumnus
from jejak.fairs import services as fairs
from jejak.fairs.models import Fair
from jejak.organisations.models import Organisation
from jejak.profiles import services as profiles
from jejak.profiles.uploads import detect_type

SKILLS = {
    "TKJ": ["Mikrotik", "Instalasi fiber optik", "Troubleshooting jaringan", "Linux dasar"],
    "RPL": ["HTML/CSS", "PHP", "Laravel", "MySQL"],
    "AKL": ["Microsoft Excel", "MYOB", "Perpajakan dasar", "Administrasi kas"],
    "TKR": ["Servis berkala", "Engine tune-up", "Sistem rem", "Kelistrikan otomotif"],
    "TBSM": ["Servis sepeda motor", "Injeksi (EFI)", "Kelistrikan sepeda motor"],
    "DKV": ["Adobe Illustrator", "Fotografi", "Desain poster", "CorelDRAW"],
}
DEFAULT_SKILLS = ["Microsoft Office", "Komunikasi", "Kerja tim"]
# A one-page PDF with no content: enough to show the upload and download paths in the demo.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def seed_profiles_and_fairs(
    rng: random.Random, *, school: Organisation, office: Organisation, companies: list[Organisation]
) -> None:
    demo = Membership.objects.filter(organisation=school, role=Role.ALUMNUS).first()
    assert demo is not None and demo.alumnus is not None
    cohort = demo.alumnus.cohort
    classmates = (
        Alumnus.objects.filter(organisation=school, cohort=cohort)
        .exclude(pk=demo.alumnus.pk)
        .exclude(phone="")
        .select_related("major", "organisation")
        .order_by("name")
    )
    alumni = [demo.alumnus, *classmates[:11]]
    for alumnus in alumni:
        _cv(rng, alumnus, companies)
    _demo_alumnus_extras(demo.alumnus, demo.user)
    _past_job_fair(rng, office, companies, alumni)
    _upcoming_meeting(school, companies, alumni)


def _cv(rng: random.Random, alumnus: Alumnus, companies: list[Organisation]) -> None:
    abbr = getattr(alumnus.major, "abbreviation", "") or ""
    pool = SKILLS.get(abbr, DEFAULT_SKILLS)
    skills = rng.sample(pool, k=min(len(pool), rng.randint(2, 4)))
    major = alumnus.major.name if alumnus.major else "SMK"
    profiles.profile_update(
        alumnus=alumnus, actor=None, skills=skills,
        summary=f"Lulusan {major} {alumnus.cohort}. Siap bekerja di bidang {major.lower()}.",
    )  # fmt: skip
    graduation = dt.date(alumnus.cohort, 5, 31)
    profiles.entry_add(
        alumnus=alumnus, actor=None, kind="internship",
        data={"organisation_name": rng.choice(companies).name, "title": f"Peserta PKL {major}",
              "start_date": graduation - dt.timedelta(days=300),
              "end_date": graduation - dt.timedelta(days=210)},
    )  # fmt: skip
    if rng.random() < 0.7:
        issued = graduation - dt.timedelta(days=rng.randint(10, 60))
        profiles.entry_add(
            alumnus=alumnus, actor=None, kind="certificate",
            data={"title": f"Sertifikat Kompetensi KKNI Level II {major}",
                  "organisation_name": f"LSP P1 {alumnus.organisation.name}",
                  "number": f"{rng.randint(100, 999)} {rng.randint(1000, 9999)} "
                            f"{rng.randint(10000, 99999)} {alumnus.cohort}",
                  "start_date": issued, "end_date": issued + dt.timedelta(days=3 * 365)},
        )  # fmt: skip
    language = {"title": "Inggris", "level": rng.choice(["dasar", "menengah"])}
    profiles.entry_add(alumnus=alumnus, actor=None, kind="language", data=language)


def _demo_alumnus_extras(alumnus: Alumnus, user: object) -> None:
    """The alumnus the demo logs in as: sharing chosen, and a document to download."""
    profiles.sharing_set(alumnus=alumnus, actor=user, choices={"share_documents": True})
    pdf = detect_type(DEMO_PDF)
    assert pdf is not None
    profiles.document_upload(
        alumnus=alumnus, actor=user, kind="certificate", title="Sertifikat kompetensi",
        data=DEMO_PDF, file_type=pdf,
    )  # fmt: skip


def _schedule(organiser: Organisation, days: int, **data: object) -> Fair:
    starts = timezone.now().replace(hour=1, minute=0, second=0, microsecond=0)  # 08:00 WIB
    starts += dt.timedelta(days=days)
    values = {"description": "", "capacity": None, "region": organiser.region,
              "starts_at": starts, "ends_at": starts + dt.timedelta(hours=7)} | data  # fmt: skip
    return fairs.fair_schedule(organiser=organiser, actor=None, data=values)


def _past_job_fair(
    rng: random.Random, office: Organisation, companies: list[Organisation], alumni: list[Alumnus]
) -> None:
    others = list(
        Alumnus.objects.filter(organisation__region=office.region, cohort=alumni[0].cohort)
        .exclude(organisation=alumni[0].organisation)
        .order_by("pk")[:300:30]  # every 30th: alumni of several schools
    )
    fair = _schedule(
        office, 3, kind="job_fair", audience="region", title="Jember Job Fair 2026",
        venue="GOR PKPSO Kaliwates, Jember",
        description="Bursa kerja untuk lulusan SMK dan BLK se-Kabupaten Jember. Bawa CV, "
        "fotokopi ijazah dan kartu AK/1.",
    )  # fmt: skip
    for company in companies[:4]:
        fairs.fair_company_register(fair=fair, company=company, actor=None)
    registrations = [
        fairs.fair_alumnus_register(fair=fair, alumnus=a, actor=None) for a in alumni[1:] + others
    ]
    # The fair took place three weeks ago: move it back, then take the attendance.
    Fair.objects.filter(pk=fair.pk).update(
        starts_at=fair.starts_at - dt.timedelta(days=24),
        ends_at=fair.ends_at - dt.timedelta(days=24),
    )
    fair.refresh_from_db()
    for entry in fair.companies.all()[:3]:
        fairs.attendance_set(fair=fair, actor=None, present=True, company=entry)
    present = [r for r in registrations if rng.random() < 0.7]
    for registration in present:
        fairs.attendance_set(fair=fair, actor=None, present=True, registration=registration)
    for registration, company in zip(present[:2], companies[:2], strict=False):
        fairs.fair_hire_record(
            fair=fair, alumnus=registration.alumnus, company=company,
            job_title=rng.choice(["Operator produksi", "Staf administrasi", "Teknisi"]),
            start_date=timezone.localdate(fair.starts_at) + dt.timedelta(days=14), actor=None,
        )  # fmt: skip


def _upcoming_meeting(
    school: Organisation, companies: list[Organisation], alumni: list[Alumnus]
) -> None:
    fair = _schedule(
        school, 10, kind="meeting", audience="school", capacity=60,
        title=f"Temu Perusahaan {companies[0].name}", venue=f"Aula {school.name}",
        description="Presentasi perusahaan, tes tertulis dan wawancara untuk alumni.",
    )  # fmt: skip
    for company in companies[:2]:
        fairs.fair_company_register(fair=fair, company=company, actor=None)
    for alumnus in alumni[:9]:
        fairs.fair_alumnus_register(fair=fair, alumnus=alumnus, actor=None)
