"""BLK pages: opening a batch, recording results, the web import, the public sign-up and
its acceptance, one person with an SMK and a BLK history, and the office's BLK list."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from jejak.accounts.models import Membership, Role, User
from jejak.alumni.models import Alumnus, ImportJob
from jejak.audit.models import AuditEvent
from jejak.training.models import Batch, Enrolment, Programme
from jejak.training.services import batch_open, programme_save
from tests.conftest import Tenant

pytestmark = pytest.mark.django_db

NIK_DEWI = "3509015203010001"  # Jember, 12-03-2001, a woman


def _batch(t: Tenant, *, start: dt.date, end: dt.date) -> Batch:
    programme, _ = programme_save(
        blk=t.blk,
        own_code="OTO1",
        actor=t.blk_admin,
        data={"name": "Servis Sepeda Motor", "vocation": "Otomotif"},
    )
    return batch_open(programme=programme, start_date=start, end_date=end, actor=t.blk_admin)


def _future(t: Tenant) -> Batch:
    today = dt.date.today()
    return _batch(t, start=today + dt.timedelta(days=20), end=today + dt.timedelta(days=80))


def _signup_data(**more: Any) -> dict[str, Any]:
    return {
        "nik": NIK_DEWI,
        "name": "Dewi Lestari",
        "sex": "P",
        "birth_date": "2001-03-12",
        "phone": "081234567001",
        "address": "Jl. Kenanga 2",
        "region": "35.09",
        "education": "SMK",
        "work_before": "mencari_kerja",
        "consent": "on",
        **more,
    }


def test_blk_admin_adds_a_programme_and_opens_a_batch(login: Any, jember: Tenant) -> None:
    client = login(jember.blk_admin)
    response = client.post(reverse("training:programme_new", args=[jember.blk.code]), {
        "own_code": "OTO1", "name": "Servis Sepeda Motor Injeksi", "vocation": "Otomotif",
        "competency_standard": "SKKNI 2016-xx KKNI II", "hours": "240", "occupations": ["7"],
        "active": "on"})  # fmt: skip
    assert response.status_code == 302
    programme = Programme.objects.get(organisation=jember.blk, own_code="OTO1")
    assert programme.hours == 240 and list(programme.occupations.values_list("code", flat=True))
    response = client.post(reverse("training:batch_new", args=[jember.blk.code]), {
        "programme": programme.pk, "own_code": "", "start_date": "2026-07-01",
        "end_date": "2026-08-28", "funding": "APBD", "quota": "16", "mode": "mtu",
        "location": "Balai Desa Ajung",
        "accessibility_notes": "Ruang praktik tanpa tangga"})  # fmt: skip
    batch = Batch.objects.get(organisation=jember.blk)
    assert response.status_code == 302 and batch.own_code == "OTO1-2607"
    assert (batch.funding, batch.mode, batch.quota) == ("APBD", "mtu", 16)
    page = client.get(reverse("training:batch", args=[jember.blk.code, batch.code]))
    assert "Ruang praktik tanpa tangga" in page.content.decode()
    assert AuditEvent.objects.filter(action="batch.opened", object_code=batch.code).exists()


def test_end_before_start_is_refused_with_a_message(login: Any, jember: Tenant) -> None:
    client = login(jember.blk_admin)
    programme, _ = programme_save(blk=jember.blk, own_code="P", actor=None, data={"name": "P"})
    response = client.post(reverse("training:batch_new", args=[jember.blk.code]), {
        "programme": programme.pk, "start_date": "2026-07-01", "end_date": "2026-06-01",
        "funding": "APBN", "mode": "institutional"})  # fmt: skip
    assert response.status_code == 200 and not Batch.objects.exists()
    assert "Tanggal selesai harus sesudah tanggal mulai." in response.content.decode()


def test_public_signup_then_the_officer_accepts(client: Any, jember: Tenant) -> None:
    batch = _future(jember)
    assert batch.state == Batch.State.OPEN
    url = reverse("training:signup", args=[batch.code])
    assert client.get(url).status_code == 200
    wrong = client.post(url, _signup_data(birth_date="2001-03-13"))
    assert "NIK menyatakan 12-03-2001 perempuan, kolom tanggal_lahir 13-03-2001." in (
        wrong.content.decode())  # fmt: skip
    no_consent = _signup_data(disability="sensorik")
    del no_consent["consent"]
    assert client.post(url, no_consent).status_code == 200
    assert not Enrolment.objects.exists()
    response = client.post(url, _signup_data(disability="sensorik", disability_consent="on"))
    assert response.status_code == 302
    enrolment = Enrolment.objects.get()
    assert enrolment.status == Enrolment.Status.APPLIED and enrolment.consent_at
    assert (enrolment.disability, enrolment.alumnus.nisn) == ("sensorik", "")
    assert enrolment.alumnus.organisation == jember.blk and enrolment.alumnus.cohort == (
        batch.end_date.year)  # fmt: skip

    client.force_login(jember.blk_admin)
    client.post(reverse("training:decide", args=[jember.blk.code, enrolment.code]), {"accept": "1"})
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ENROLLED
    assert AuditEvent.objects.filter(action="enrolment.accepted").exists()


def test_signup_is_only_for_open_batches_and_rate_limited(client: Any, jember: Tenant) -> None:
    done = _batch(jember, start=dt.date(2025, 1, 6), end=dt.date(2025, 2, 28))
    assert client.get(reverse("training:signup", args=[done.code])).status_code == 404
    url = reverse("training:signup", args=[_future(jember).code])
    statuses = [client.post(url, {"nik": "x"}).status_code for _ in range(7)]
    assert statuses[-1] == 429


def test_officer_records_results_dated(login: Any, jember: Tenant) -> None:
    batch = _batch(jember, start=dt.date(2026, 1, 5), end=dt.date(2026, 2, 27))
    enrolment = Enrolment.objects.create(organisation=jember.blk, batch=batch,
                                         alumnus=jember.blk_alumnus)  # fmt: skip
    client = login(jember.blk_admin)
    url = reverse("training:results", args=[jember.blk.code, enrolment.code])
    refused = client.post(url, {"competent": "false", "certificate_number": "X-1"})
    assert "hanya untuk peserta yang dinyatakan kompeten" in refused.content.decode()
    client.post(
        url,
        {
            "completed": "true",
            "graduated": "true",
            "competent": "true",
            "certificate_number": "BNSP-77",
            "certification_scheme": "Servis Motor",
        },
    )
    enrolment.refresh_from_db()
    assert (enrolment.graduated, enrolment.graduated_on) == (True, dt.date(2026, 2, 27))
    assert (enrolment.competent, enrolment.certificate_number) == (True, "BNSP-77")
    assert AuditEvent.objects.filter(action="enrolment.results_recorded").exists()


def test_web_import_dry_run_then_real_with_rejects_file(login: Any, jember: Tenant) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    batch = _batch(jember, start=dt.date(2026, 1, 5), end=dt.date(2026, 2, 27))
    client = login(jember.blk_admin)
    csv = (
        "nik;nama;jenis_kelamin;tanggal_lahir\n"
        f"{NIK_DEWI};Dewi;P;12-03-2001\n350901520301000;Tini;P;12-03-2001\n"
    ).encode()
    response = client.post(reverse("training:import", args=[jember.blk.code, batch.code]),
                           {"file": SimpleUploadedFile("peserta.csv", csv)})  # fmt: skip
    dry = ImportJob.objects.get(dry_run=True)
    assert response.status_code == 302 and dry.kind == "trainees"
    assert dry.summary["created"] == 1 and dry.summary["rejected"] == 1
    assert not Enrolment.objects.exists()
    rejects = client.get(reverse("alumni:import_rejects", args=[jember.blk.code, dry.code]))
    assert rejects.status_code == 200
    client.post(reverse("alumni:import_confirm", args=[jember.blk.code, dry.code]))
    assert Enrolment.objects.get().alumnus.nik == NIK_DEWI
    real = ImportJob.objects.get(dry_run=False)
    done = client.get(reverse("alumni:import_job", args=[jember.blk.code, real.code]))
    assert reverse("training:batch", args=[jember.blk.code, batch.code]) in done.content.decode()


def test_one_person_with_an_smk_and_a_blk_history(client: Any, jember: Tenant) -> None:
    # Siti graduated from the SMK (in the register with her NIK) and later trains at the BLK.
    smk = jember.alumnus
    smk.nik, smk.birth_date = NIK_DEWI, dt.date(2001, 3, 12)
    smk.save()
    batch = _future(jember)
    client.post(reverse("training:signup", args=[batch.code]), _signup_data(name=smk.name))
    enrolment = Enrolment.objects.get()
    trainee = enrolment.alumnus
    assert trainee.pk != smk.pk and not trainee.person_key  # never merged silently

    client.force_login(jember.blk_admin)
    page = client.get(reverse("training:same_person", args=[jember.blk.code, enrolment.code]))
    text = page.content.decode()
    # The BLK sees that a match exists and where, not the school's data.
    assert jember.school.name in text and "NIK sama" in text
    assert smk.nisn not in text and smk.phone not in text
    url = reverse("training:same_person", args=[jember.blk.code, enrolment.code])
    asked = client.post(url, {"other": smk.code})
    assert "Tautkan sebagai orang yang sama?" in asked.content.decode()
    assert not Alumnus.objects.exclude(person_key="").exists()
    client.post(url, {"other": smk.code, "confirm": "1"})
    smk.refresh_from_db()
    trainee.refresh_from_db()
    assert smk.person_key and smk.person_key == trainee.person_key
    # A record of another region that merely shares a name cannot be linked from here.
    assert client.post(url, {"other": jember.other_alumnus.code, "confirm": "1"}).status_code == (
        404)  # fmt: skip

    # The person, logged in as the SMK's alumnus, sees both histories on /me/.
    client.force_login(jember.alumnus_user)
    me = client.get(reverse("alumni:me")).content.decode()
    assert jember.school.name in me and jember.blk.name in me and "Servis Sepeda Motor" in me


def test_matching_by_name_and_birth_date(jember: Tenant) -> None:
    from jejak.training.selectors import possible_same_person

    trainee = Alumnus.objects.create(
        organisation=jember.blk,
        nik=NIK_DEWI,
        name="SITI JEMBER",
        sex="P",
        cohort=2026,
        birth_date=dt.date(2007, 8, 17),
    )
    matches = possible_same_person(trainee)
    assert [(m.organisation, m.reason) for m in matches] == [
        (jember.school.name, "name_birth_date")]  # fmt: skip


def test_office_lists_the_blks_of_its_area(login: Any, jember: Tenant, bandung: Tenant) -> None:
    batch = _batch(jember, start=dt.date(2026, 1, 5), end=dt.date(2026, 2, 27))
    Enrolment.objects.create(organisation=jember.blk, batch=batch, alumnus=jember.blk_alumnus)
    client = login(jember.analyst)
    page = client.get(reverse("training:office_blks", args=[jember.office.code]))
    text = page.content.decode()
    assert page.status_code == 200 and jember.blk.name in text and bandung.blk.name not in text
    from jejak.training.selectors import office_blks

    row = office_blks(jember.office)[0]
    assert (row["batches"], row["trainees"]) == (1, 1)


def test_blk_alumnus_login_sees_training_on_me(client: Any, jember: Tenant) -> None:
    batch = _batch(jember, start=dt.date(2026, 1, 5), end=dt.date(2026, 2, 27))
    Enrolment.objects.create(
        organisation=jember.blk,
        batch=batch,
        alumnus=jember.blk_alumnus,
        graduated=True,
        competent=True,
        certificate_number="C-1",
    )
    user = User.objects.create_user(email="peserta@example.id", name="P", password="x")
    Membership.objects.create(user=user, organisation=jember.blk, role=Role.ALUMNUS,
                              alumnus=jember.blk_alumnus)  # fmt: skip
    client.force_login(user)
    me = client.get(reverse("alumni:me")).content.decode()
    assert "Servis Sepeda Motor" in me and "C-1" in me


def test_declining_a_signup_asks_first(client: Any, jember: Tenant) -> None:
    batch = _future(jember)
    client.post(reverse("training:signup", args=[batch.code]), _signup_data())
    enrolment = Enrolment.objects.get()
    client.force_login(jember.blk_admin)
    url = reverse("training:decide", args=[jember.blk.code, enrolment.code])
    asked = client.post(url, {"accept": "0"})
    assert "Tolak pendaftaran Dewi Lestari?" in asked.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.APPLIED
    client.post(url, {"accept": "0", "confirm": "1"})
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.DECLINED


def test_possible_matches_of_a_batch_take_three_queries(
    jember: Tenant, django_assert_max_num_queries: Any
) -> None:
    from jejak.training.selectors import batch_possible_matches

    batch = _batch(jember, start=dt.date(2026, 1, 5), end=dt.date(2026, 2, 27))
    for n in range(8):
        trainee = Alumnus.objects.create(organisation=jember.blk, name=f"Peserta {n}", sex="L",
                                         cohort=2026, nik=f"35090117089900{n:02d}")  # fmt: skip
        Enrolment.objects.create(organisation=jember.blk, batch=batch, alumnus=trainee)
    jember.alumnus.nik = "3509011708990003"
    jember.alumnus.save()
    # The trainees, the candidates, and the pairs already answered (only when any match).
    with django_assert_max_num_queries(3):
        matches = batch_possible_matches(batch)
    assert [m.organisation for found in matches.values() for m in found] == [jember.school.name]


def test_a_public_signup_never_changes_a_known_trainee(client: Any, jember: Tenant) -> None:
    batch = _future(jember)
    known = Alumnus.objects.create(organisation=jember.blk, nik=NIK_DEWI, name="Dewi Lestari",
                                   sex="P", cohort=2025, phone="+6281111111111")  # fmt: skip
    client.post(reverse("training:signup", args=[batch.code]),
                _signup_data(phone="081299999999"))  # fmt: skip
    known.refresh_from_db()
    assert known.phone == "+6281111111111"
    assert Enrolment.objects.get().alumnus == known
    client.post(reverse("training:signup", args=[batch.code]),
                _signup_data(education="S3"))  # fmt: skip
    assert Enrolment.objects.get().education == "SMK"


def test_outcome_file_uploaded_on_the_batch_page_dry_run_rejects_then_confirm(
    login: Any, jember: Tenant
) -> None:
    import io

    import python_calamine
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jejak.outcomes.models import Activity, OutcomeEvent
    from jejak.training.importing import import_trainees

    batch = _batch(jember, start=dt.date(2026, 1, 5), end=dt.date(2026, 2, 27))
    import_trainees(batch=batch, data=f"nik;nama;jenis_kelamin;tanggal_lahir\n{NIK_DEWI};"
                    "Dewi;P;12-03-2001\n".encode(), filename="p.csv")  # fmt: skip
    client = login(jember.blk_admin)
    page = client.get(reverse("training:batch", args=[jember.blk.code, batch.code]))
    url = reverse("training:outcome_import", args=[jember.blk.code, batch.code])
    assert url in page.content.decode()
    csv = (
        "nik;kegiatan;tanggal_mulai;nama_instansi;kbli;kbji;kode_wilayah_kerja;penghasilan;"
        f"sumber\n{NIK_DEWI};wirausaha;2026-03-10;Bengkel Dewi;;;;;telepon\n"
        "3509011708990009;formal;2026-04-15;PT X;;;;;\n"  # not a trainee of the batch
        f"{NIK_DEWI};kerja;2026-04-15;PT X;;;;;\n"  # unknown kegiatan
    ).encode()
    response = client.post(url, {"file": SimpleUploadedFile("hasil.csv", csv)})
    dry = ImportJob.objects.get(dry_run=True, kind="outcomes")
    assert response.status_code == 302
    assert (dry.summary["created"], dry.summary["rejected"]) == (1, 2)
    assert {(e["row"], e["field"]) for e in dry.summary["errors"]} == {(3, "nik"), (4, "kegiatan")}
    assert not OutcomeEvent.objects.exists()  # nothing written by the dry run
    job_page = client.get(reverse("alumni:import_job", args=[jember.blk.code, dry.code]))
    assert "bukan peserta gelombang" in job_page.content.decode()
    rejects = client.get(reverse("alumni:import_rejects", args=[jember.blk.code, dry.code]))
    sheet = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(rejects.content))
    rows = sheet.get_sheet_by_index(0).to_python()
    assert rows[0][:2] == ["nik", "kegiatan"] and rows[0][-1] == "kesalahan"
    assert sorted(r[0] for r in rows[1:]) == ["3509011708990009", NIK_DEWI]
    client.post(reverse("alumni:import_confirm", args=[jember.blk.code, dry.code]))
    event = OutcomeEvent.objects.get()
    assert (event.activity, event.start_date) == (Activity.SELF_EMPLOYED, dt.date(2026, 3, 10))
    assert event.alumnus.nik == NIK_DEWI and event.organisation == jember.blk
    assert AuditEvent.objects.filter(action="training.outcomes_imported").count() == 1
    real = ImportJob.objects.get(dry_run=False, kind="outcomes")
    done = client.get(reverse("alumni:import_job", args=[jember.blk.code, real.code]))
    assert reverse("training:batch", args=[jember.blk.code, batch.code]) in done.content.decode()


def test_outcome_template_has_the_contract_columns(login: Any, jember: Tenant) -> None:
    import io

    import python_calamine

    from jejak.training.outcome_import import COLUMNS

    client = login(jember.blk_admin)
    xlsx = client.get(reverse("training:outcome_template", args=[jember.blk.code, "xlsx"]))
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(xlsx.content))
    assert book.get_sheet_by_index(0).to_python()[0] == COLUMNS
    csv = client.get(reverse("training:outcome_template", args=[jember.blk.code, "csv"]))
    assert csv.content.decode("utf-8-sig").splitlines()[0] == ";".join(COLUMNS)
    other = reverse("training:outcome_template", args=[jember.blk.code, "pdf"])
    assert client.get(other).status_code == 404


def test_another_blk_cannot_upload_outcomes_to_a_batch(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    batch = _batch(jember, start=dt.date(2026, 1, 5), end=dt.date(2026, 2, 27))
    client = login(bandung.blk_admin)
    for org in (jember.blk.code, bandung.blk.code):
        url = reverse("training:outcome_import", args=[org, batch.code])
        response = client.post(url, {"file": SimpleUploadedFile("h.csv", b"nik;kegiatan\n")})
        assert response.status_code == 404
    assert not ImportJob.objects.exists()
