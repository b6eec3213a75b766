"""Paper and phone answers uploaded on the web: template, dry run, import, rejects file."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from jejak.alumni.models import Alumnus, ImportJob
from jejak.lib.tabular import read_rows
from jejak.organisations.models import Organisation
from jejak.tracer import services
from jejak.tracer.models import Campaign, Response
from tests.conftest import Tenant

pytestmark = pytest.mark.django_db


def _csv(*lines: str) -> SimpleUploadedFile:
    header = "nisn;kegiatan;tanggal_mulai;nama_instansi;kbli;kbji;kode_wilayah_kerja;formal;"
    header += "penghasilan;jam_per_minggu;keselarasan;sumber"
    body = "\ufeff" + "\r\n".join([header, *lines]) + "\r\n"
    return SimpleUploadedFile("jawaban.csv", body.encode(), content_type="text/csv")


def test_template_lists_the_schools_alumni(login: Any, jember: Tenant, campaign: Campaign) -> None:
    url = reverse("tracer:responses_template", args=[jember.school.code, campaign.code])
    rows = read_rows(login(jember.bkk).get(url).content, "t.xlsx")
    nisns = {str(cells[0]) for _, cells in rows[2:]}
    assert nisns == {jember.alumnus.nisn, jember.other_alumnus.nisn}


def test_upload_checks_then_imports_and_offers_rejects(
    login: Any, jember: Tenant, campaign: Campaign
) -> None:
    client = login(jember.bkk)
    upload = _csv(
        f"{jember.alumnus.nisn};bekerja;08-2025;PT Sinar Jaya;C;8;35.09;ya;2800000;40;3;kertas",
        f"{jember.other_alumnus.nisn};tidur;;;;;;;;;;telepon",
        "9999999999;mencari_kerja;;;;;;;;;;kertas",  # no such alumnus in this campaign
    )
    url = reverse("tracer:responses_import", args=[jember.school.code, campaign.code])
    checked = client.post(url, {"file": upload})
    dry = ImportJob.objects.get(kind=ImportJob.Kind.RESPONSES)
    assert checked.status_code == 302 and dry.dry_run and dry.campaign_code == campaign.code
    assert dry.summary["created"] == 1 and dry.summary["rejected"] == 2
    fields = {(e["row"], e["field"]) for e in dry.summary["errors"]}
    assert (3, "kegiatan") in fields and (4, "nisn") in fields
    assert not Response.objects.exists()  # a dry run writes nothing
    confirm = reverse("alumni:import_confirm", args=[jember.school.code, dry.code])
    client.post(confirm)
    response = Response.objects.get()
    assert response.alumnus == jember.alumnus and response.source == "kertas"
    assert response.entered_by == jember.bkk and response.state == "submitted"
    rejects = client.get(reverse("alumni:import_rejects", args=[jember.school.code, dry.code]))
    rows = read_rows(rejects.content, "r.xlsx")
    assert [str(cell) for cell in rows[0][1]][-1] == "kesalahan" and len(rows) == 3


def test_office_and_teacher_cannot_upload_answers(
    login: Any, jember: Tenant, campaign: Campaign
) -> None:
    url = reverse("tracer:responses_import", args=[jember.school.code, campaign.code])
    assert login(jember.teacher).get(url).status_code == 404
    assert login(jember.head).get(url).status_code == 404


def test_a_school_cannot_answer_for_another_schools_alumni_in_a_region_campaign(
    login: Any, jember: Tenant
) -> None:
    neighbour = Organisation.objects.create(
        kind=Organisation.Kind.SCHOOL, name="SMK Tetangga", region_id="35.09", npsn="20523999"
    )
    stranger = Alumnus.objects.create(
        organisation=neighbour, nisn="3500000001", name="Tetangga", sex="L", cohort=2025
    )
    today = timezone.localdate()
    campaign = services.campaign_open(
        owner=jember.office, region=jember.office.region, cohorts=[2025],
        start=today, end=today + dt.timedelta(days=30), actor=jember.analyst,
    )  # fmt: skip
    url = reverse("tracer:responses_import", args=[jember.school.code, campaign.code])
    login(jember.bkk).post(url, {"file": _csv(f"{stranger.nisn};mencari_kerja;;;;;;;;;;kertas")})
    job = ImportJob.objects.get(kind=ImportJob.Kind.RESPONSES)
    assert job.summary["rejected"] == 1 and job.summary["errors"][0]["field"] == "nisn"
