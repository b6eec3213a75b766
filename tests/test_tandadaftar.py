"""The tanda daftar lifecycle of a BKK: application with attachments, submission, return with a
reason, issue with a certificate and a public verification page, reissue after a change of
person in charge, deactivation, and the office's list of SMKs without a valid tanda daftar."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from jejak.audit.models import AuditEvent
from jejak.bkkreports import services as bkk_services
from jejak.bkkreports.models import PlacementPlan
from jejak.bkkreports.periods import Period
from jejak.jobs import services as job_services
from jejak.organisations.models import Bkk, Organisation
from jejak.profiles.uploads import detect_type
from jejak.tandadaftar import services
from jejak.tandadaftar.models import Application, Attachment
from jejak.tandadaftar.selectors import schools_without_registration, verify
from tests.bkk_support import labour_analyst
from tests.conftest import Tenant
from tests.jobs_factories import vet

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% izin operasional\n"
KINDS = [kind for kind, _label in Attachment.Kind.choices]


def start(t: Tenant) -> Application:
    return services.application_start(school=t.school, office=t.labour_office, actor=t.bkk)


def attach(application: Application, t: Tenant, kind: str, data: bytes = PDF) -> Attachment:
    file_type = detect_type(data)
    assert file_type is not None
    return services.attachment_add(
        application=application, actor=t.bkk, kind=kind, data=data, file_type=file_type,
        original_name=f"{kind}.pdf",
    )  # fmt: skip


def submitted(t: Tenant) -> Application:
    """A submitted application of the tenant's BKK with all three documents."""
    application = start(t)
    for kind in KINDS:
        attach(application, t, kind)
    return services.application_submit(application=application, actor=t.bkk, plan_year=None,
                                       note="")  # fmt: skip


def issued(t: Tenant, number: str = "562/001/35.09/2026", **more: Any) -> Application:
    return services.application_issue(
        application=submitted(t), office=t.labour_office, actor=labour_analyst(t),
        number=number, issued_on=more.get("issued_on", timezone.localdate()),
        valid_until=more.get("valid_until"),
    )  # fmt: skip


def _sent_to() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


def _actions(organisation: Organisation) -> list[str]:
    return list(
        AuditEvent.objects.filter(organisation=organisation)
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_bkk_applies_and_the_office_issues_a_certificate_that_verifies(
    login: Any, jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    analyst = labour_analyst(jember)
    client = login(jember.bkk)
    school = jember.school.code
    response = client.post(reverse("tandadaftar:start", args=[school]),
                           {"office": jember.labour_office.pk})  # fmt: skip
    application = Application.objects.get(organisation=jember.school)
    assert application.kind == Application.Kind.NEW and application.state == "draft"
    for kind in KINDS:
        upload = reverse("tandadaftar:upload", args=[school, application.code])
        with open_bytes(PDF, f"{kind}.pdf") as handle:
            assert client.post(upload, {"kind": kind, "file": handle}).status_code == 302
    assert application.attachments.count() == 3
    submit = reverse("tandadaftar:submit", args=[school, application.code])
    asked = client.post(submit, {"plan_year": "", "note": "Mohon diperiksa"})
    assert asked.status_code == 200 and "Ajukan permohonan" in asked.content.decode()
    application.refresh_from_db()
    assert application.state == "draft"  # asking changed nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(submit, {"plan_year": "", "note": "Mohon diperiksa", "confirm": "1"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == "submitted" and application.note == "Mohon diperiksa"
    assert [m.to for m in mail.outbox] == [[analyst.email]]

    office = login(analyst)
    review = reverse("tandadaftar:office_review", args=[jember.labour_office.code,
                                                        application.code])  # fmt: skip
    page = office.get(review).content.decode()
    assert page.count("tag ok") == 3  # every document on the checklist is there
    today = timezone.localdate()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(
            review,
            {
                "action": "issue",
                "number": "562/7/2026",
                "issued_on": today.isoformat(),
                "valid_until": "",
            },
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == "issued" and application.verify_token
    bkk = Bkk.objects.get(organisation=jember.school)
    assert (bkk.registration_number, bkk.registration_date, bkk.registration_office) == (
        "562/7/2026",
        today,
        jember.labour_office,
    )
    assert _sent_to() == {jember.bkk.email, jember.head.email}  # the school's side, each alone
    assert "tanda_daftar.issued" in _actions(jember.school)
    assert "tanda_daftar.issued" in _actions(jember.labour_office)

    pdf = login(jember.bkk).get(reverse("tandadaftar:certificate", args=[school, application.code]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    office_copy = login(analyst).get(
        reverse(
            "tandadaftar:office_certificate", args=[jember.labour_office.code, application.code]
        )
    )
    assert office_copy.status_code == 200 and office_copy.content.startswith(b"%PDF")
    client.logout()
    check = client.get(reverse("tandadaftar:verify", args=[application.verify_token]))
    text = check.content.decode()
    assert check.status_code == 200 and "BERLAKU" in text and "562/7/2026" in text
    assert "TIDAK BERLAKU" not in text


class open_bytes:
    """An in-memory upload with a name, for the test client."""

    def __init__(self, data: bytes, name: str) -> None:
        import io

        self.handle = io.BytesIO(data)
        self.handle.name = name

    def __enter__(self) -> Any:
        return self.handle

    def __exit__(self, *args: object) -> None:
        self.handle.close()


def test_submission_names_every_missing_document_and_changes_nothing(jember: Tenant) -> None:
    application = start(jember)
    attach(application, jember, "izin_operasional")
    with pytest.raises(services.TandaDaftarError) as problem:
        services.application_submit(application=application, actor=jember.bkk, plan_year=None,
                                    note="")  # fmt: skip
    assert "SK pembentukan BKK" in str(problem.value) and "Rencana penempatan" in str(problem.value)
    application.refresh_from_db()
    assert application.state == "draft"


def test_the_registers_placement_plan_stands_for_an_uploaded_one(jember: Tenant) -> None:
    PlacementPlan.objects.create(organisation=jember.school, year=2026, major=None, target=40)
    application = start(jember)
    attach(application, jember, "izin_operasional")
    attach(application, jember, "sk_bkk")
    application = services.application_submit(application=application, actor=jember.bkk,
                                              plan_year=2026, note="")  # fmt: skip
    assert application.state == "submitted"


def test_a_file_that_is_not_a_pdf_or_image_is_refused_by_its_content(
    login: Any, jember: Tenant
) -> None:
    application = start(jember)
    upload = reverse("tandadaftar:upload", args=[jember.school.code, application.code])
    with open_bytes(b"<html><script>alert(1)</script>", "sk.pdf") as handle:
        response = login(jember.bkk).post(upload, {"kind": "sk_bkk", "file": handle})
    assert response.status_code == 422
    assert "Jenis berkas tidak diterima" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_replaced_attachment_leaves_one_file(
    jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    application = start(jember)
    first = attach(application, jember, "sk_bkk")
    with django_capture_on_commit_callbacks(execute=True):
        second = attach(application, jember, "sk_bkk", b"%PDF-1.7\n% baru\n")
    assert list(application.attachments.all()) == [second]
    assert not default_storage.exists(first.stored_name)
    assert default_storage.open(second.stored_name).read().startswith(b"%PDF-1.7")


def test_office_returns_with_a_reason_and_the_bkk_fixes_and_resubmits(
    jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    application = submitted(jember)
    analyst = labour_analyst(jember)
    with pytest.raises(services.TandaDaftarError):
        services.application_return(application=application, office=jember.labour_office,
                                    actor=analyst, reason="  ")  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        services.application_return(application=application, office=jember.labour_office,
                                    actor=analyst, reason="SK belum ditandatangani")  # fmt: skip
    application.refresh_from_db()
    assert application.state == "returned"
    assert jember.bkk.email in _sent_to()
    assert "SK belum ditandatangani" in mail.outbox[-1].body
    attach(application, jember, "sk_bkk", b"%PDF-1.4\n% ditandatangani\n")
    services.application_submit(application=application, actor=jember.bkk, plan_year=None,
                                note="SK diperbaiki")  # fmt: skip
    application.refresh_from_db()
    assert application.state == "submitted"
    assert "tanda_daftar.returned" in _actions(jember.school)


def test_attachments_cannot_change_while_the_office_reviews(jember: Tenant) -> None:
    application = submitted(jember)
    with pytest.raises(services.TandaDaftarError):
        attach(application, jember, "sk_bkk")


def test_only_one_open_application_per_bkk(jember: Tenant) -> None:
    start(jember)
    with pytest.raises(services.TandaDaftarError):
        start(jember)


def test_an_office_not_covering_the_school_cannot_be_chosen(
    jember: Tenant, bandung: Tenant
) -> None:
    with pytest.raises(services.TandaDaftarError):
        services.application_start(school=jember.school, office=bandung.labour_office,
                                   actor=jember.bkk)  # fmt: skip


@pytest.mark.parametrize(
    ("number", "valid_days", "message"),
    [("", None, "Isi nomor"), ("562/001/35.09/2026", None, "sudah dipakai"),
     ("562/9", -1, "harus sesudah")],
)  # fmt: skip
def test_issue_refuses_a_missing_or_taken_number_and_a_backwards_validity(
    jember: Tenant, number: str, valid_days: int | None, message: str
) -> None:
    issued(jember)
    bkk = Bkk.objects.get(organisation=jember.school)
    bkk.reissue_needed_since = timezone.localdate()
    bkk.save()
    application = submitted(jember)
    today = timezone.localdate()
    with pytest.raises(services.TandaDaftarError, match=message):
        services.application_issue(
            application=application, office=jember.labour_office, actor=labour_analyst(jember),
            number=number, issued_on=today,
            valid_until=today + dt.timedelta(days=valid_days) if valid_days else None,
        )  # fmt: skip
    application.refresh_from_db()
    assert application.state == "submitted"


def test_a_change_of_person_in_charge_leads_to_a_reissue_that_supersedes_the_old_certificate(
    jember: Tenant,
) -> None:
    first = issued(jember)
    bkk = Bkk.objects.get(organisation=jember.school)
    bkk_services.person_in_charge_change(bkk=bkk, actor=jember.bkk, name="Pak Lama", phone="",
                                         position="", start_date=dt.date(2025, 1, 1))  # fmt: skip
    bkk_services.person_in_charge_change(bkk=bkk, actor=jember.bkk, name="Bu Baru", phone="",
                                         position="", start_date=dt.date(2026, 1, 5))  # fmt: skip
    bkk.refresh_from_db()
    assert bkk.reissue_needed_since == dt.date(2026, 1, 5)
    second = start(jember)
    assert second.kind == Application.Kind.REISSUE
    for kind in KINDS:
        attach(second, jember, kind)
    services.application_submit(application=second, actor=jember.bkk, plan_year=None, note="")
    second = services.application_issue(
        application=second, office=jember.labour_office, actor=labour_analyst(jember),
        number="562/002", issued_on=timezone.localdate(), valid_until=None,
    )  # fmt: skip
    bkk.refresh_from_db()
    assert bkk.reissue_needed_since is None and bkk.registration_number == "562/002"
    today = timezone.localdate()
    assert verify(second.verify_token, today).valid
    old = verify(first.verify_token, today)
    assert not old.valid and "lebih baru" in str(old.reason)


def test_deactivation_stops_vacancies_and_reports_until_a_new_tanda_daftar(
    login: Any, jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    certificate = issued(jember)
    analyst = labour_analyst(jember)
    url = reverse("tandadaftar:office_deactivate",
                  args=[jember.labour_office.code, jember.school.code])  # fmt: skip
    client = login(analyst)
    assert client.post(url, {"reason": "Tidak melapor 12 bulan"}).status_code == 200  # asks
    assert Bkk.objects.get(organisation=jember.school).active
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Tidak melapor 12 bulan", "confirm": "1"})
    assert response.status_code == 302
    bkk = Bkk.objects.get(organisation=jember.school)
    assert not bkk.active and bkk.deactivation_reason == "Tidak melapor 12 bulan"
    assert "bkk.deactivated" in _actions(jember.school)
    assert "bkk.deactivated" in _actions(jember.labour_office)
    assert jember.bkk.email in _sent_to()

    vet(jember)
    with pytest.raises(job_services.Refused, match="dinonaktifkan"):
        job_services.vacancy_post(
            company=jember.company, posted_by_org=jember.school, actor=jember.bkk,
            data={"title": "Operator", "openings": 1}, schools=[jember.school], regions=[],
        )  # fmt: skip
    with pytest.raises(bkk_services.ReportError, match="dinonaktifkan"):
        bkk_services.report_generate(organisation=jember.school,
                                     period=Period("month", dt.date(2026, 3, 1)),
                                     actor=jember.bkk)  # fmt: skip
    assert not verify(certificate.verify_token, timezone.localdate()).valid
    rows = schools_without_registration(jember.labour_office, timezone.localdate())
    assert [(r.school, r.problem) for r in rows] == [(jember.school, "deactivated")]

    issued(jember, number="562/003")  # a new tanda daftar makes the BKK active again
    assert Bkk.objects.get(organisation=jember.school).active


def test_office_lists_and_exports_smks_without_a_valid_tanda_daftar(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    today = timezone.localdate()
    expired = Organisation.objects.create(kind=Organisation.Kind.SCHOOL, name="SMK Kedaluwarsa",
                                          region_id="35.09", npsn="20523002")  # fmt: skip
    Bkk.objects.create(organisation=expired, registration_number="562/old",
                       registration_valid_until=today - dt.timedelta(days=1))  # fmt: skip
    valid = Organisation.objects.create(kind=Organisation.Kind.SCHOOL, name="SMK Berlaku",
                                        region_id="35.09", npsn="20523003")  # fmt: skip
    Bkk.objects.create(organisation=valid, registration_number="562/ok",
                       registration_valid_until=today + dt.timedelta(days=30))  # fmt: skip
    client = login(labour_analyst(jember))
    page = client.get(reverse("tandadaftar:office_missing", args=[jember.labour_office.code]))
    text = page.content.decode()
    assert jember.school.name in text and "SMK Kedaluwarsa" in text
    assert "SMK Berlaku" not in text and bandung.school.name not in text
    csv = client.get(reverse("tandadaftar:office_missing_csv", args=[jember.labour_office.code]))
    lines = csv.content.decode().splitlines()
    assert lines[0].startswith("npsn,sekolah")
    assert {line.split(",")[3] for line in lines[1:]} == {"none", "expired"}
    assert len(lines) == 3


def test_verification_of_an_unknown_token_is_invalid_and_names_no_person(
    client: Any, jember: Tenant
) -> None:
    application = issued(jember)
    bkk = Bkk.objects.get(organisation=jember.school)
    bkk_services.person_in_charge_change(bkk=bkk, actor=jember.bkk, name="Bu Rahasia",
                                         phone="+6281200000000", position="Ketua",
                                         start_date=dt.date(2026, 1, 5))  # fmt: skip
    page = client.get(reverse("tandadaftar:verify", args=[application.verify_token]))
    assert "Bu Rahasia" not in page.content.decode() and "62812" not in page.content.decode()
    missing = client.get(reverse("tandadaftar:verify", args=["tidak-ada-token"]))
    assert "TIDAK BERLAKU" in missing.content.decode()


def test_office_opening_an_attachment_is_logged_for_the_school(login: Any, jember: Tenant) -> None:
    application = submitted(jember)
    document = application.attachments.get(kind="sk_bkk")
    url = reverse("tandadaftar:office_attachment",
                  args=[jember.labour_office.code, application.code, document.code])  # fmt: skip
    response = login(labour_analyst(jember)).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "tanda_daftar.attachment_viewed" in _actions(jember.school)


def test_a_deactivated_bkk_cannot_reactivate_itself_through_its_register(
    login: Any, jember: Tenant
) -> None:
    issued(jember)
    bkk = Bkk.objects.get(organisation=jember.school)
    services.bkk_deactivate(bkk=bkk, office=jember.labour_office, actor=labour_analyst(jember),
                            reason="Tidak melapor")  # fmt: skip
    data = {"name": "BKK Jember", "registration_number": "562/001/35.09/2026",
            "registration_date": "2026-01-02", "registration_office": jember.labour_office.pk,
            "decree_number": "", "decree_date": "", "active": "on"}  # fmt: skip
    login(jember.bkk).post(reverse("bkkreports:register", args=[jember.school.code]), data)
    assert not Bkk.objects.get(organisation=jember.school).active


def test_education_office_has_no_tanda_daftar_office_pages(login: Any, jember: Tenant) -> None:
    client = login(jember.analyst)
    for name in ("tandadaftar:office_queue", "tandadaftar:office_missing"):
        assert client.get(reverse(name, args=[jember.office.code])).status_code == 404
    assert (
        login(labour_analyst(jember))
        .get(reverse("tandadaftar:office_queue", args=[jember.labour_office.code]))
        .status_code
        == 200
    )
