"""What the survey asks for the outcome history (second activity, first job, employment
status of the self-employed, courses), placements' formal/informal, and the data migration
of old course answers."""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

import pytest
from django.apps import apps
from django.urls import reverse

from jejak.indicators.compute import figures, tally_rows
from jejak.indicators.reading import load_rows, umk_lookup
from jejak.jobs.models import Placement
from jejak.jobs.services import placement_record
from jejak.outcomes.models import OutcomeEvent
from jejak.reference.models import Region
from jejak.tracer import services
from jejak.tracer.instrument import STUDY_LEVEL, questions_for
from jejak.tracer.models import Campaign, Response
from tests.conftest import Tenant

pytestmark = pytest.mark.django_db

WORKING = {
    "kegiatan": "bekerja", "tanggal_mulai": "2026-02", "nama_instansi": "PT Sinar Jaya",
    "status_pekerjaan": "buruh", "jabatan": "operator produksi", "kbli": "C",
    "wilayah_kerja": "Kabupaten Jember", "penghasilan": "2800000", "jam_per_minggu": "40",
    "keselarasan": "3", "cara_dapat_kerja": "bkk",
}  # fmt: skip
SELF_EMPLOYED = {
    "kegiatan": "wirausaha", "tanggal_mulai": "2025-09", "nama_instansi": "Warung Kopi",
    "kbli": "I", "wilayah_kerja": "Kabupaten Jember", "penghasilan": "2000000",
    "jam_per_minggu": "50", "keselarasan": "2", "skala_usaha": "mikro",
}  # fmt: skip


def _save(campaign: Campaign, raw: dict[str, Any]) -> Any:
    alumnus = campaign.links.first().alumnus  # type: ignore[union-attr]
    services.consent_give(alumnus=alumnus)
    return services.response_save(campaign=campaign, alumnus=alumnus, raw=raw, submit=True)


def test_the_self_employed_are_asked_their_employment_status(campaign: Campaign) -> None:
    assert "status_pekerjaan" in {q.key for q in questions_for("wirausaha")}
    missing = _save(campaign, SELF_EMPLOYED)
    assert "status_pekerjaan" in missing.errors
    saved = _save(campaign, {**SELF_EMPLOYED, "status_pekerjaan": "dibantu_tetap"})
    assert saved.ok, saved.errors
    event = OutcomeEvent.objects.get()
    assert event.employment_status == "dibantu_tetap" and event.formal is True


def test_who_changed_jobs_is_asked_when_the_first_job_began(campaign: Campaign) -> None:
    changed = {**WORKING, "jumlah_pindah_kerja": "1"}
    assert "tanggal_kerja_pertama" in _save(campaign, changed).errors
    after = _save(campaign, {**changed, "tanggal_kerja_pertama": "2026-05"})
    assert "setelah" in after.errors["tanggal_kerja_pertama"]
    saved = _save(campaign, {**changed, "tanggal_kerja_pertama": "2025-07"})
    assert saved.ok, saved.errors
    event = OutcomeEvent.objects.get()
    assert (event.first_job_start, event.job_changes) == (dt.date(2025, 7, 1), 1)


def test_the_second_activity_must_differ_from_the_main_one(campaign: Campaign) -> None:
    same = _save(campaign, {**WORKING, "kegiatan_lain": "bekerja"})
    assert "kegiatan_lain" in same.errors
    assert _save(campaign, {**WORKING, "kegiatan_lain": "melanjutkan"}).ok
    main = OutcomeEvent.objects.get(alongside__isnull=True)
    second = OutcomeEvent.objects.get(alongside=main)
    assert second.activity == "melanjutkan" and second.start_date == main.start_date
    assert second.reported_at == main.reported_at and second.response_id is None


def test_a_course_is_an_activity_not_a_level_of_study(campaign: Campaign) -> None:
    assert "kursus" not in dict(STUDY_LEVEL)
    old_style = {"kegiatan": "melanjutkan", "tanggal_mulai": "2025-07", "jenjang_studi": "kursus",
                 "nama_instansi": "LPK Sakura", "program_studi": "Bahasa Jepang"}  # fmt: skip
    saved = _save(campaign, old_style)
    assert saved.ok, saved.errors
    assert OutcomeEvent.objects.get().activity == "kursus"
    assert Response.objects.get().answers["kegiatan"] == "kursus"


def test_old_course_answers_are_moved_by_the_data_migration(
    campaign: Campaign, jember: Tenant
) -> None:
    alumnus = jember.alumnus
    response = Response.objects.create(
        campaign=campaign, alumnus=alumnus, organisation=alumnus.organisation,
        province_code=alumnus.province_code, state="submitted",
        answers={"kegiatan": "melanjutkan", "jenjang_studi": "kursus",
                 "tanggal_mulai": "2025-07-01"},
    )  # fmt: skip
    event = OutcomeEvent.objects.create(
        organisation=alumnus.organisation, alumnus=alumnus, activity="melanjutkan",
        start_date=dt.date(2025, 7, 1), source="self", response=response,
    )  # fmt: skip
    migration = importlib.import_module("jejak.tracer.migrations.0005_course_is_an_activity")
    migration.courses_apart(apps, None)
    response.refresh_from_db()
    event.refresh_from_db()
    assert response.answers == {"kegiatan": "kursus", "tanggal_mulai": "2025-07-01"}
    assert event.activity == "kursus"
    rows = load_rows([jember.school], 2025)
    result = figures(tally_rows(rows, umk_lookup()))
    assert result["bmw_rate"]["numerator"] == 0 and result["course_rate"]["numerator"] == 1


def test_a_placement_without_formal_stays_not_recorded(jember: Tenant) -> None:
    placement = placement_record(
        school=jember.school, alumnus=jember.alumnus, actor=jember.bkk,
        recorded_by_org=jember.school, employer="PT Sinar", start_date=dt.date(2025, 8, 1),
        work_region=Region.objects.get(code="35.78"),
    )  # fmt: skip
    assert placement.formal is None and placement.outcome_event.formal is None  # type: ignore[union-attr]
    result = figures(tally_rows(load_rows([jember.school], 2025), umk_lookup()))
    assert result["placements"]["by_formal"] == {"unknown": 1}


def test_the_officer_must_say_formal_or_informal(login: Any, jember: Tenant) -> None:
    client = login(jember.bkk)
    url = reverse("jobs:placement_new", args=[jember.school.code])
    data = {"nisn": jember.alumnus.nisn, "employer": "Bengkel", "work_region": "35.09",
            "start_date": "2026-08-03", "wage": "2500000"}  # fmt: skip
    form = client.get(url).content.decode()
    assert 'value="1" checked' not in form and "checked" not in form.split('name="formal"')[1][:80]
    assert client.post(url, data).status_code != 302
    assert not Placement.objects.exists()
    assert client.post(url, {**data, "formal": "0"}).status_code == 302
    assert Placement.objects.get().formal is False
    listing = client.get(reverse("jobs:placements", args=[jember.school.code]), {"formal": "-"})
    assert "Bengkel" not in listing.content.decode()


def test_the_register_shows_the_status_of_the_latest_report(login: Any, jember: Tenant) -> None:
    alumnus = jember.alumnus
    base = {"organisation": alumnus.organisation, "alumnus": alumnus, "source": "self"}
    OutcomeEvent.objects.create(**base, activity="bekerja", start_date=dt.date(2025, 11, 1),
                                reported_at=dt.datetime(2025, 12, 1, tzinfo=dt.UTC))  # fmt: skip
    OutcomeEvent.objects.create(**base, activity="wirausaha", start_date=dt.date(2025, 9, 1),
                                reported_at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC))  # fmt: skip
    client = login(jember.bkk)
    page = client.get(reverse("alumni:detail", args=[jember.school.code, alumnus.code]))
    assert "Status sekarang: <strong>Wirausaha" in page.content.decode()
    listing = client.get(reverse("alumni:register", args=[jember.school.code]))
    assert "<td>Wirausaha</td>" in listing.content.decode()
