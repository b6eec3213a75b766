"""The personal-data inventory (jejak.privacy.inventory) is complete, erasure leaves nothing
that identifies the person anywhere it lists, and the person's export holds all of it."""

from __future__ import annotations

import datetime as dt
import io
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import models
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from jejak.accounts.models import Invitation, Membership, Role, User
from jejak.alumni import import_jobs
from jejak.alumni.models import Alumnus, ImportJob
from jejak.alumni.services import alumnus_update
from jejak.audit.models import AuditEvent
from jejak.audit.services import log_action
from jejak.privacy import inventory
from jejak.privacy.identifiers import identifiers
from tests.conftest import Tenant, running_campaign
from tests.test_privacy_retention import person, template_csv
from tests.test_survey import WORKING

pytestmark = pytest.mark.django_db

NAME, NISN, NIK = "Kartika Wulandari Sasmita", "0098765432", "3509014708070009"
OLD_NAME = "Kartika W."  # as first imported, corrected since
PHONE, EMAIL, ADDRESS = "+6285711122233", "kartika.sasmita@example.id", "Jl. Melati Rahasia 17"


def _label(model: type[models.Model]) -> str:
    return str(model._meta.label)


def _points_at(model: type[models.Model], target: str) -> bool:
    return any(
        f.is_relation and f.related_model is not None and _label(f.related_model) == target
        for f in model._meta.concrete_fields
    )


def test_every_installed_model_is_classified_once() -> None:
    places = [place.model for place in inventory.PLACES]
    groups = [set(places), set(inventory.OTHER_PEOPLE), set(inventory.NOT_PERSONAL)]
    assert len(places) == len(groups[0]), "a model is listed twice in PLACES"
    assert not (groups[0] & groups[1] or groups[0] & groups[2] or groups[1] & groups[2])
    installed = {_label(model) for model in apps.get_models()}
    missing = installed - set().union(*groups)
    assert not missing, f"classify these models in jejak/privacy/inventory.py: {missing}"
    assert not set().union(*groups) - installed, "the inventory names a model that is gone"


def test_models_about_an_alumnus_or_a_login_are_never_called_not_personal() -> None:
    places = {place.model for place in inventory.PLACES}
    for model in apps.get_models():
        label = _label(model)
        if _points_at(model, "alumni.Alumnus"):
            assert label in places, f"{label} points at an alumnus: list it in PLACES"
        if _points_at(model, "accounts.User"):
            assert label in places | set(inventory.OTHER_PEOPLE), label


def test_every_listed_field_exists_and_every_place_says_why() -> None:
    for place in inventory.PLACES:
        model = apps.get_model(place.model)
        names = {f.name for f in model._meta.get_fields()}
        assert set(place.fields) <= names, (place.model, set(place.fields) - names)
        assert place.reason and (place.export or place.not_exported), place.model


# --- One person with data in every place --------------------------------------------------


def _person(tenant: Tenant) -> tuple[Alumnus, User]:
    alumnus = Alumnus.objects.create(
        organisation=tenant.school, nisn=NISN, nik=NIK, name=OLD_NAME, sex="P",
        cohort=2025, school_class=tenant.own_class, phone=PHONE, email=EMAIL, address=ADDRESS,
        birth_date=dt.date(2007, 8, 7),
    )  # fmt: skip
    # A correction by the BKK: the trail now holds both the old and the new name.
    alumnus_update(alumnus=alumnus, actor=tenant.bkk, data={"name": NAME})
    user = User.objects.create_user(phone=PHONE, email=EMAIL, name=NAME, password="x")
    Membership.objects.create(
        user=user, organisation=tenant.school, role=Role.ALUMNUS, alumnus=alumnus
    )
    Invitation.objects.create(
        organisation=tenant.school, role=Role.ALUMNUS, name=NAME, email=EMAIL, phone=PHONE,
        token_hash=uuid.uuid4().hex, invited_by=tenant.bkk,
        expires_at=timezone.now() + dt.timedelta(days=3), accepted_at=timezone.now(),
    )  # fmt: skip
    _failed_logins()
    return alumnus, user


def _failed_logins() -> None:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    from jejak.accounts.backends import canonical_identifier

    typed = {"username": canonical_identifier(PHONE), "ip_address": "10.1.2.3",
             "user_agent": "Mozilla", "http_accept": "*/*", "path_info": "/accounts/login/",
             "attempt_time": timezone.now()}  # fmt: skip
    AccessAttempt.objects.create(**typed, get_data="", post_data="", failures_since_start=2)
    AccessFailureLog.objects.create(**typed)
    AccessLog.objects.create(**{**typed, "username": EMAIL})


def _tracer(tenant: Tenant, alumnus: Alumnus) -> None:
    from jejak.tracer import services
    from jejak.tracer.models import Dispatch, SurveyLink

    campaign = running_campaign(tenant)
    services.consent_give(alumnus=alumnus)
    checked = services.response_save(campaign=campaign, alumnus=alumnus, raw=WORKING, submit=True)
    assert checked.ok, checked.errors
    link = SurveyLink.objects.get(campaign=campaign, alumnus=alumnus)
    Dispatch.objects.create(
        link=link, organisation=tenant.school, province_code=tenant.school.province_code,
        due_at=timezone.now(),
    )  # fmt: skip


def _jobs(tenant: Tenant, alumnus: Alumnus, user: User) -> None:
    from jejak.jobs.models import AlertSent, AlertSetting, Notification
    from jejak.jobs.services import application_submit, placement_record
    from jejak.reference.models import Region
    from jejak.seekers.models import RegistrationSource
    from jejak.seekers.services import registration_open
    from tests.jobs_factories import post, vet

    vet(tenant)
    vacancy = post(tenant)
    registration_open(
        organisation=tenant.school, alumnus=alumnus, actor=user, source=RegistrationSource.SELF,
        registered_on=dt.date(2026, 6, 2), ak1_number="3509-2026-000123", skills="Mikrotik",
        occupations_sought=["3"],
    )  # fmt: skip
    application_submit(vacancy=vacancy, alumnus=alumnus, actor=user, cover_note="Saya Kartika")
    placement_record(
        school=tenant.school, alumnus=alumnus, actor=tenant.bkk, recorded_by_org=tenant.school,
        employer="PT Sinar", start_date=dt.date(2026, 7, 1),
        work_region=Region.objects.get(code="35.78"), wage=3_000_000,
    )  # fmt: skip
    AlertSetting.objects.create(alumnus=alumnus, enabled=False)
    AlertSent.objects.create(alumnus=alumnus, vacancy=vacancy)
    from jejak.matching.models import Shortlisted

    Shortlisted.objects.create(organisation=tenant.school, vacancy=vacancy, alumnus=alumnus,
                               score=70, added_by=tenant.bkk)  # fmt: skip
    from jejak.matching.pool import pool_join

    pool_join(alumnus=alumnus, actor=user)
    Notification.objects.create(user=user, text="Lamaran Anda dilihat", url="/me/lamaran/")
    Notification.objects.create(user=tenant.recruiter, text=f"Lamaran baru dari {NAME}")


def _profile_and_fairs(tenant: Tenant, alumnus: Alumnus, user: User) -> None:
    from jejak.fairs.services import (
        attendance_set,
        fair_alumnus_register,
        fair_company_register,
        fair_hire_record,
        fair_schedule,
    )
    from jejak.profiles import uploads
    from jejak.profiles.services import document_upload, entry_add, profile_update

    profile_update(alumnus=alumnus, actor=user, summary="Teknisi jaringan", skills=["Mikrotik"])
    entry_add(alumnus=alumnus, actor=user, kind="certificate",
              data={"title": "Sertifikat TKJ", "organisation_name": "LSP P1"})  # fmt: skip
    pdf = f"%PDF-1.4\n% ijazah {NAME} {NISN}\n".encode()
    document_upload(alumnus=alumnus, actor=user, kind="diploma", title="Ijazah", data=pdf,
                    file_type=uploads.detect_type(pdf))  # type: ignore[arg-type]  # fmt: skip
    now = timezone.now()
    fair = fair_schedule(
        organiser=tenant.school, actor=tenant.bkk,
        data={"kind": "job_fair", "title": "Bursa Kerja Jember", "starts_at":
              now - dt.timedelta(hours=1), "ends_at": now + dt.timedelta(hours=5),
              "venue": "Aula", "region": tenant.school.region, "description": "",
              "audience": "region", "capacity": None},
    )  # fmt: skip
    fair_company_register(fair=fair, company=tenant.company, actor=tenant.bkk)
    registration = fair_alumnus_register(fair=fair, alumnus=alumnus, actor=user)
    attendance_set(fair=fair, actor=tenant.bkk, present=True, registration=registration)
    fair_hire_record(fair=fair, alumnus=alumnus, company=tenant.company, job_title="Teknisi",
                     start_date=timezone.localdate() + dt.timedelta(days=7),
                     actor=tenant.bkk)  # fmt: skip


def _trail_files_tasks_and_reports(tenant: Tenant, alumnus: Alumnus) -> None:
    from jejak.bkkreports import services as bkk_services
    from jejak.bkkreports.periods import Period

    log_action(actor=tenant.bkk, action="alumnus.merged", obj=tenant.other_alumnus,
               changes={"merged_from": f"{NAME} ({NISN})", "also": OLD_NAME})  # fmt: skip
    data = template_csv(
        person(NISN, NAME, nik=NIK, phone="0857-1112-2233"),
        person("0061111111", "Ani Lestari"),
        person("", NAME, "?", phone="0857-1112-2233"),  # rejected: it names them too
        person("0062222222", "Rudi", "?"),  # rejected, someone else: must stay to be fixed
    )
    job = import_jobs.import_job_create(
        organisation=tenant.school, kind=ImportJob.Kind.ALUMNI, filename=f"perbaikan {NAME}.csv",
        data=data, actor=tenant.bkk, cohort=2025,
    )  # fmt: skip
    job.refresh_from_db()
    assert job.summary["rejected"] == 2
    apps.get_model("django_tasks_database", "DBTaskResult").objects.create(
        status="SUCCESSFUL", args_kwargs={"args": [NISN], "kwargs": {}}, priority=0,
        task_path="jejak.alumni.tasks.run_import", worker_ids=[], queue_name="default",
        backend_name="default", return_value=f"imported {NAME}",
    )  # fmt: skip
    report = bkk_services.report_generate(
        organisation=tenant.school, period=Period("month", dt.date(2026, 7, 1)), actor=tenant.bkk
    )
    report.refresh_from_db()
    assert NAME in str(report.data)


def _training(tenant: Tenant, alumnus: Alumnus) -> None:
    """An enrolment in a BLK batch (the same record, to keep one subject of erasure)."""
    from jejak.training.models import Enrolment
    from jejak.training.services import batch_open, programme_save

    programme, _ = programme_save(
        blk=tenant.blk, own_code="TKJ1", actor=tenant.blk_admin, data={"name": "Jaringan"}
    )
    batch = batch_open(programme=programme, start_date=dt.date(2026, 1, 5),
                       end_date=dt.date(2026, 2, 27), actor=tenant.blk_admin)  # fmt: skip
    Enrolment.objects.create(
        organisation=tenant.blk,
        batch=batch,
        alumnus=alumnus,
        graduated=True,
        certificate_number="SERT-KARTIKA-01",
    )
    from jejak.training.models import Mentoring, NetworkMember, Referral

    Mentoring.objects.create(organisation=tenant.blk, alumnus=alumnus, topic="marketing",
                             date=dt.date(2026, 4, 1), outcome="Toko daring Kartika")  # fmt: skip
    Referral.objects.create(organisation=tenant.blk, alumnus=alumnus, partner="bank_kur",
                            date=dt.date(2026, 4, 2), outcome_notes="KUR Kartika")  # fmt: skip
    NetworkMember.objects.create(organisation=tenant.blk, alumnus=alumnus, programme=programme,
                                 business_name="Warung Kartika")  # fmt: skip
    from jejak.training.services import person_link

    # Her school record was linked to a trainee record at the BLK as the same person.
    person_link(trainee=tenant.blk_alumnus, other=alumnus, actor=tenant.blk_admin)


def _holdings(alumnus: Alumnus, user: User) -> dict[str, int]:
    """For every place in the inventory: how many rows hold this person's data."""
    found = identifiers(alumnus=alumnus, user=user)
    counts = {}
    for place in inventory.PLACES:
        model = apps.get_model(place.model)
        if place.model == "training.PersonLink":
            query = Q(alumnus=alumnus) | Q(other=alumnus)
        elif _points_at(model, "alumni.Alumnus"):
            query = Q(alumnus=alumnus)
        elif place.model == "accounts.User":
            query = Q(pk=user.pk)
        elif place.model == "tracer.Dispatch":
            query = Q(link__alumnus=alumnus)
        elif place.model == "jobs.ApplicationStep":
            query = Q(application__alumnus=alumnus)
        elif place.model == "jobs.Notification":
            query = Q(user=user)
        elif place.model == "sessions.Session":
            counts[place.model] = _sessions_of(user)
            continue
        else:
            query = _text_mentions(model, found.texts)
        counts[place.model] = _annotated(model).filter(query).count()
    return counts


def _sessions_of(user: User) -> int:
    return sum(
        1 for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)
    )


_TEXT = (models.CharField, models.TextField, models.JSONField)


def _text_fields(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if isinstance(f, _TEXT)]


def _annotated(model: type[models.Model]) -> Any:
    return model._default_manager.annotate(
        **{f"{name}__txt": Cast(name, TextField()) for name in _text_fields(model)}
    )


def _text_mentions(model: type[models.Model], texts: tuple[str, ...]) -> Q:
    query = Q(pk__in=[])
    for name in _text_fields(model):
        for text in texts:
            query |= Q(**{f"{name}__txt__icontains": text})
    return query


def _files_mentioning(texts: tuple[str, ...]) -> list[str]:
    found = []
    for path in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data.startswith(b"PK"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                data = b"".join(archive.read(name) for name in archive.namelist())
        text = data.decode("utf-8", "replace").casefold()
        found += [f"{path.name}: {t}" for t in texts if t.casefold() in text]
    return found


def test_erasure_leaves_nothing_and_the_export_holds_everything(
    client: Any, jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    alumnus, user = _person(jember)
    _tracer(jember, alumnus)
    _jobs(jember, alumnus, user)
    _profile_and_fairs(jember, alumnus, user)
    _trail_files_tasks_and_reports(jember, alumnus)
    _training(jember, alumnus)
    client.force_login(user)  # a session row for the login

    held = _holdings(alumnus, user)
    assert set(held) == {place.model for place in inventory.PLACES}
    assert all(held.values()), {label: n for label, n in held.items() if not n}

    exported = client.get(reverse("alumni:me_export")).json()
    for key in inventory.export_keys():
        assert exported.get(key), f"the export has nothing under {key!r}"
    text = str(exported)
    for value in (NAME, NISN, NIK, PHONE, EMAIL, ADDRESS, "PT Sinar Jaya", "2800000",
                  "operator produksi", "Bursa Kerja Jember", "Sertifikat TKJ", "Teknisi",
                  "Saya Kartika", "Lamaran Anda dilihat", "perbaikan"):  # fmt: skip
        assert value in text, value

    found = identifiers(alumnus=alumnus, user=user)
    searched = (*found.texts, OLD_NAME)
    assert _files_mentioning(found.texts)  # the upload, the rejects file, the CV document
    client.force_login(jember.bkk)
    url = reverse("alumni:delete", args=[jember.school.code, alumnus.code])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": f"permintaan {NAME}", "confirm": "on"})

    survivors = {
        _label(model): n
        for model in apps.get_models()
        if _text_fields(model)
        and (n := _annotated(model).filter(_text_mentions(model, searched)).count())
    }
    assert not survivors, f"identifying text survives erasure: {survivors}"
    assert not _files_mentioning(searched)
    assert not User.objects.filter(pk=user.pk).exists() and _sessions_of(user) == 0
    # Accountability and other people's data stay.
    assert AuditEvent.objects.filter(action="alumnus.deleted_on_request").exists()
    assert AuditEvent.objects.filter(action="alumnus.merged").exists()
    # The upload named them: it is gone with its rejects file, and its job says so.
    assert ImportJob.objects.get(filename__startswith="perbaikan").files_deleted_at is not None
    assert Alumnus.objects.filter(pk=jember.other_alumnus.pk).exists()
    # The BLK record linked to hers is left alone: it no longer carries a person key.
    assert Alumnus.objects.get(pk=jember.blk_alumnus.pk).person_key == ""
