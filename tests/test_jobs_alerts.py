"""Job alerts: a digest email of new fitting vacancies, once each, each with its reasons; the
"for you" list; the BKK's WhatsApp links; stopping alerts in the app or from the email without
logging in. Who is alerted is who the matching engine finds (issue 14: "Job alerts use the same
matching"), less those without an email or with alerts off."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jejak.alumni.models import Alumnus, Consent
from jejak.jobs.models import AlertSent, AlertSetting
from jejak.jobs.tasks import send_digests
from jejak.matching import engine
from jejak.reference.lookup import find_major_id, major_lookup_table
from jejak.reference.models import Major
from jejak.seekers.models import RegistrationSource
from jejak.seekers.services import registration_open
from tests.conftest import Tenant
from tests.jobs_factories import post, vet
from tests.matching_factories import major, major_by_code, outcome, person, seeker


def _seeking(alumnus: Alumnus, email: str = "siti@example.id", **fields: Any) -> None:
    """The alumnus registers with their school's BKK as a job seeker: the agreement to be
    matched, and so to be alerted."""
    alumnus.email = email
    alumnus.save()
    registration_open(
        organisation=alumnus.organisation, alumnus=alumnus, actor=None,
        source=RegistrationSource.SELF, registered_on=timezone.localdate(), **fields,
    )  # fmt: skip


def _with_email(t: Tenant) -> None:
    _seeking(t.alumnus)


def test_digest_goes_out_after_posting_once_per_vacancy_and_can_be_stopped(
    client: Any, jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    _with_email(jember)
    vet(jember)
    with django_capture_on_commit_callbacks(execute=True):
        first = post(jember, title="Teknisi CCTV")
    assert [m.to for m in mail.outbox] == [["siti@example.id"]]
    assert "Teknisi CCTV" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        post(jember, title="Admin Gudang")
    assert len(mail.outbox) == 2
    assert "Admin Gudang" in mail.outbox[1].body and first.title not in mail.outbox[1].body
    stop = re.search(r"http\S+/lowongan/berhenti/\S+/", mail.outbox[1].body)
    assert stop is not None
    path = stop.group(0).split("8000", 1)[-1]
    assert "Berhenti menerima" in client.get(path).content.decode()
    client.post(path)
    assert AlertSetting.objects.get(alumnus=jember.alumnus).enabled is False
    with django_capture_on_commit_callbacks(execute=True):
        post(jember, title="Kurir")
    assert len(mail.outbox) == 2


def test_a_forged_unsubscribe_token_is_not_found(client: Any, jember: Tenant) -> None:
    assert client.get(reverse("jobs:unsubscribe", args=["palsu:123"])).status_code == 404


def test_unvetted_company_sends_no_alerts_until_vetted(
    jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    _with_email(jember)
    with django_capture_on_commit_callbacks(execute=True):
        post(jember, title="Belum Diverifikasi")
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        vet(jember)
    assert len(mail.outbox) == 1 and "Belum Diverifikasi" in mail.outbox[0].body


def test_for_you_list_follows_the_major(login: Any, jember: Tenant) -> None:
    vet(jember)
    other_major = Major.objects.exclude(pk=find_major_id("TKJ", major_lookup_table())).filter(
        level="konsentrasi").first()  # fmt: skip
    post(jember, title="Cocok Semua Jurusan")
    post(jember, title="Hanya Jurusan Lain", majors=[other_major])
    client = login(jember.alumnus_user)
    mine = client.get(reverse("jobs:me_vacancies"), {"untuk": "anda"}).content.decode()
    assert "Cocok Semua Jurusan" in mine and "Hanya Jurusan Lain" not in mine
    everything = client.get(reverse("jobs:me_vacancies")).content.decode()
    assert "Hanya Jurusan Lain" in everything


def test_alumnus_switches_alerts_off_in_the_app(login: Any, jember: Tenant) -> None:
    client = login(jember.alumnus_user)
    client.post(reverse("jobs:me_alerts"), {"enabled": "0"})
    assert AlertSetting.objects.get(alumnus=jember.alumnus).enabled is False
    page = client.get(reverse("jobs:me_vacancies")).content.decode()
    assert "Nyalakan pemberitahuan lowongan" in page


def test_bkk_gets_whatsapp_links_for_fitting_alumni(login: Any, jember: Tenant) -> None:
    _seeking(jember.alumnus)
    vet(jember)
    vacancy = post(jember)
    page = login(jember.bkk).get(reverse("jobs:detail", args=[jember.school.code, vacancy.code]))
    text = page.content.decode()
    assert "https://wa.me/6281234567890?text=" in text
    assert f"lowongan%2F{vacancy.code}" in text or f"lowongan/{vacancy.code}" in text
    # The company itself gets no list of alumni phone numbers.
    company = login(jember.recruiter).get(
        reverse("jobs:detail", args=[jember.company.code, vacancy.code])
    )
    assert "wa.me" not in company.content.decode()


def test_no_alerts_to_someone_who_refused_consent(
    jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    _with_email(jember)
    jember.alumnus.consent = "refused"
    jember.alumnus.save()
    vet(jember)
    with django_capture_on_commit_callbacks(execute=True):
        post(jember, title="Teknisi")
    assert mail.outbox == []


def test_digests_are_paced_and_the_rest_go_out_in_the_next_round(jember: Tenant) -> None:
    _with_email(jember)
    _seeking(jember.other_alumnus, "budi@example.id")
    vet(jember)
    post(jember, title="Teknisi CCTV")  # immediate tasks: the posting round goes out now
    mail.outbox.clear()
    AlertSent.objects.all().delete()  # as if the round had not run yet
    assert send_digests(limit=1) == (1, 1)
    assert send_digests(limit=1) == (1, 0)  # the next round takes the one left
    assert sorted(m.to[0] for m in mail.outbox) == ["budi@example.id", "siti@example.id"]
    assert send_digests(limit=1) == (0, 0)  # nobody gets the same vacancy twice


def test_an_akad_vacancy_alerts_seekers_wherever_they_live(
    jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    """Work in another province than the school's (AKAD) reaches seekers living anywhere; where
    a seeker lives is a soft factor of the score, never a condition (matching.rules)."""
    from jejak.reference.models import Region

    _seeking(jember.alumnus)
    jember.alumnus.region = Region.objects.get(code="35.09")
    jember.alumnus.save()
    _seeking(jember.other_alumnus, "budi@example.id")
    jember.other_alumnus.region = Region.objects.get(code="32.73")  # moved to Bandung
    jember.other_alumnus.save()
    vet(jember)
    with django_capture_on_commit_callbacks(execute=True):
        post(jember, title="Operator Bekasi", work_region=Region.objects.get(code="32.73"))
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert set(bodies) == {"siti@example.id", "budi@example.id"}
    assert "Tinggal di kabupaten yang sama" in bodies["budi@example.id"]
    assert "Tinggal di kabupaten yang sama" not in bodies["siti@example.id"]


def test_a_disability_friendly_vacancy_reaches_seekers_with_a_disability_first(
    jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    import datetime as dt

    from jejak.jobs.models import Vacancy

    _seeking(jember.alumnus, disability_category="sensorik", disability_consent=True)
    _seeking(jember.other_alumnus, "budi@example.id")
    vet(jember)
    with django_capture_on_commit_callbacks(execute=True):
        vacancy = post(jember, title="Operator Ramah Disabilitas", disability_friendly=True)
    assert [m.to for m in mail.outbox] == [["siti@example.id"]]
    Vacancy.objects.filter(pk=vacancy.pk).update(created_at=timezone.now() - dt.timedelta(days=3))
    send_digests()
    assert [m.to for m in mail.outbox][1:] == [["budi@example.id"]]


def _bidang_of(konsentrasi: int) -> Any:
    from jejak.reference.models import Major

    return Major.objects.get(pk=konsentrasi).parent.parent


def test_alerts_go_to_exactly_the_people_the_engine_finds(
    jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    """A pool where the old rule (school + major or its parent + province) and the engine
    differ: the old rule alerted 1, 2, 4 and 5 and missed 3 and 9."""
    school = jember.school
    old_year = timezone.localdate().year - 40
    seeker(school, "1000000001", email="a1@example.id")
    person(school, "1000000002", email="a2@example.id")  # not looking, no agreement
    looking = person(school, "1000000003", email="a3@example.id", consent=Consent.GIVEN)
    outcome(looking, "mencari_kerja", 30)  # looking and agreed, not registered
    seeker(school, "1000000004", email="a4@example.id", born=dt.date(old_year, 1, 1))
    seeker(school, "1000000005", email="a5@example.id", registration={"education": "SMA"})
    seeker(school, "1000000006", email="a6@example.id", consent=Consent.WITHDRAWN)
    off = seeker(school, "1000000007", email="a7@example.id")
    AlertSetting.objects.create(alumnus=off, enabled=False)
    seeker(school, "1000000008")  # no email
    seeker(school, "1000000009", email="a9@example.id", major_id=major("RPL"))  # same bidang
    bidang = _bidang_of(major("TKJ"))
    vet(jember)
    with django_capture_on_commit_callbacks(execute=True):
        vacancy = post(jember, title="Teknisi TI", majors=[bidang], age_max=25)

    alerted = {m.to[0] for m in mail.outbox}
    assert alerted == {"a1@example.id", "a3@example.id", "a9@example.id"}
    eligible = {c.seeker.nisn for c in engine.match_vacancy(vacancy).results}
    assert eligible == {"1000000001", "1000000003", "1000000007", "1000000008", "1000000009"}
    body = next(m.body for m in mail.outbox if m.to == ["a1@example.id"])
    assert f"Bidang keahlian sesuai: {bidang.name}" in body
    assert "Tinggal di kabupaten yang sama" in body


def test_the_digest_names_the_exact_major_as_a_reason(
    jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    _with_email(jember)
    vet(jember)
    with django_capture_on_commit_callbacks(execute=True):
        post(jember, title="Teknisi Jaringan", majors=[major_by_code(_code_of("TKJ"))])
    (sent,) = mail.outbox
    line = sent.body.split("- Teknisi Jaringan", 1)[1].splitlines()[1]
    assert "Konsentrasi sama: Teknik Komputer dan Jaringan" in line


def _code_of(text: str) -> str:
    from jejak.reference.models import Major

    return Major.objects.get(pk=major(text)).code


def test_a_person_who_withdrew_consent_gets_no_more_alerts(
    jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    _with_email(jember)
    vet(jember)
    with django_capture_on_commit_callbacks(execute=True):
        post(jember, title="Teknisi CCTV")
    assert len(mail.outbox) == 1
    jember.alumnus.consent = Consent.WITHDRAWN
    jember.alumnus.save()
    with django_capture_on_commit_callbacks(execute=True):
        post(jember, title="Admin Gudang")
    assert len(mail.outbox) == 1


def test_finding_who_to_alert_costs_the_same_queries_for_more_people(jember: Tenant) -> None:
    """The engine narrows the pool in the database: the queries grow with the vacancies, not
    with vacancies times people (no Python walk of the register)."""
    vet(jember)
    post(jember, title="Teknisi CCTV")
    post(jember, title="Admin Jaringan")
    for n in range(3):
        seeker(jember.school, f"300000000{n}", email=f"s{n}@example.id")
    AlertSent.objects.all().delete()
    with CaptureQueriesContext(connection) as few:
        assert send_digests(limit=0) == (0, 3)
    for n in range(3, 9):
        seeker(jember.school, f"300000000{n}", email=f"s{n}@example.id")
    with CaptureQueriesContext(connection) as many:
        assert send_digests(limit=0) == (0, 9)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_alerts_setting_says_email_alerts_go_to_registered_seekers(
    login: Any, jember: Tenant
) -> None:
    client = login(jember.alumnus_user)
    page = client.get(reverse("jobs:me_vacancies")).content.decode()
    assert "Email lowongan dikirim kepada pencari kerja yang setuju dicocokkan." in page
    assert reverse("seekers:me") in page
    _seeking(jember.alumnus)
    page = client.get(reverse("jobs:me_vacancies")).content.decode()
    assert "Anda menerima lowongan baru yang cocok untuk Anda, dengan alasannya" in page
