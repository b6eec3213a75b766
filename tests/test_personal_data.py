"""UU PDP in the register: consent recorded, who looked, copies and erasure on request."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from jejak import files
from jejak.alumni.models import Alumnus
from jejak.audit.models import AuditEvent
from jejak.outcomes.models import OutcomeEvent
from tests.conftest import Tenant

pytestmark = pytest.mark.django_db


def test_nik_is_shown_masked(login: Any, jember: Tenant) -> None:
    Alumnus.objects.filter(pk=jember.alumnus.pk).update(nik="3509015708070001")
    page = login(jember.bkk).get(
        reverse("alumni:detail", args=[jember.school.code, jember.alumnus.code])
    )
    assert "3509015708070001" not in page.content.decode()
    assert "3509 •••• •••• ••01" in page.content.decode()


def test_consent_is_recorded_with_time_and_person(login: Any, jember: Tenant) -> None:
    client = login(jember.bkk)
    url = reverse("alumni:consent", args=[jember.school.code, jember.alumnus.code])
    client.post(url, {"state": "parent_given", "note": "formulir kertas 12 Juli"})
    jember.alumnus.refresh_from_db()
    assert jember.alumnus.consent == "parent_given" and jember.alumnus.consent_at is not None
    event = AuditEvent.objects.get(action="alumnus.consent_recorded")
    assert event.actor == jember.bkk and event.changes["note"] == "formulir kertas 12 Juli"


def test_alumnus_requests_erasure_and_bkk_sees_it(login: Any, jember: Tenant) -> None:
    client = login(jember.alumnus_user)
    client.post(reverse("alumni:me_deletion_request"), {"confirm": "1"})
    client.force_login(jember.bkk)
    page = client.get(reverse("alumni:detail", args=[jember.school.code, jember.alumnus.code]))
    assert "meminta datanya dihapus" in page.content.decode()


def test_erasure_removes_record_history_and_personal_data_in_the_trail(
    login: Any, jember: Tenant
) -> None:
    OutcomeEvent.objects.create(
        organisation=jember.school, alumnus=jember.alumnus, activity="bekerja",
        start_date=dt.date(2025, 8, 1), source="self",
    )  # fmt: skip
    client = login(jember.bkk)
    client.post(
        reverse("alumni:edit", args=[jember.school.code, jember.alumnus.code]),
        {"nisn": jember.alumnus.nisn, "name": "Siti Rahasia", "sex": "P", "cohort": 2025,
         "phone": "0857 1234 5678"},
    )  # fmt: skip
    code = jember.alumnus.code
    url = reverse("alumni:delete", args=[jember.school.code, code])
    refused = client.post(url, {"reason": "permintaan via WA"})  # not confirmed
    assert refused.status_code == 200 and Alumnus.objects.filter(code=code).exists()
    client.post(url, {"reason": "permintaan via WA 3 Agustus", "confirm": "on"})
    assert not Alumnus.objects.filter(code=code).exists()
    assert not OutcomeEvent.objects.filter(alumnus_id=jember.alumnus.pk).exists()
    trail = AuditEvent.objects.filter(object_code=code)
    text = " ".join(f"{e.object_label} {e.changes}" for e in trail)
    assert "Rahasia" not in text and "5678" not in text and "Siti" not in text
    erased = trail.get(action="alumnus.deleted_on_request").changes
    assert erased["reason"] == "permintaan via WA 3 Agustus"
    assert erased["account_deleted"] is True


def test_bkk_assigns_a_homeroom_teacher(login: Any, jember: Tenant) -> None:
    client = login(jember.bkk)
    klass = jember.other_class
    client.post(
        reverse("alumni:class_teacher", args=[jember.school.code, klass.code]),
        {f"{klass.code}-teacher": jember.teacher.pk},
    )
    klass.refresh_from_db()
    assert klass.homeroom_teacher == jember.teacher
    client.force_login(jember.teacher)
    page = client.get(reverse("alumni:register", args=[jember.school.code])).content.decode()
    assert jember.other_alumnus.name in page


def test_only_teachers_of_the_school_can_be_assigned(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    client = login(jember.bkk)
    klass = jember.other_class
    client.post(
        reverse("alumni:class_teacher", args=[jember.school.code, klass.code]),
        {f"{klass.code}-teacher": bandung.teacher.pk},
    )
    klass.refresh_from_db()
    assert klass.homeroom_teacher is None


def test_erasure_also_removes_cv_documents_from_disk(
    login: Any, jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    from jejak.profiles import uploads
    from jejak.profiles.services import document_upload

    pdf = b"%PDF-1.4\n% ijazah\n"
    document = document_upload(
        alumnus=jember.alumnus, actor=jember.alumnus_user, kind="diploma", title="Ijazah",
        data=pdf, file_type=uploads.detect_type(pdf),  # type: ignore[arg-type]
    )  # fmt: skip
    stored = uploads.document_name(document.stored_name)
    assert files.exists(stored)
    url = reverse("alumni:delete", args=[jember.school.code, jember.alumnus.code])
    with django_capture_on_commit_callbacks(execute=True):
        login(jember.bkk).post(url, {"reason": "permintaan", "confirm": "on"})
    assert not Alumnus.objects.filter(pk=jember.alumnus.pk).exists()
    assert not files.exists(stored)


def test_data_export_includes_the_cv(login: Any, jember: Tenant) -> None:
    from jejak.profiles.services import profile_update

    profile_update(alumnus=jember.alumnus, actor=jember.alumnus_user, summary="Teknisi jaringan",
                   skills=["Mikrotik"])  # fmt: skip
    exported = login(jember.alumnus_user).get(reverse("alumni:me_export")).json()
    assert exported["profile"]["summary"] == "Teknisi jaringan"
    assert exported["profile"]["skills"] == ["Mikrotik"]


def test_data_export_includes_applications_and_placements(login: Any, jember: Tenant) -> None:
    from jejak.jobs.services import application_submit, placement_record
    from jejak.reference.models import Region
    from tests.jobs_factories import post, vet

    vet(jember)
    application_submit(vacancy=post(jember), alumnus=jember.alumnus, actor=jember.alumnus_user)
    placement_record(
        school=jember.school, alumnus=jember.alumnus, actor=jember.bkk,
        recorded_by_org=jember.school, employer="PT Sinar", start_date=dt.date(2026, 7, 1),
        work_region=Region.objects.get(code="35.78"), wage=3_000_000,
    )  # fmt: skip
    exported = login(jember.alumnus_user).get(reverse("alumni:me_export")).json()
    assert exported["applications"][0]["stage"] == "applied"
    assert exported["placements"] == [
        {
            "employer": "PT Sinar",
            "start_date": "2026-07-01",
            "kind": "AKL",
            "wage": 3000000,
            "work_region": "35.78",
            "job_title": "",
        }
    ]


def test_erasure_also_clears_the_trail_of_a_duplicate_merged_into_the_record(
    jember: Tenant,
) -> None:
    """The duplicate's own history (its creation, its views) is filed under its code, with
    the spelling it had: erasing the record it was merged into must clear that too."""
    from jejak.alumni.services import alumni_merge, alumnus_create
    from jejak.privacy.erasure import person_erase

    duplicate = alumnus_create(
        organisation=jember.school, actor=jember.bkk,
        data={"name": "Sity Jembre", "sex": "P", "cohort": 2025, "phone": "+6285799887766"},
    )  # fmt: skip
    alumni_merge(keep=jember.alumnus, duplicate=duplicate, actor=jember.bkk)
    person_erase(alumnus=jember.alumnus, actor=jember.bkk, reason="permintaan")
    text = " ".join(f"{e.object_label} {e.changes}" for e in AuditEvent.objects.all())
    assert "Jembre" not in text and "99887766" not in text
