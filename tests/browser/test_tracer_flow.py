"""A tracer round as people walk it: the BKK officer opens a campaign and copies a WhatsApp
link; the alumnus answers on a phone, leaves halfway, comes back and finishes; the homeroom
teacher sees the class update and types in a paper answer for a classmate."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from jejak.alumni.models import Alumnus
from jejak.outcomes.models import OutcomeEvent
from jejak.tracer.models import Response
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD, Tenant, make_tenant

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def school(transactional_db: Any) -> Tenant:
    tenant = make_tenant("Jember", "35.09", "20523001")
    Alumnus.objects.create(
        organisation=tenant.school, nisn="2000000009", name="Rina Kertas", sex="P", cohort=2025,
        major=tenant.alumnus.major, school_class=tenant.own_class, birth_date=dt.date(2007, 1, 2),
    )  # fmt: skip
    return tenant


def _login(page: Any, base: str, email: str) -> None:
    log_in(page, base, email, PASSWORD)


def _personal_link(whatsapp_href: str) -> str:
    text = parse_qs(urlsplit(whatsapp_href).query)["text"][0]
    found = re.search(r"https?://\S+/s/\S+/", text)
    assert found, text
    return found.group(0)


def test_campaign_whatsapp_link_answer_resume_and_teacher_follow_up(
    school: Tenant, desk_page: Any, chromium: Any, live_server: Any
) -> None:
    base = live_server.url
    today = dt.date.today()
    # 1. The BKK officer opens a campaign for the 2025 cohort.
    page = desk_page
    _login(page, base, school.bkk.email)
    page.goto(f"{base}/o/{school.school.code}/tracer/")
    page.get_by_role("link", name="Buka kampanye baru").click()
    page.get_by_label("2025").check()
    page.get_by_label("Mulai").fill(today.isoformat())
    page.get_by_label("Berakhir").fill((today + dt.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Buka kampanye").click()
    page.get_by_text("Kampanye dibuka").wait_for()
    page.get_by_role("link", name="XII TKJ 1").click()
    card = page.locator("li.person", has_text=school.alumnus.name)
    link = _personal_link(card.get_by_role("link", name="WhatsApp").get_attribute("href"))

    # 2. The alumnus opens it on a phone, consents, starts "working" and leaves halfway.
    context = chromium.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    phone = context.new_page()
    phone.goto(link)
    phone.get_by_label("Saya menyetujui.").check()
    phone.get_by_label("Bekerja", exact=True).check()
    phone.get_by_role("button", name="Lanjut").click()
    phone.get_by_label("Nama tempat kerja, usaha, kampus, atau lembaga kursus").fill(
        "PT Sinar Jaya"
    )
    phone.get_by_role("button", name="Simpan, lanjutkan nanti").click()
    context.close()
    assert Response.objects.get(alumnus=school.alumnus).state == "partial"

    # 3. The teacher sees the alumnus as started, not yet answered.
    teacher = chromium.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    teacher_page = teacher.new_page()
    _login(teacher_page, base, school.teacher.email)
    follow_up = page.url.replace(base, "")
    teacher_page.goto(base + follow_up)
    teacher_card = teacher_page.locator("li.person", has_text=school.alumnus.name)
    assert "Belum selesai" in teacher_card.inner_text()

    # 4. The alumnus comes back in a new browser and finishes; the earlier answer is kept.
    context = chromium.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    phone = context.new_page()
    phone.goto(link)
    assert phone.get_by_label(
        "Nama tempat kerja, usaha, kampus, atau lembaga kursus"
    ).input_value() == ("PT Sinar Jaya")
    phone.get_by_label("Sejak kapan").fill("2025-08")
    phone.get_by_label("Buruh/karyawan/pegawai").check()
    phone.get_by_label("Pekerjaan atau jabatan Anda").fill("operator produksi")
    phone.get_by_label("Bidang usaha tempat kerja atau usaha Anda").select_option("C")
    phone.get_by_label("Kabupaten/kota tempat kerja atau usaha").fill("Kabupaten Jember")
    phone.get_by_label("Penghasilan rata-rata per bulan").fill("2.800.000")
    phone.get_by_label("Jam kerja rata-rata per minggu").fill("40")
    phone.get_by_label("Selaras", exact=True).check()
    phone.get_by_label("BKK sekolah").check()
    phone.get_by_role("button", name="Kirim jawaban").click()
    phone.get_by_role("heading", name=re.compile("Terima kasih")).wait_for()
    context.close()
    event = OutcomeEvent.objects.get(alumnus=school.alumnus)
    assert event.activity == "bekerja" and event.employer == "PT Sinar Jaya"
    assert event.work_region_id == "35.09" and event.income == 2_800_000

    # 5. The teacher's page shows the answer, then the teacher types in a paper answer.
    teacher_page.reload()
    teacher_card = teacher_page.locator("li.person", has_text=school.alumnus.name)
    assert "Sudah menjawab" in teacher_card.inner_text()
    paper = teacher_page.locator("li.person", has_text="Rina Kertas")
    paper.get_by_role("link", name="Isi dari telepon/kertas").click()
    teacher_page.get_by_label("Melanjutkan studi").check()
    teacher_page.get_by_role("button", name="Tampilkan pertanyaannya").click()
    teacher_page.get_by_label("Formulir kertas").check()
    teacher_page.get_by_label("Sejak kapan").fill("2025-09")
    teacher_page.get_by_label("Nama tempat kerja, usaha, kampus, atau lembaga kursus").fill(
        "Politeknik Jember"
    )
    teacher_page.get_by_label("Selaras", exact=True).check()
    teacher_page.get_by_label("D3", exact=True).check()
    teacher_page.get_by_label("Program studi").fill("Teknik Komputer")
    teacher_page.get_by_label("KIP-Kuliah").check()
    teacher_page.get_by_role("button", name="Simpan jawaban").click()
    teacher_page.get_by_text("Jawaban Rina Kertas tersimpan.").wait_for()
    teacher.close()
    response = Response.objects.get(alumnus__name="Rina Kertas")
    assert response.state == "submitted" and response.source == "kertas"
    assert response.entered_by == school.teacher
