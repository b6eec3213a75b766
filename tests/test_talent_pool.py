"""The talent pool: vetted companies find job seekers who opted in, audited, only as shared."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from jejak.alumni.models import Consent
from jejak.audit.models import AuditEvent
from jejak.matching.models import PoolOptIn
from tests.conftest import Tenant
from tests.jobs_factories import vet
from tests.matching_factories import major, register

pytestmark = pytest.mark.django_db


def search(client: Any, t: Tenant, **params: Any) -> str:
    url = reverse("matching:talent_search", args=[t.company.code])
    return client.get(url, {"major": major("TKJ"), **params}).content.decode()


def test_a_vetted_company_finds_only_seekers_who_opted_in(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    vet(jember)
    register(jember.alumnus, certificates="BNSP Teknisi Jaringan")
    register(jember.other_alumnus)  # registered, but did not opt in
    register(bandung.alumnus)  # opted in, in a province where the company is not vetted
    client = login(jember.alumnus_user)
    client.post(reverse("matching:me_pool"), {"join": "1"})
    PoolOptIn.objects.create(alumnus=bandung.alumnus, organisation=bandung.school)

    recruiter = login(jember.recruiter)
    page = search(recruiter, jember, certificate="bnsp", cohort=2025)

    assert jember.alumnus.name in page
    assert jember.other_alumnus.name not in page and bandung.alumnus.name not in page
    assert AuditEvent.objects.filter(action="talentpool.searched").exists()
    assert AuditEvent.objects.filter(action="talentpool.joined").exists()
    assert jember.alumnus.name not in search(recruiter, jember, certificate="las")


def test_the_profile_is_only_what_is_shared_and_each_view_is_audited(
    login: Any, jember: Tenant
) -> None:
    vet(jember)
    register(jember.alumnus)
    PoolOptIn.objects.create(alumnus=jember.alumnus, organisation=jember.school)
    recruiter = login(jember.recruiter)
    url = reverse("matching:talent_profile", args=[jember.company.code, jember.alumnus.code])
    page = recruiter.get(url).content.decode()
    assert jember.alumnus.name in page and "+6281234567890" not in page
    assert "Hubungi lewat BKK" in page
    assert AuditEvent.objects.filter(action="talentpool.profile_viewed").exists()


def test_leaving_or_withdrawing_consent_removes_the_person(login: Any, jember: Tenant) -> None:
    vet(jember)
    register(jember.alumnus)
    PoolOptIn.objects.create(alumnus=jember.alumnus, organisation=jember.school)
    recruiter = login(jember.recruiter)
    url = reverse("matching:talent_profile", args=[jember.company.code, jember.alumnus.code])
    assert recruiter.get(url).status_code == 200
    jember.alumnus.consent = Consent.WITHDRAWN
    jember.alumnus.save()
    assert recruiter.get(url).status_code == 404
    assert jember.alumnus.name not in search(recruiter, jember)
    cv = reverse("profiles:alumnus_cv", args=[jember.company.code, jember.alumnus.code])
    assert recruiter.get(cv).status_code == 404


def test_an_unvetted_company_cannot_search(login: Any, jember: Tenant) -> None:
    recruiter = login(jember.recruiter)
    url = reverse("matching:talent_search", args=[jember.company.code])
    assert recruiter.get(url).status_code == 404
