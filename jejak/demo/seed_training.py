"""Demo BLK data: two UPT BLKs of the province with programmes, past, running and open
batches, trainees (some with disabilities, some who went on to a business or a job), the
provincial Disnakertrans analyst and a BLK admin for each, one person with both an SMK and a
BLK history, and (seed_blk_support) mentoring, referrals, the alumni networks and a trainee
login."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from jejak.accounts.models import Role, User
from jejak.alumni.models import Alumnus, Consent
from jejak.demo.people import make_person
from jejak.demo.seed_blk_support import seed_blk_support, trainee_login
from jejak.lib.codes import new_code
from jejak.organisations.models import Organisation
from jejak.outcomes.models import Activity, OutcomeEvent, Source
from jejak.reference.models import Occupation, Region
from jejak.training.models import Batch, Enrolment, Programme
from jejak.training.services import person_link

# (institution code, regency, name, programmes: (code, kejuruan, name, hours, KBJI))
BLKS = [
    ("UPTBLK-JBR", "35.09", None, [
        ("OTO-01", "Teknik Otomotif", "Servis Sepeda Motor Injeksi", 240, "7"),
        ("TIK-02", "Teknologi Informasi", "Desain Grafis Madya", 280, "3"),
        ("BOG-03", "Pariwisata", "Pengolahan Roti dan Kue", 160, "7"),
    ]),
    ("UPTBLK-BWI", "35.10", "UPT Balai Latihan Kerja Banyuwangi", [
        ("LAS-01", "Teknik Las", "Pengelasan SMAW 3G", 320, "7"),
        ("GAR-02", "Garmen Apparel", "Menjahit Pakaian dengan Mesin", 240, "7"),
    ]),
]  # fmt: skip
DISABILITIES = ["fisik", "sensorik", "fisik", "intelektual"]


def seed_training(
    rng: random.Random, *, blk: Organisation, province_office: Organisation, smk_person: Alumnus
) -> list[tuple[User, Organisation, str]]:
    """Seed the BLKs; the (user, organisation, role) memberships to add to the login table."""
    today = timezone.localdate()
    people: list[tuple[User, Organisation, str]] = []
    serial = 900_000
    for index, (code, regency, name, programmes) in enumerate(BLKS):
        centre = blk if index == 0 else _second_blk(regency, name or "")
        # No BKK rows: a BLK's own job exchange (issue 13 item 9) comes later, and the demo's
        # BKK register and IPK III story stays that of its schools.
        centre.institution_code = code
        centre.save(update_fields=["institution_code"])
        for p_index, (own, vocation, title, hours, kbji) in enumerate(programmes):
            programme = Programme.objects.create(
                organisation=centre, own_code=own, vocation=vocation, name=title, hours=hours,
                competency_standard="SKKNI, KKNI level II",
            )  # fmt: skip
            programme.occupations.set(Occupation.objects.filter(code=kbji))
            for ago, state in ((300, Batch.State.DONE), (20, Batch.State.RUNNING),
                               (-30, Batch.State.OPEN)):  # fmt: skip
                start = today - dt.timedelta(days=ago + 7 * p_index)
                batch = Batch.objects.create(
                    organisation=centre, programme=programme, own_code=f"{own}-{start:%y%m}",
                    start_date=start, end_date=start + dt.timedelta(days=hours // 4),
                    funding=rng.choice(["APBN", "APBD", "APBN"]), quota=16, state=state,
                    mode="mtu" if p_index == 2 else "institutional",
                    location=centre.name if p_index != 2 else "Balai Desa Ajung",
                    accessibility_notes="Ruang praktik di lantai dasar; pendamping juru bahasa "
                    "isyarat bila diminta." if p_index == 0 else "",
                )  # fmt: skip
                if state != Batch.State.OPEN:
                    serial = _trainees(rng, batch, serial, today)
    province_analyst = User.objects.create_user(
        email="analis@disnakertrans-jatim.demo", name="Dwi Rahayu (Disnakertrans)",
        password=_password(),
    )  # fmt: skip
    people.append((province_analyst, province_office, Role.OFFICE_ANALYST))
    second = Organisation.objects.get(institution_code="UPTBLK-BWI")
    people.append((_admin("admin@blk-banyuwangi.demo", "Yoga Pratama (BLK)"), second,
                   Role.BLK_ADMIN))  # fmt: skip
    _both_histories(smk_person, blk, today)
    # Its own generator: the support records leave the rest of the demo as it was.
    seed_blk_support(random.Random(13), [blk, second], today)
    trainee_login(blk, _password())
    return people


def _password() -> str:
    from jejak.demo.seeding import DEMO_PASSWORD

    return DEMO_PASSWORD


def _admin(email: str, name: str) -> User:
    return User.objects.create_user(email=email, name=name, password=_password())


def _second_blk(regency: str, name: str) -> Organisation:
    region = Region.objects.filter(code=regency).first() or Region.objects.get(code="35.09")
    return Organisation.objects.create(
        kind=Organisation.Kind.TRAINING_CENTRE, region=region, name=name, status="negeri"
    )


def _trainees(rng: random.Random, batch: Batch, serial: int, today: dt.date) -> int:
    finished = batch.state == Batch.State.DONE
    regency = batch.organisation.region_id.replace(".", "")
    for number in range(rng.randint(12, 16)):
        serial += 1
        person = make_person(rng, rng.randint(2000, 2012) + 18, serial, regency)
        alumnus = Alumnus.objects.create(
            organisation=batch.organisation, nik=person.nik, name=person.name, sex=person.sex,
            birth_place=person.birth_place, birth_date=person.birth_date,
            cohort=batch.cohort, phone="+62" + person.phone[1:],
            address=f"{person.street}, {person.village}", region_id=batch.organisation.region_id,
            consent=Consent.GIVEN, consent_at=timezone.now(),
        )  # fmt: skip
        graduated = finished and rng.random() < 0.88
        disability = DISABILITIES[number % 4] if number in (3, 9) else ""
        Enrolment.objects.create(
            organisation=batch.organisation, batch=batch, alumnus=alumnus,
            education=rng.choice(["SMP", "SMA", "SMK", "SMK", "SMK", "D3"]),
            work_before=rng.choice(["mencari_kerja", "mencari_kerja", "bekerja", "wirausaha"]),
            disability=disability, disability_consent_at=timezone.now() if disability else None,
            completed=finished or None, completed_on=batch.end_date if finished else None,
            graduated=graduated if finished else None,
            graduated_on=batch.end_date if finished else None,
            competent=(rng.random() < 0.8) if graduated else None,
            assessed_on=batch.end_date if graduated else None,
            consent_at=timezone.now(),
        )  # fmt: skip
        enrolment = Enrolment.objects.get(batch=batch, alumnus=alumnus)
        if enrolment.competent:
            enrolment.certificate_number = (
                f"BNSP {batch.programme.own_code}.{serial:05d} {today:%Y}"
            )
            enrolment.certification_scheme = batch.programme.name
            enrolment.save(update_fields=["certificate_number", "certification_scheme"])
        if graduated:
            _outcome(rng, alumnus, batch, today)
    return serial


# programme code prefix -> a business a graduate of it would start ({} is their first name)
BUSINESSES = {"OTO": "Bengkel {} Motor", "TIK": "{} Desain Grafis", "BOG": "Dapur Kue {}",
              "LAS": "Bengkel Las {} Jaya", "GAR": "Penjahit {}"}  # fmt: skip


def _outcome(rng: random.Random, alumnus: Alumnus, batch: Batch, today: dt.date) -> None:
    end = batch.end_date
    roll = rng.random()
    if roll < 0.4:
        activity, employer = Activity.WORKING, rng.choice(["PT Astra Honda Motor", "CV Sinar"])
    elif roll < 0.6:
        business = BUSINESSES.get(batch.programme.own_code[:3], "Usaha {}")
        activity, employer = Activity.SELF_EMPLOYED, business.format(alumnus.name.split()[0])
    elif roll < 0.8:
        activity, employer = Activity.LOOKING, ""
    else:
        return  # not traced yet
    start = min(end + dt.timedelta(days=rng.randint(-10, 120)), today)
    OutcomeEvent.objects.create(
        code=new_code(), organisation=alumnus.organisation, alumnus=alumnus, activity=activity,
        start_date=start, source=Source.IMPORT, employer=employer,
        formal=True if activity == Activity.WORKING else None,
    )  # fmt: skip


def _both_histories(smk_person: Alumnus, blk: Organisation, today: dt.date) -> None:
    """The demo SMK alumnus also trained at the BLK: two records, linked as one person."""
    batch = Batch.objects.filter(organisation=blk, state=Batch.State.DONE).first()
    assert batch is not None
    if not smk_person.nik and smk_person.birth_date:
        born = smk_person.birth_date
        day = born.day + (40 if smk_person.sex == "P" else 0)
        smk_person.nik = f"350901{day:02d}{born:%m%y}0001"
        smk_person.save(update_fields=["nik"])
    trainee = Alumnus.objects.create(
        organisation=blk, nik=smk_person.nik, name=smk_person.name, sex=smk_person.sex,
        birth_date=smk_person.birth_date, cohort=batch.cohort, phone=smk_person.phone,
        consent=Consent.GIVEN, consent_at=timezone.now(),
    )  # fmt: skip
    Enrolment.objects.create(
        organisation=blk, batch=batch, alumnus=trainee, education="SMK", completed=True,
        completed_on=batch.end_date, graduated=True, graduated_on=batch.end_date,
        competent=True, assessed_on=batch.end_date, consent_at=timezone.now(),
        certificate_number=f"BNSP {batch.programme.own_code}.00001 {today:%Y}",
    )  # fmt: skip
    person_link(trainee=trainee, other=smk_person, actor=None)
    OutcomeEvent.objects.create(
        code=new_code(), organisation=blk, alumnus=trainee, activity=Activity.SELF_EMPLOYED,
        start_date=min(batch.end_date + dt.timedelta(days=45), today), source=Source.IMPORT,
        employer=f"Bengkel {smk_person.name.split()[0]} Motor",
    )  # fmt: skip
