"""The labour office schedules a coordination meeting and invites its regency's BKKs and a
company; the BKK officer finds the invitation on the school's home page and confirms who
comes; after the meeting the office writes the minutes and a follow-up for the company, whose
recruiter marks it done."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from jejak.coordination.models import FollowUp, Invitee, Meeting
from tests.bkk_support import labour_analyst
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD, make_tenant

pytestmark = pytest.mark.django_db(transaction=True)


def test_office_runs_a_meeting_that_both_sides_follow_up(desk_page: Any, live_server: Any) -> None:
    t = make_tenant("Jember", "35.09", "20523001")
    analyst = labour_analyst(t)
    base, page = live_server.url, desk_page
    log_in(page, base, analyst.email, PASSWORD)
    page.goto(f"{base}/o/{t.labour_office.code}/meetings/")
    page.get_by_role("link", name="Jadwalkan rapat").click()
    start = timezone.localtime() + dt.timedelta(days=2)
    page.get_by_label("Judul rapat").fill("Rakor Penguatan Kapasitas BKK")
    page.get_by_label("Mulai (tanggal dan jam)").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Selesai (tanggal dan jam)").fill(
        (start + dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_label("Tempat").fill("Aula Disnaker")
    page.get_by_label("Agenda").fill("Penguatan kapasitas BKK")
    page.get_by_role("button", name="Simpan").click()
    regencies = page.locator("fieldset", has_text="Semua BKK di kabupaten/kota")
    regencies.get_by_role("checkbox").first.check()
    page.get_by_label(re.compile(rf"{t.company.name} \(")).check()
    page.get_by_role("button", name="Simpan").click()
    assert page.get_by_text("3 undangan dikirim.").is_visible()

    log_in(page, base, t.bkk.email, PASSWORD)
    page.get_by_role("link", name="Rakor Penguatan Kapasitas BKK").click()
    page.get_by_role("link", name="Konfirmasi kehadiran").click()
    page.get_by_label("Yang akan hadir").fill("Sri Wahyuni, Ketua BKK")
    page.get_by_role("button", name="Simpan").click()
    assert page.get_by_text("Jawaban Anda tersimpan.").is_visible()
    invitee = Invitee.objects.get(organisation=t.school)
    assert invitee.response == "coming" and invitee.attendees.get().name == "Sri Wahyuni"

    meeting = Meeting.objects.get()
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - dt.timedelta(days=2),
        ends_at=timezone.now() - dt.timedelta(days=2) + dt.timedelta(hours=3),
    )
    log_in(page, base, analyst.email, PASSWORD)
    page.goto(f"{base}/o/{t.labour_office.code}/meetings/{meeting.code}/")
    page.get_by_role("link", name="Tulis notulen").click()
    page.get_by_label("Notulen").fill("BKK diminta mengevaluasi program kerja.")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_role("link", name="Tambah tindak lanjut").click()
    page.get_by_label("Jenis tindak lanjut").select_option("vacancy")
    page.get_by_label("Uraian").fill("Unggah lowongan operator produksi")
    page.get_by_label("Penanggung jawab").select_option(label=t.company.name)
    page.get_by_label("Tenggat").fill((timezone.localdate() + dt.timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Simpan").click()
    assert page.get_by_text("Tindak lanjut dicatat.").is_visible()

    log_in(page, base, t.recruiter.email, PASSWORD)
    page.goto(f"{base}/o/{t.company.code}/meetings/follow-ups/")
    page.get_by_role("link", name="Tandai selesai").click()
    page.get_by_label("Catatan").fill("Sudah tayang di Jejak")
    page.get_by_role("button", name="Simpan").click()
    assert page.get_by_text("Tindak lanjut ditandai selesai.").is_visible()
    assert FollowUp.objects.get().state == "done"
