"""The BKK's matching pages: count on the vacancy, candidates with reasons, shortlist, offer to
the company (which then sees only what each candidate shares), WhatsApp links."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from jejak.alumni.models import Consent
from jejak.audit.models import AuditEvent
from jejak.jobs.models import Notification
from jejak.matching.models import Shortlisted
from tests.conftest import Tenant
from tests.jobs_factories import post, vet
from tests.matching_factories import major, register

pytestmark = pytest.mark.django_db


def setup(t: Tenant) -> Any:
    vet(t)
    register(t.alumnus, skills="Mikrotik")
    register(t.other_alumnus)
    return post(t, majors=[major("TKJ")])


def test_the_vacancy_page_counts_fitting_alumni_and_lists_them_with_reasons(
    login: Any, jember: Tenant
) -> None:
    vacancy = setup(jember)
    client = login(jember.bkk)
    detail = client.get(reverse("jobs:detail", args=[jember.school.code, vacancy.code]))
    assert "2 alumni/pencari kerja BKK ini cocok" in detail.content.decode()
    page = client.get(reverse("matching:candidates", args=[jember.school.code, vacancy.code]))
    text = page.content.decode()
    assert jember.alumnus.name in text and "Konsentrasi sama: Teknik Komputer dan Jaringan" in text
    assert AuditEvent.objects.filter(action="candidates.viewed").exists()


def test_bkk_shortlists_and_offers_and_the_company_sees_only_shared_parts(
    login: Any, jember: Tenant, bandung: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    vacancy = setup(jember)
    client = login(jember.bkk)
    candidates = reverse("matching:candidates", args=[jember.school.code, vacancy.code])
    codes = [jember.alumnus.code, jember.other_alumnus.code, bandung.alumnus.code]
    client.post(candidates, {"alumnus": codes})
    rows = Shortlisted.objects.filter(vacancy=vacancy)
    assert {r.alumnus_id for r in rows} == {jember.alumnus.pk, jember.other_alumnus.pk}
    shortlist = reverse("matching:shortlist", args=[jember.school.code, vacancy.code])
    assert "https://wa.me/6281234567890?text=" in client.get(shortlist).content.decode()

    chosen = {"action": "offer", "row": [r.code for r in rows]}
    asked = client.post(shortlist, chosen)
    assert 'name="confirm" value="1"' in asked.content.decode()
    assert not rows.filter(offered_at__isnull=False).exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(shortlist, {**chosen, "confirm": "1"})
    assert rows.filter(offered_at__isnull=False).count() == 2
    assert AuditEvent.objects.filter(action="shortlist.offered").count() == 2
    assert Notification.objects.filter(user=jember.recruiter).exists()

    recruiter = login(jember.recruiter)
    offers = recruiter.get(reverse("matching:offers", args=[jember.company.code, vacancy.code]))
    text = offers.content.decode()
    assert jember.alumnus.name in text and jember.other_alumnus.name in text
    assert "+6281234567890" not in text  # contact is not shared by default
    cv = reverse("profiles:alumnus_cv", args=[jember.company.code, jember.alumnus.code])
    assert recruiter.get(cv).status_code == 200
    assert AuditEvent.objects.filter(action="offers.viewed").exists()


def test_a_company_sees_nobody_it_was_not_offered(login: Any, jember: Tenant) -> None:
    setup(jember)
    recruiter = login(jember.recruiter)
    cv = reverse("profiles:alumnus_cv", args=[jember.company.code, jember.alumnus.code])
    assert recruiter.get(cv).status_code == 404


def test_withdrawn_consent_removes_an_offered_candidate(login: Any, jember: Tenant) -> None:
    vacancy = setup(jember)
    Shortlisted.objects.create(organisation=jember.school, vacancy=vacancy, score=80,
                               alumnus=jember.alumnus, offered_at="2026-01-01T00:00Z")  # fmt: skip
    jember.alumnus.consent = Consent.WITHDRAWN
    jember.alumnus.save()
    recruiter = login(jember.recruiter)
    offers = recruiter.get(reverse("matching:offers", args=[jember.company.code, vacancy.code]))
    assert jember.alumnus.name not in offers.content.decode()
    cv = reverse("profiles:alumnus_cv", args=[jember.company.code, jember.alumnus.code])
    assert recruiter.get(cv).status_code == 404
    bkk = login(jember.bkk)
    page = bkk.get(reverse("matching:candidates", args=[jember.school.code, vacancy.code]))
    assert jember.alumnus.name not in page.content.decode()


def test_a_seeker_reads_why_a_vacancy_fits_and_why_another_does_not(
    login: Any, jember: Tenant
) -> None:
    vet(jember)
    register(jember.alumnus)
    fitting = post(jember, majors=[major("TKJ")], title="Teknisi Jaringan")
    other = post(jember, majors=[major("RPL")], title="Programmer")
    client = login(jember.alumnus_user)

    page = client.get(reverse("matching:me_fits")).content.decode()
    assert "Teknisi Jaringan" in page and "Programmer" not in page
    assert "Konsentrasi sama: Teknik Komputer dan Jaringan" in page

    why = client.get(reverse("jobs:me_vacancy", args=[fitting.code])).content.decode()
    assert "Cocok untuk Anda" in why and "Tinggal di kabupaten yang sama" in why
    why_not = client.get(reverse("jobs:me_vacancy", args=[other.code])).content.decode()
    assert "Jurusan yang diterima: Rekayasa Perangkat Lunak" in why_not


def test_an_alumnus_not_registered_is_asked_to_register(login: Any, jember: Tenant) -> None:
    client = login(jember.alumnus_user)
    page = client.get(reverse("matching:me_fits")).content.decode()
    assert "Daftarkan diri sebagai pencari kerja" in page
