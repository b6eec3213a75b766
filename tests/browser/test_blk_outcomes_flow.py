"""After training, as people walk it (issue 13's check): a BLK officer opens a batch that has
just finished, imports its trainees, sends tracer links (each trainee's personal link and
WhatsApp message; one trainee opens hers), uploads the outcome file (one row rejected),
records one trainee's business start with capital mentoring and a referral for KUR credit;
the provincial Disnakertrans analyst finds the BLKs on the office home and compares the
province's two BLKs side by side, figure by figure."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pytest

from jejak.accounts.models import Membership, Role, User
from jejak.alumni.models import Alumnus
from jejak.organisations.models import Organisation
from jejak.outcomes.models import OutcomeEvent
from jejak.tracer.models import SurveyLink
from jejak.training.models import Batch, Enrolment, Mentoring, Referral
from jejak.training.rollups import refresh_blk_rollups
from jejak.training.services import batch_open, programme_save
from tests.browser.conftest import log_in
from tests.conftest import ensure_reference_data

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Kata-Sandi-Baru-2026"
TRAINEES = (
    "nik;nama;jenis_kelamin;tanggal_lahir;pendidikan;alamat;kode_wilayah;hp;disabilitas;"
    "status_sebelum;lulus;nomor_sertifikat;kompeten\n"
    "3509015203010001;Dewi Lestari;P;12/03/2001;SMK;Jl. Kenanga 2;35.09;081234567001;;"
    "mencari kerja;Ya;BNSP 1;Kompeten\n"
    "3509011708990002;Agus Salim;L;17/08/1999;SMA;;35.09;081234567002;tuna daksa;bekerja;"
    "Ya;;\n"
)


def _user(email: str, organisation: Organisation, role: str) -> None:
    user = User.objects.create_user(email=email, name=email.split("@")[0], password=PASSWORD)
    Membership.objects.create(user=user, organisation=organisation, role=role)


@pytest.fixture
def blks(transactional_db: Any) -> tuple[Organisation, Organisation]:
    ensure_reference_data()
    jember = Organisation.objects.create(
        kind=Organisation.Kind.TRAINING_CENTRE, name="UPT BLK Jember", region_id="35.09"
    )
    banyuwangi = Organisation.objects.create(
        kind=Organisation.Kind.TRAINING_CENTRE, name="UPT BLK Banyuwangi", region_id="35.10"
    )
    province = Organisation.objects.create(
        kind=Organisation.Kind.LABOUR_OFFICE, name="Disnakertrans Jatim", region_id="35"
    )
    province.area.set(["35"])
    _user("admin@blk.id", jember, Role.BLK_ADMIN)
    _user("analis@jatim.id", province, Role.OFFICE_ANALYST)
    return jember, banyuwangi


def _banyuwangi_batch(blk: Organisation) -> None:
    """The other BLK's finished batch: three trainees, two graduates, one of them working
    (its own officer's work, not this walk's)."""
    programme, _ = programme_save(blk=blk, own_code="LAS1", actor=None,
                                  data={"name": "Pengelasan SMAW"})  # fmt: skip
    end = dt.date.today() - dt.timedelta(days=200)
    batch = batch_open(programme=programme, start_date=end - dt.timedelta(days=60),
                       end_date=end, actor=None)  # fmt: skip
    for number, graduated in enumerate((True, True, False)):
        alumnus = Alumnus.objects.create(organisation=blk, name=f"Peserta Las {number}",
                                         sex="L", cohort=end.year)  # fmt: skip
        Enrolment.objects.create(organisation=blk, batch=batch, alumnus=alumnus,
                                 completed=True, graduated=graduated)  # fmt: skip
        if number == 0:
            OutcomeEvent.objects.create(organisation=blk, alumnus=alumnus, activity="bekerja",
                                        start_date=end + dt.timedelta(days=20),
                                        source="bkk", formal=True)  # fmt: skip


def test_blk_officer_traces_a_batch_and_supports_a_business_start(
    blks: tuple[Organisation, Organisation], desk_page: Any, live_server: Any, tmp_path: Path
) -> None:
    blk = blks[0]
    admin = User.objects.get(email="admin@blk.id")
    programme_save(blk=blk, own_code="OTO1", actor=admin,
                   data={"name": "Servis Sepeda Motor", "vocation": "Teknik Otomotif"})  # fmt: skip
    end = dt.date.today() - dt.timedelta(days=10)
    base, page = live_server.url, desk_page
    log_in(page, base, "admin@blk.id", PASSWORD)

    # The batch that has just finished, entered after the fact.
    page.goto(f"{base}/o/{blk.code}/batches/")
    page.get_by_role("link", name="Buka gelombang").click()
    page.get_by_label("Program").select_option(label="Teknik Otomotif – Servis Sepeda Motor")
    page.get_by_label("Tanggal mulai").fill((end - dt.timedelta(days=60)).isoformat())
    page.get_by_label("Tanggal selesai").fill(end.isoformat())
    page.get_by_role("button", name="Buka gelombang").click()
    batch = Batch.objects.get(organisation=blk)
    page.get_by_role("heading", name=re.compile(batch.own_code)).wait_for()
    assert batch.end_date == end and batch.state == Batch.State.DONE

    page.get_by_role("link", name="Impor peserta").click()
    path = tmp_path / "peserta.csv"
    path.write_text(TRAINEES, encoding="utf-8")
    page.get_by_label("Berkas Excel (.xlsx) atau CSV").set_input_files(str(path))
    page.get_by_role("button", name="Periksa berkas").click()
    page.get_by_role("button", name=re.compile("Impor 2 baris")).click()
    page.get_by_role("link", name="Lihat peserta gelombang").click()

    page.get_by_role("button", name=re.compile("Buka penelusuran gelombang")).click()
    page.get_by_text("Penelusuran gelombang dibuka").wait_for()
    assert SurveyLink.objects.filter(campaign__batch=batch).count() == 2
    # Sending: each trainee's personal link with its WhatsApp message, for the officer's phone.
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Unduh tautan")).click()
    saved = tmp_path / "tautan.csv"
    download.value.save_as(saved)
    sent = {row["nama"]: row for row in csv.DictReader(
        io.StringIO(saved.read_text(encoding="utf-8-sig")), delimiter=";")}  # fmt: skip
    assert set(sent) == {"Dewi Lestari", "Agus Salim"}
    for row in sent.values():
        assert row["tautan"].startswith(base) and row["whatsapp"].startswith("https://wa.me/62")
    phone = desk_page.context.browser.new_context(viewport={"width": 390, "height": 844})
    survey = phone.new_page()
    survey.goto(sent["Dewi Lestari"]["tautan"])
    survey.get_by_role("heading", name="Halo, Dewi Lestari").wait_for()
    phone.close()

    page.goto(f"{base}/o/{blk.code}/batches/{batch.code}/")
    page.get_by_role("link", name="Impor kegiatan setelah pelatihan").click()
    outcomes = tmp_path / "kegiatan.csv"
    outcomes.write_text(
        "nik;kegiatan;tanggal_mulai;nama_instansi;kbli;kbji;kode_wilayah_kerja;penghasilan;"
        f"sumber\n3509015203010001;formal;{end.isoformat()};PT Maju;;;;;telepon\n"
        f"3509015203010009;formal;{end.isoformat()};PT Maju;;;;;telepon\n",
        encoding="utf-8",
    )
    page.get_by_label("Berkas Excel (.xlsx) atau CSV").set_input_files(str(outcomes))
    page.get_by_role("button", name="Periksa berkas").click()
    page.get_by_role("cell", name=re.compile("bukan peserta gelombang")).wait_for()
    page.get_by_role("button", name=re.compile("Impor 1 baris")).click()
    page.get_by_role("link", name="Lihat indikator gelombang").click()
    assert OutcomeEvent.objects.get(alumnus__name="Dewi Lestari").employer == "PT Maju"

    page.goto(f"{base}/o/{blk.code}/batches/{batch.code}/")
    row = page.get_by_role("row", name=re.compile("Agus Salim"))
    row.get_by_role("link", name="Usaha dan pendampingan").click()
    page.get_by_label("Tanggal mulai usaha").fill(end.isoformat())
    page.get_by_label("Nama usaha").fill("Bengkel Agus")
    page.get_by_role("button", name="Simpan usaha").click()
    page.get_by_text("Bengkel Agus").first.wait_for()
    mentoring = page.locator("form", has=page.get_by_role("button", name="Simpan pendampingan"))
    mentoring.get_by_label("Jenis pendampingan").select_option("capital")
    mentoring.get_by_label("Tanggal", exact=True).fill(dt.date.today().isoformat())
    mentoring.get_by_label("Pendamping", exact=True).fill("Konsultan keuangan mikro")
    mentoring.get_by_label("Hasil", exact=True).fill("Berkas KUR mikro disiapkan")
    mentoring.get_by_role("button", name="Simpan pendampingan").click()
    page.get_by_role("cell", name="Berkas KUR mikro disiapkan").wait_for()
    page.get_by_label("Mitra rujukan").select_option("bank_kur")
    page.get_by_label("Nama lembaga").fill("BRI Unit Jember")
    page.get_by_label("Tanggal rujukan").fill(dt.date.today().isoformat())
    page.get_by_role("button", name="Simpan rujukan").click()
    page.get_by_role("cell", name=re.compile("BRI Unit Jember")).wait_for()
    assert OutcomeEvent.objects.get(alumnus__name="Agus Salim").activity == "wirausaha"
    assert Mentoring.objects.get().topic == "capital"
    assert Referral.objects.get().partner == "bank_kur"

    _banyuwangi_batch(blks[1])
    refresh_blk_rollups()  # what the scheduler's pass does every five minutes
    analyst = desk_page.context.new_page()
    log_in(analyst, base, "analis@jatim.id", PASSWORD)
    office = Organisation.objects.get(name="Disnakertrans Jatim")
    analyst.goto(f"{base}/o/{office.code}/")
    section = analyst.get_by_role("region", name="Indikator BLK di wilayah")
    assert section.get_by_role("rowheader", name="UPT BLK Banyuwangi").is_visible()
    analyst.get_by_role("link", name="Semua indikator BLK berdampingan, menurut kelompok").click()
    analyst.get_by_role("heading", name="Indikator BLK berdampingan").wait_for()
    table = analyst.get_by_role("region", name=re.compile("Indikator BLK berdampingan"))
    jember = table.get_by_role("row", name=re.compile("UPT BLK Jember"))
    banyuwangi = table.get_by_role("row", name=re.compile("UPT BLK Banyuwangi"))
    # Trainees, graduates, then each rate with its numerator/denominator: Banyuwangi's 2 of 3
    # graduated and 1 of 2 works at 6 months; Jember's batch is too recent for 3 months.
    assert banyuwangi.get_by_role("cell").nth(0).inner_text() == "3"
    assert "(2/3)" in banyuwangi.get_by_role("cell").nth(2).inner_text()
    assert "(1/2)" in banyuwangi.get_by_role("cell").nth(5).inner_text()
    assert jember.get_by_role("cell").nth(0).inner_text() == "2"
    assert "(2/2)" in jember.get_by_role("cell").nth(2).inner_text()
