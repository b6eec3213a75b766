"""The job-seeker register on the web: the BKK registers and removes seekers, sees the hires
still open after 14 days, imports history; the person registers and reports on /me/."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from jejak.alumni.models import ImportJob
from jejak.jobs.services import placement_record
from jejak.reference.models import Region
from jejak.seekers.models import EndReason, Registration
from tests.conftest import Tenant


@pytest.mark.django_db
def test_the_bkk_registers_a_seeker_then_removes_them_with_a_reason(
    login: Any, jember: Tenant
) -> None:
    client = login(jember.bkk)
    new = reverse("seekers:new", args=[jember.school.code])
    response = client.post(new, {
        "nisn": jember.alumnus.nisn, "registered_on": "2026-03-02", "education": "SMK",
        "occupations_sought": ["3", "7"], "disability_category": "fisik",
    })  # fmt: skip
    assert response.status_code == 422  # a disability category needs consent
    assert "persetujuan" in response.content.decode()
    response = client.post(new, {
        "nisn": jember.alumnus.nisn, "registered_on": "2026-03-02", "education": "SMK",
        "occupations_sought": ["3", "7"], "disability_category": "fisik",
        "disability_consent": "on",
    })  # fmt: skip
    registration = Registration.objects.get(alumnus=jember.alumnus)
    assert response.status_code == 302 and registration.disability_category == "fisik"
    listing = client.get(reverse("seekers:list", args=[jember.school.code])).content.decode()
    assert jember.alumnus.name in listing
    end = reverse("seekers:end", args=[jember.school.code, registration.code])
    client.post(end, {"ended_on": "2026-05-01", "reason": "melanjutkan", "note": "kuliah"})
    registration.refresh_from_db()
    assert (registration.ended_on, registration.end_reason) == (
        dt.date(2026, 5, 1), EndReason.STUDYING)  # fmt: skip


@pytest.mark.django_db
def test_a_known_hire_with_an_open_registration_is_listed(login: Any, jember: Tenant) -> None:
    from tests.jobs_factories import some_registration

    registration = some_registration(jember)
    Registration.objects.filter(pk=registration.pk).update(registered_on=dt.date(2026, 1, 5))
    # A placement recorded by the BKK ends the registration; an answer in the tracer does not.
    from jejak.outcomes.models import Activity, OutcomeEvent, Source

    OutcomeEvent.objects.create(
        organisation=jember.school, alumnus=jember.alumnus, activity=Activity.WORKING,
        start_date=dt.date(2026, 2, 1), source=Source.SELF_REPORTED,
    )  # fmt: skip
    client = login(jember.bkk)
    page = client.get(reverse("seekers:list", args=[jember.school.code])).content.decode()
    assert "lewat 14 hari" in page and jember.alumnus.name in page
    placement_record(
        school=jember.school, alumnus=jember.alumnus, actor=jember.bkk,
        recorded_by_org=jember.school, employer="PT A", start_date=dt.date(2026, 2, 1),
        work_region=Region.objects.get(code=jember.region),
    )  # fmt: skip
    page = client.get(reverse("seekers:list", args=[jember.school.code])).content.decode()
    assert "lewat 14 hari" not in page


@pytest.mark.django_db
def test_the_person_registers_reports_and_withdraws_on_me(login: Any, jember: Tenant) -> None:
    client = login(jember.alumnus_user)
    url = reverse("seekers:me")
    assert "Daftar sebagai pencari kerja" in client.get(url).content.decode()
    client.post(url, {"education": "SMK", "occupations_sought": ["3"], "forwarding_consent": "on"})
    registration = Registration.objects.get(alumnus=jember.alumnus)
    assert registration.source == "self" and registration.forwarding_consent
    client.post(url, {"action": "report"})
    registration.refresh_from_db()
    assert registration.last_reported_on is not None
    client.post(url, {"action": "withdraw"})
    registration.refresh_from_db()
    assert registration.end_reason == EndReason.OWN_REQUEST


@pytest.mark.django_db
def test_history_import_on_the_web_runs_as_a_job_of_its_kind(login: Any, jember: Tenant) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(jember.bkk)
    template = client.get(reverse("seekers:template", args=[jember.school.code, "vacancies"]))
    assert template.status_code == 200
    data = (f"nisn;tanggal_daftar;pendidikan\n{jember.alumnus.nisn};05-01-2026;SMK\n").encode()
    upload = SimpleUploadedFile("pencaker.csv", data, content_type="text/csv")
    response = client.post(reverse("seekers:import", args=[jember.school.code]),
                           {"kind": "jobseekers", "file": upload})  # fmt: skip
    assert response.status_code == 302
    job = ImportJob.objects.get(organisation=jember.school)
    assert job.kind == "jobseekers" and job.dry_run
    job.refresh_from_db()
    assert job.state == "done" and job.summary["created"] == 1, job.message
    assert not Registration.objects.exists()  # the dry run wrote nothing


@pytest.mark.django_db
def test_karirhub_export_forwards_nik_only_with_consent_and_is_audited(
    login: Any, jember: Tenant
) -> None:
    import csv
    import io

    from jejak.audit.models import AuditEvent
    from jejak.seekers.models import RegistrationSource
    from jejak.seekers.services import registration_open

    for alumnus, nik, consent in (
        (jember.alumnus, "3509015203060001", True),
        (jember.other_alumnus, "3509014101050002", False),
    ):
        alumnus.nik = nik
        alumnus.save()
        registration_open(
            organisation=jember.school, alumnus=alumnus, actor=jember.bkk,
            source=RegistrationSource.BKK, registered_on=dt.date(2026, 2, 1),
            forwarding_consent=consent, ak1_number=f"AK-{nik[-1]}",
        )  # fmt: skip
    client = login(jember.bkk)
    url = reverse("seekers:karirhub", args=[jember.school.code, "pencaker", "csv"])
    text = client.get(url).content.decode("utf-8-sig")
    rows = {row["nomor_ak1"]: row for row in csv.DictReader(io.StringIO(text), delimiter=";")}
    assert rows["AK-1"]["nik"] == "3509015203060001"
    assert rows["AK-2"]["nik"] == "" and rows["AK-2"]["nama"] == jember.other_alumnus.name
    event = AuditEvent.objects.get(action="karirhub.exported")
    assert event.changes["niks"] == 1 and len(event.changes["basis"]) == 2
    vacancies = reverse("seekers:karirhub", args=[jember.school.code, "lowongan", "xlsx"])
    assert client.get(vacancies).status_code == 200
