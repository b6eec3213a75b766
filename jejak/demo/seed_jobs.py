"""Job exchange demo data: vetted companies (one flagged), MoUs, vacancies to schools and the
regency, applications at every stage, and placements (AKL and AKAD) with their outcome events.

Vacancies are written directly rather than through `vacancy_post`, so loading the demo does
not queue alert emails to thousands of seeded alumni; moves and placements use the services.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from jejak.accounts.models import Membership, Role
from jejak.alumni.models import Alumnus
from jejak.companies.models import CompanyInfo, Flag, Partnership, Vetting
from jejak.jobs.models import Application, ApplicationStep, Stage, Vacancy, VacancyTarget
from jejak.jobs.services import application_move, placement_record
from jejak.organisations.models import Organisation
from jejak.reference.lookup import find_major_id, major_lookup_table
from jejak.reference.models import Industry, Occupation, Region

# title, majors (abbreviations), work regency, wage min, wage max, industry section
VACANCIES = [
    ("Teknisi Jaringan", ["TKJ"], "35.09", 2_900_000, 3_400_000, "J"),
    ("Programmer Junior", ["RPL"], "35.78", 4_000_000, 5_000_000, "J"),
    ("Staf Administrasi Keuangan", ["AKL"], "35.09", 2_700_000, 3_000_000, "K"),
    ("Mekanik Mobil", ["TKR"], "35.09", 2_800_000, 3_300_000, "G"),
    ("Mekanik Sepeda Motor", ["TBSM"], "35.09", 2_600_000, 3_000_000, "G"),
    ("Desainer Grafis", ["DKV"], "35.78", 3_500_000, 4_500_000, "M"),
    ("Operator Produksi", [], "32.16", 4_800_000, 5_200_000, "C"),  # Bekasi: AKAD
    ("Kasir Toko", ["BDP"], "35.09", 2_500_000, 2_700_000, "G"),
    ("Teknisi Listrik Gedung", ["TITL"], "35.78", 3_600_000, 4_200_000, "F"),
    ("Staf Kebun Kopi", ["ATPH"], "35.09", 2_400_000, 2_600_000, "A"),
    ("Asisten Apoteker", ["Farmasi"], "35.09", 2_900_000, 3_200_000, "Q"),
    ("Perawat Klinik", ["Keperawatan"], "35.09", 3_000_000, 3_500_000, "Q"),
    ("Juru Masak Hotel", ["Kuliner"], "51.03", 4_000_000, 4_600_000, "I"),  # Badung: AKAD
    ("Admin Gudang", [], "35.09", 2_700_000, 2_900_000, "H"),
    ("Sales Lapangan", [], "35.09", 2_600_000, 3_500_000, "G"),
]
# Applicants hired: to vacancies 5, 6 (Bekasi, so AKAD), 3 and 6 again.
ACCEPTED_AT = {5, 6, 11, 14}
STAGES = [Stage.APPLIED, Stage.SHORTLISTED, Stage.TEST, Stage.INTERVIEW, Stage.REJECTED]


def seed_jobs(schools: list[Organisation], companies: list[Organisation], seed: int) -> None:
    rng = random.Random(seed + 4)
    school = schools[0]
    bkk = Membership.objects.get(organisation=school, role=Role.BKK_OFFICER).user
    for company in companies:
        CompanyInfo.objects.create(
            organisation=company, nib=f"91200{rng.randint(10**7, 10**8 - 1)}",
            email_domain=company.name.split()[-1].lower() + ".co.id",
            contact_name="HRD", source=CompanyInfo.Source.SCHOOL,
        )  # fmt: skip
    today = timezone.localdate()
    for index, company in enumerate(companies[:-1]):
        Vetting.objects.create(
            company=company, organisation=schools[index % len(schools)],
            nib=company.company_info.nib,
            visited_on=today - dt.timedelta(days=30 + index), vetted_by=bkk,
            note="Kantor dan pabrik dikunjungi, NIB cocok di OSS.",
        )  # fmt: skip
    Flag.objects.create(
        company=companies[-1], organisation=schools[2 % len(schools)], raised_by=bkk,
        reason="Diduga fiktif: meminta biaya pendaftaran dari pelamar, alamat kantor kosong.",
    )  # fmt: skip
    for partner in schools[:2]:
        Partnership.objects.create(
            organisation=partner, company=companies[0], number=f"MoU/{partner.npsn}/2025",
            starts_on=today.replace(month=1, day=2), ends_on=today.replace(year=today.year + 2),
            scope="PKL, rekrutmen lulusan, kelas industri",
        )  # fmt: skip
    vacancies = _vacancies(rng, schools, companies, bkk)
    _applications(rng, school, vacancies, bkk)


def _vacancies(
    rng: random.Random, schools: list[Organisation], companies: list[Organisation], bkk: object
) -> list[Vacancy]:
    majors = major_lookup_table()
    regency = Region.objects.get(code=schools[0].region_id)
    today = timezone.localdate()
    made = []
    for index, (title, abbrs, where, low, high, _section) in enumerate(VACANCIES):
        company = companies[index % len(companies)]
        vacancy = Vacancy.objects.create(
            company=company, posted_by_org=company, title=title, openings=rng.randint(1, 10),
            opens_on=today - dt.timedelta(days=rng.randint(1, 20)),
            closes_on=today + dt.timedelta(days=rng.randint(10, 45)),
            age_min=18, age_max=rng.choice([24, 25, 30]), education="SMK",
            skills="Jujur, disiplin, mau belajar", experience="Tidak wajib",
            wage_min=low, wage_max=high, work_region_id=where, formal=index % 7 != 3,
            disability_friendly=index % 4 == 0, description=f"{title} untuk lulusan SMK.",
        )  # fmt: skip
        vacancy.majors.set([m for a in abbrs if (m := find_major_id(a, majors))])
        if index % 3 == 0:
            VacancyTarget.objects.create(vacancy=vacancy, region=regency)
        else:
            for target in schools[: 1 + index % 4]:
                VacancyTarget.objects.create(vacancy=vacancy, school=target)
        made.append(vacancy)
    return made


def _applications(
    rng: random.Random, school: Organisation, vacancies: list[Vacancy], bkk: object
) -> None:
    cohort = Alumnus.objects.filter(organisation=school).order_by("-cohort").values("cohort")[:1]
    alumni = list(
        Alumnus.objects.filter(organisation=school, cohort__in=cohort).order_by("pk")[:40]
    )
    demo = Membership.objects.filter(organisation=school, role=Role.ALUMNUS).first()
    if demo is not None and demo.alumnus is not None:
        alumni.insert(0, demo.alumnus)
    for index, alumnus in enumerate(alumni[:24]):
        vacancy = vacancies[index % 8]
        application, created = Application.objects.get_or_create(
            vacancy=vacancy, alumnus=alumnus, defaults={"organisation": school}
        )
        if not created:
            continue
        ApplicationStep.objects.create(application=application, to_stage=Stage.APPLIED)
        stage = Stage.INTERVIEW if index == 0 else STAGES[index % len(STAGES)]
        if index in ACCEPTED_AT:
            stage = Stage.ACCEPTED
        for step in STAGES[1 : STAGES.index(stage) + 1] if stage in STAGES else STAGES[1:4]:
            application_move(application=application, to_stage=step, actor=bkk, organisation=school)
        if stage == Stage.ACCEPTED:
            application_move(application=application, to_stage=stage, actor=bkk,
                             organisation=school)  # fmt: skip
            _place(rng, school, application, bkk)
    for alumnus in alumni[30:33]:  # jobs found elsewhere, recorded by the BKK
        placement_record(
            school=school, alumnus=alumnus, actor=bkk, recorded_by_org=school,
            employer=rng.choice(["Bengkel Maju Motor", "Toko Bangunan Sentosa", "CV Kopi Raung"]),
            start_date=timezone.localdate() - dt.timedelta(days=rng.randint(20, 200)),
            work_region=Region.objects.get(code=rng.choice(["35.09", "35.10", "35.78"])),
            wage=rng.choice([2_400_000, 2_700_000, 3_100_000]), formal=rng.random() < 0.6,
            industry=Industry.objects.filter(code="G").first(),
        )  # fmt: skip


def _place(rng: random.Random, school: Organisation, application: Application, bkk: object) -> None:
    vacancy = application.vacancy
    section = next(v[5] for v in VACANCIES if v[0] == vacancy.title)
    placement_record(
        school=school, alumnus=application.alumnus, actor=bkk, recorded_by_org=school,
        employer=vacancy.company.name, start_date=timezone.localdate() - dt.timedelta(days=14),
        work_region=vacancy.work_region, wage=vacancy.wage_min, formal=vacancy.formal,
        job_title=vacancy.title, industry=Industry.objects.filter(code=section).first(),
        occupation=Occupation.objects.filter(code="7").first(), application=application,
    )  # fmt: skip
