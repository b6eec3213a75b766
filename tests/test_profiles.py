"""Alumni CVs: entries, safe document uploads, who may download, and what companies see."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jejak.alumni.models import Alumnus
from jejak.audit.models import AuditEvent
from jejak.jobs.models import Application, Vacancy
from jejak.organisations.models import Organisation
from jejak.profiles import access as profile_access
from jejak.profiles import services, uploads
from jejak.profiles.models import Document, Entry, Profile
from jejak.profiles.selectors import profile_export, shared_document_url, shared_profile
from tests.conftest import Tenant, main_text
from tests.jobs_factories import some_vacancy

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03" + b"\x00" * 64


def stored_files() -> list[Path]:
    folder = Path(settings.PRIVATE_MEDIA_ROOT) / uploads.DOCUMENTS_DIR
    return sorted(folder.iterdir()) if folder.exists() else []


def upload(client: Any, name: str, data: bytes, kind: str = "certificate") -> Any:
    return client.post(
        reverse("profiles:document_new"),
        {"kind": kind, "title": "", "file": SimpleUploadedFile(name, data)},
    )


class Applications:
    """Companies linked to alumni the way the job exchange links them: an application to
    one of the company's vacancies."""

    def __init__(self, tenant: Tenant) -> None:
        self.tenant = tenant

    def append(self, pair: tuple[Organisation, Alumnus]) -> None:
        company, alumnus = pair
        assert company == self.tenant.company, "only the tenant's company posts vacancies here"
        Application.objects.get_or_create(
            vacancy=some_vacancy(self.tenant), alumnus=alumnus,
            defaults={"organisation": alumnus.organisation},
        )  # fmt: skip

    def clear(self) -> None:
        Application.objects.all().delete()


@pytest.fixture
def linked(jember: Tenant) -> Applications:
    return Applications(jember)


def test_alumnus_adds_and_removes_entries_from_a_phone(login: Any, jember: Tenant) -> None:
    client = login(jember.alumnus_user)
    response = client.post(
        reverse("profiles:entry_new", args=["certificate"]),
        {"title": "Junior Network Administrator", "organisation_name": "LSP P1 SMKN Jember",
         "number": "TIK 123 00001 2025", "start_date": "2025-04-10", "end_date": "2028-04-10"},
    )  # fmt: skip
    assert response.status_code == 302
    entry = Entry.objects.get(alumnus=jember.alumnus)
    assert entry.kind == "certificate" and entry.province_code == "35"
    page = client.get(reverse("profiles:me")).content.decode()
    assert "Junior Network Administrator" in page and "TIK 123 00001 2025" in page
    client.post(reverse("profiles:entry_delete", args=[entry.code]), {"confirm": "1"})
    assert not Entry.objects.filter(alumnus=jember.alumnus).exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"profile.entry_added", "profile.entry_deleted"} <= actions


def test_entry_end_before_start_is_refused_naming_the_field(login: Any, jember: Tenant) -> None:
    client = login(jember.alumnus_user)
    response = client.post(
        reverse("profiles:entry_new", args=["internship"]),
        {"organisation_name": "PT Telkom", "title": "Teknisi", "start_date": "2024-08-01",
         "end_date": "2024-01-01"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai" in response.content.decode()
    assert not Entry.objects.exists()


def test_unknown_entry_kind_is_404(login: Any, jember: Tenant) -> None:
    client = login(jember.alumnus_user)
    assert client.get(reverse("profiles:entry_new", args=["hobby"])).status_code == 404


def test_skills_are_free_tags_without_duplicates(login: Any, jember: Tenant) -> None:
    client = login(jember.alumnus_user)
    client.post(
        reverse("profiles:edit"), {"summary": "Siap kerja", "skills": "Mikrotik, mikrotik; Excel"}
    )
    assert Profile.objects.get(alumnus=jember.alumnus).skills == ["Mikrotik", "Excel"]


def test_pdf_upload_is_stored_privately_under_a_random_name(login: Any, jember: Tenant) -> None:
    client = login(jember.alumnus_user)
    assert upload(client, "Sertifikat Siti.pdf", PDF).status_code == 302
    document = Document.objects.get(alumnus=jember.alumnus)
    assert document.content_type == "application/pdf" and document.size == len(PDF)
    [path] = stored_files()
    assert path.read_bytes() == PDF
    assert "Siti" not in path.name and path.suffix == ".pdf"
    assert str(path).startswith(str(settings.PRIVATE_MEDIA_ROOT))


def test_png_named_pdf_is_accepted_only_as_png(login: Any, jember: Tenant) -> None:
    client = login(jember.alumnus_user)
    upload(client, "ijazah.pdf", PNG)
    document = Document.objects.get(alumnus=jember.alumnus)
    assert document.content_type == "image/png"
    assert stored_files()[0].suffix == ".png"
    response = client.get(reverse("profiles:my_document", args=[document.code]))
    assert response["Content-Type"] == "image/png"
    assert (
        ".png" in response["Content-Disposition"] and ".pdf" not in response["Content-Disposition"]
    )


def test_jpeg_is_accepted(login: Any, jember: Tenant) -> None:
    upload(login(jember.alumnus_user), "foto.jpeg", JPEG)
    assert Document.objects.get().content_type == "image/jpeg"


@pytest.mark.parametrize(
    ("name", "data"),
    [("cv.pdf", EXE), ("cv.pdf", b"<html><script>alert(1)</script>"), ("cv.docx", b"PK\x03\x04")],
)
def test_wrong_type_is_refused_and_nothing_saved(
    login: Any, jember: Tenant, name: str, data: bytes
) -> None:
    response = upload(login(jember.alumnus_user), name, data)
    assert response.status_code == 200
    assert "Jenis berkas tidak diterima" in response.content.decode()
    assert not Document.objects.exists() and stored_files() == []
    assert not AuditEvent.objects.filter(action="profile.document_uploaded").exists()


def test_too_big_is_refused_and_nothing_saved(login: Any, jember: Tenant) -> None:
    big = PDF + b"0" * (uploads.DOCUMENT_MAX_MB * 1024 * 1024)
    response = upload(login(jember.alumnus_user), "besar.pdf", big)
    assert "Berkas terlalu besar" in response.content.decode()
    assert not Document.objects.exists() and stored_files() == []


def test_document_limit_follows_the_smaller_of_both_settings(settings: Any) -> None:
    settings.MAX_UPLOAD_MB = 2
    assert uploads.max_document_bytes() == 2 * 1024 * 1024
    settings.MAX_UPLOAD_MB = 20
    assert uploads.max_document_bytes() == uploads.DOCUMENT_MAX_MB * 1024 * 1024


def test_deleting_a_document_removes_its_file(
    login: Any, jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    client = login(jember.alumnus_user)
    upload(client, "cv.pdf", PDF)
    document = Document.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("profiles:document_delete", args=[document.code]), {"confirm": "1"})
    assert not Document.objects.exists() and stored_files() == []


def _document(t: Tenant) -> Document:
    data, kind = PDF, uploads.detect_type(PDF)
    assert kind is not None
    return services.document_upload(
        alumnus=t.alumnus, actor=t.alumnus_user, kind="cv", title="CV Siti", data=data,
        file_type=kind,
    )  # fmt: skip


def _company_url(t: Tenant, document: Document, company: Any = None) -> str:
    return reverse(
        "profiles:company_document",
        kwargs={"org": (company or t.company).code, "alumnus_code": t.alumnus.code,
                "doc_code": document.code},
    )  # fmt: skip


def test_download_is_an_attachment_that_is_never_sniffed(login: Any, jember: Tenant) -> None:
    document = _document(jember)
    response = login(jember.alumnus_user).get(reverse("profiles:my_document", args=[document.code]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_another_alumnus_cannot_open_my_document(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    document = _document(jember)
    client = login(bandung.alumnus_user)
    assert client.get(reverse("profiles:my_document", args=[document.code])).status_code == 404
    response = client.post(reverse("profiles:document_delete", args=[document.code]))
    assert response.status_code == 404 and Document.objects.filter(pk=document.pk).exists()


def test_own_bkk_downloads_and_it_is_audited(login: Any, jember: Tenant) -> None:
    document = _document(jember)
    url = _company_url(jember, document, company=jember.school)
    assert login(jember.bkk).get(url).status_code == 200
    event = AuditEvent.objects.get(action="profile.document_downloaded")
    assert event.actor == jember.bkk and event.organisation == jember.school


@pytest.mark.parametrize("role", ["head", "teacher"])
def test_other_school_staff_do_not_download(login: Any, jember: Tenant, role: str) -> None:
    document = _document(jember)
    url = _company_url(jember, document, company=jember.school)
    assert login(getattr(jember, role)).get(url).status_code == 404


def test_company_needs_both_sharing_and_a_link(
    login: Any, jember: Tenant, linked: Applications
) -> None:
    document = _document(jember)
    client = login(jember.recruiter)
    url = _company_url(jember, document)
    missing = url.replace(document.code, "tdkada2345")
    assert client.get(url).status_code == 404  # neither shared nor linked
    linked.append((jember.company, jember.alumnus))
    assert client.get(url).status_code == 404  # linked, documents not shared
    services.sharing_set(alumnus=jember.alumnus, actor=jember.alumnus_user,
                         choices={"share_documents": True})  # fmt: skip
    response = client.get(url)
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
    assert client.get(missing).status_code == 404
    linked.clear()
    assert client.get(url).status_code == 404  # shared, no longer linked


def test_company_of_another_region_is_refused_even_when_linked(
    login: Any, jember: Tenant, bandung: Tenant, linked: Applications
) -> None:
    document = _document(jember)
    services.sharing_set(alumnus=jember.alumnus, actor=jember.alumnus_user,
                         choices={"share_documents": True})  # fmt: skip
    linked.append((jember.company, jember.alumnus))
    # Bandung's recruiter is not a member of Jember's company: 404 at the organisation.
    assert login(bandung.recruiter).get(_company_url(jember, document)).status_code == 404
    # Their own company is not linked to this alumnus.
    url = _company_url(jember, document, company=bandung.company)
    assert login(bandung.recruiter).get(url).status_code == 404


def test_company_may_see_is_false_without_an_application(jember: Tenant) -> None:
    assert profile_access.company_may_see(jember.company, jember.alumnus) is False


def test_company_may_see_whoever_applied_to_its_vacancies(
    jember: Tenant, linked: Applications
) -> None:
    linked.append((jember.company, jember.alumnus))
    assert profile_access.company_may_see(jember.company, jember.alumnus)
    assert not profile_access.company_may_see(jember.company, jember.other_alumnus)
    # Only companies: an organisation of another kind sees nothing through this door, even
    # when it is the one an application names.
    Vacancy.objects.update(company=jember.school)
    assert not profile_access.company_may_see(jember.school, jember.alumnus)


def _fill_cv(t: Tenant) -> None:
    alumnus = t.alumnus
    alumnus.email, alumnus.disability = "siti@example.id", "D"
    alumnus.save()
    services.profile_update(alumnus=alumnus, actor=t.alumnus_user, summary="Teknisi jaringan",
                            skills=["Mikrotik", "Fiber optik"])  # fmt: skip
    for kind, title in [("certificate", "Skema KKNI II TKJ"), ("internship", "Teknisi PKL"),
                        ("experience", "Teknisi warnet"), ("education", "D3 Teknik Informatika"),
                        ("language", "Inggris")]:  # fmt: skip
        services.entry_add(alumnus=alumnus, actor=t.alumnus_user, kind=kind,
                           data={"title": title})  # fmt: skip
    _document(t)


def test_shared_profile_by_default_hides_contact_documents_and_disability(
    jember: Tenant, django_assert_max_num_queries: Any
) -> None:
    _fill_cv(jember)
    with django_assert_max_num_queries(3):
        shared = shared_profile(jember.alumnus)
    assert shared.name == jember.alumnus.name and shared.cohort == 2025
    assert shared.summary == "Teknisi jaringan"
    assert shared.skills == ("Mikrotik", "Fiber optik")
    assert [c.title for c in shared.certificates] == ["Skema KKNI II TKJ"]
    assert [e.title for e in shared.internships] == ["Teknisi PKL"]
    assert [e.title for e in shared.experience] == ["Teknisi warnet"]
    assert [e.title for e in shared.education] == ["D3 Teknik Informatika"]
    assert [e.title for e in shared.languages] == ["Inggris"]
    assert shared.phone is None and shared.email is None and shared.disability is None
    assert shared.documents == ()


def test_shared_profile_follows_each_choice(jember: Tenant) -> None:
    _fill_cv(jember)
    services.sharing_set(
        alumnus=jember.alumnus, actor=jember.alumnus_user,
        choices={"share_skills": False, "share_certificates": False, "share_experience": False,
                 "share_contact": True, "share_documents": True, "share_disability": True},
    )  # fmt: skip
    shared = shared_profile(jember.alumnus)
    assert shared.skills == () and shared.languages == () and shared.certificates == ()
    assert shared.internships == shared.experience == shared.education == ()
    assert shared.phone == "+6281234567890" and shared.email == "siti@example.id"
    assert shared.disability == "D"
    [document] = shared.documents
    url = shared_document_url(document, company=jember.company, alumnus_code=shared.alumnus_code)
    assert url == _company_url(jember, Document.objects.get())


def test_shared_profile_is_frozen(jember: Tenant) -> None:
    shared = shared_profile(jember.alumnus)
    with pytest.raises(AttributeError):
        shared.phone = "+62811"  # type: ignore[misc]


def test_sharing_consent_is_recorded_with_time_and_audited(login: Any, jember: Tenant) -> None:
    client = login(jember.alumnus_user)
    page = client.get(reverse("profiles:sharing")).content.decode()
    assert 'name="share_skills" checked' in page.replace(' id="id_share_skills"', "")
    client.post(reverse("profiles:sharing"), {"share_skills": "on", "share_documents": "on"})
    profile = Profile.objects.get(alumnus=jember.alumnus)
    assert profile.sharing_consent_at is not None
    assert profile.share_documents and not profile.share_certificates
    event = AuditEvent.objects.get(action="profile.sharing_consented")
    assert event.changes["changed"]["share_documents"] == [False, True]
    assert event.changes["sharing"]["share_documents"] is True


def test_printable_cv_shows_disability_only_when_chosen(login: Any, jember: Tenant) -> None:
    _fill_cv(jember)
    client = login(jember.alumnus_user)
    page = client.get(reverse("profiles:cv")).content.decode()
    assert "Skema KKNI II TKJ" in page and "Kebutuhan khusus" not in page
    services.sharing_set(alumnus=jember.alumnus, actor=jember.alumnus_user,
                         choices={"share_disability": True})  # fmt: skip
    assert "Kebutuhan khusus" in client.get(reverse("profiles:cv")).content.decode()


def test_cv_pdf_is_a_pdf(login: Any, jember: Tenant) -> None:
    _fill_cv(jember)
    response = login(jember.alumnus_user).get(reverse("profiles:cv_pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")


def test_bkk_reads_own_alumnus_cv_and_the_view_is_audited(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    _fill_cv(jember)
    client = login(jember.bkk)
    url = reverse("profiles:alumnus_cv", args=[jember.school.code, jember.alumnus.code])
    page = client.get(url)
    assert page.status_code == 200 and "Skema KKNI II TKJ" in page.content.decode()
    assert AuditEvent.objects.filter(action="profile.viewed", actor=jember.bkk).exists()
    foreign = reverse("profiles:alumnus_cv", args=[jember.school.code, bandung.alumnus.code])
    assert client.get(foreign).status_code == 404


def test_profile_pages_are_only_for_alumni(login: Any, jember: Tenant) -> None:
    client = login(jember.bkk)
    assert client.get(reverse("profiles:me")).status_code == 404


def test_linked_company_sees_only_the_shared_cv(
    login: Any, jember: Tenant, linked: Applications
) -> None:
    _fill_cv(jember)
    client = login(jember.recruiter)
    url = reverse("profiles:alumnus_cv", args=[jember.company.code, jember.alumnus.code])
    assert client.get(url).status_code == 404  # not linked yet
    linked.append((jember.company, jember.alumnus))
    page = client.get(url).content.decode()
    assert "Skema KKNI II TKJ" in page and "Mikrotik" in page
    assert "0812" not in page and "siti@example.id" not in page and "CV Siti" not in page
    services.sharing_set(alumnus=jember.alumnus, actor=jember.alumnus_user,
                         choices={"share_certificates": False, "share_contact": True,
                                  "share_documents": True})  # fmt: skip
    page = client.get(url).content.decode()
    assert "Skema KKNI II TKJ" not in page
    assert "siti@example.id" in page and "CV Siti" in page
    event = AuditEvent.objects.filter(action="profile.viewed", actor=jember.recruiter).first()
    assert event is not None and event.organisation == jember.school


def test_profile_export_holds_every_entry_and_the_consent(jember: Tenant) -> None:
    _fill_cv(jember)
    services.sharing_set(alumnus=jember.alumnus, actor=jember.alumnus_user,
                         choices={"share_contact": True})  # fmt: skip
    data = profile_export(jember.alumnus)
    assert len(data["entries"]) == 5 and data["skills"] == ["Mikrotik", "Fiber optik"]
    assert data["sharing"]["share_contact"] is True and data["sharing_consent_at"]
    assert [d["title"] for d in data["documents"]] == ["CV Siti"]
    json.dumps(data)  # plain values only


def test_erasing_an_alumnus_can_take_their_files_along(
    jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    _document(jember)
    assert stored_files()
    with django_capture_on_commit_callbacks(execute=True):
        services.profile_erase_files(jember.alumnus)
        jember.alumnus.delete()
    assert stored_files() == [] and not Document.objects.exists()


def test_unshared_and_missing_documents_look_the_same_to_a_company(
    login: Any, jember: Tenant, linked: Applications
) -> None:
    document = _document(jember)
    linked.append((jember.company, jember.alumnus))  # linked, but documents are not shared
    client = login(jember.recruiter)
    url = _company_url(jember, document)
    unshared = client.get(url)
    missing = client.get(url.replace(document.code, "tdkada2345"))
    assert unshared.status_code == missing.status_code == 404
    assert main_text(unshared.content.decode()) == main_text(missing.content.decode())


def test_alumnus_corrects_an_entry_and_nobody_else_can(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    entry = services.entry_add(alumnus=jember.alumnus, actor=None, kind="language",
                               data={"title": "Inggirs", "level": "dasar"})  # fmt: skip
    url = reverse("profiles:entry_edit", args=[entry.code])
    assert login(bandung.alumnus_user).post(url, {"title": "X"}).status_code == 404
    client = login(jember.alumnus_user)
    assert 'value="Inggirs"' in client.get(url).content.decode()
    client.post(url, {"title": "Inggris", "level": "menengah"})
    entry.refresh_from_db()
    assert (entry.title, entry.level) == ("Inggris", "menengah")
    event = AuditEvent.objects.get(action="profile.entry_updated")
    assert event.changes["title"] == ["Inggirs", "Inggris"]
