"""Job alerts: a digest email of new fitting vacancies, once each; the "for you" list; the
BKK's WhatsApp links; stopping alerts in the app or from the email without logging in."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django.urls import reverse

from jejak.jobs.models import AlertSent, AlertSetting
from jejak.jobs.tasks import send_digests
from jejak.reference.lookup import find_major_id, major_lookup_table
from jejak.reference.models import Major
from tests.conftest import Tenant
from tests.jobs_factories import post, vet


def _with_email(t: Tenant) -> None:
    t.alumnus.email = "siti@example.id"
    t.alumnus.save()


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
    jember.other_alumnus.email = "budi@example.id"
    jember.other_alumnus.save()
    vet(jember)
    post(jember, title="Teknisi CCTV")  # immediate tasks: the posting round goes out now
    mail.outbox.clear()
    AlertSent.objects.all().delete()  # as if the round had not run yet
    assert send_digests(limit=1) == (1, 1)
    assert send_digests(limit=1) == (1, 0)  # the next round takes the one left
    assert sorted(m.to[0] for m in mail.outbox) == ["budi@example.id", "siti@example.id"]
    assert send_digests(limit=1) == (0, 0)  # nobody gets the same vacancy twice


def test_an_akad_vacancy_reaches_alumni_wherever_they_live(jember: Tenant) -> None:
    """Work in another province than the school's (AKAD) is for people ready to move: it fits
    alumni living anywhere; work in the school's own province fits those living in it."""
    from jejak.jobs.models import Vacancy
    from jejak.jobs.selectors import fits, matching_alumni
    from jejak.reference.models import Region

    vet(jember)
    jember.alumnus.region = Region.objects.get(code="35.09")
    jember.alumnus.save()
    jember.other_alumnus.region = Region.objects.get(code="32.73")  # moved to Bandung
    jember.other_alumnus.save()
    akad = post(jember, title="Operator Bekasi", work_region=Region.objects.get(code="32.73"))
    akl = post(jember, title="Kasir Surabaya", work_region=Region.objects.get(code="35.78"))
    reached = set(matching_alumni(akad))
    assert {jember.alumnus, jember.other_alumnus} <= reached
    assert jember.alumnus in set(matching_alumni(akl))
    assert jember.other_alumnus not in set(matching_alumni(akl))
    every = Vacancy.objects.filter(pk__in=[akad.pk, akl.pk])
    assert set(fits(every, jember.alumnus)) == {akad, akl}
    assert set(fits(every, jember.other_alumnus)) == {akad}


def test_a_disability_friendly_vacancy_reaches_seekers_with_a_disability_first(
    jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    import datetime as dt

    from django.utils import timezone

    from jejak.jobs.models import Vacancy
    from jejak.seekers.models import RegistrationSource
    from jejak.seekers.services import registration_open

    for alumnus, email in (
        (jember.alumnus, "siti@example.id"),
        (jember.other_alumnus, "budi@example.id"),
    ):
        alumnus.email = email
        alumnus.save()
    registration_open(
        organisation=jember.school, alumnus=jember.alumnus, actor=jember.bkk,
        source=RegistrationSource.SELF, registered_on=timezone.localdate(),
        disability_category="sensorik", disability_consent=True,
    )  # fmt: skip
    vet(jember)
    with django_capture_on_commit_callbacks(execute=True):
        vacancy = post(jember, title="Operator Ramah Disabilitas", disability_friendly=True)
    assert [m.to for m in mail.outbox] == [["siti@example.id"]]
    Vacancy.objects.filter(pk=vacancy.pk).update(created_at=timezone.now() - dt.timedelta(days=3))
    send_digests()
    assert [m.to for m in mail.outbox][1:] == [["budi@example.id"]]
