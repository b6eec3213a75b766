"""Private files go through Django's storage, so STORAGE_URL can move them to a bucket every
server reads: nothing writes to PRIVATE_MEDIA_ROOT behind the storage's back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jejak import files
from jejak.profiles.models import Document
from tests.conftest import Tenant

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def in_memory(settings: Any) -> None:
    """A storage that is not the disk: anything written beside it would show up there."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


def test_save_read_exists_delete_and_walk() -> None:
    files.save("imports/x/a.csv", b"one")
    files.save("imports/x/a.csv", b"two")  # a rewrite replaces
    files.save("documents/b.pdf", b"pdf")
    assert files.read("imports/x/a.csv") == b"two"
    assert list(files.walk()) == ["documents/b.pdf", "imports/x/a.csv"]
    files.delete("imports/x/a.csv")
    files.delete("imports/x/a.csv")  # twice is fine
    assert not files.exists("imports/x/a.csv") and files.exists("documents/b.pdf")
    with pytest.raises(FileNotFoundError):
        files.read("imports/x/a.csv")


def test_a_document_is_stored_and_served_through_the_storage(
    login: Any, jember: Tenant, in_memory: None
) -> None:
    client = login(jember.alumnus_user)
    response = client.post(
        reverse("profiles:document_new"),
        {"kind": "certificate", "title": "", "file": SimpleUploadedFile("s.pdf", PDF)},
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert files.read(f"documents/{document.stored_name}") == PDF
    assert not Path(settings.PRIVATE_MEDIA_ROOT).exists()  # nothing on the disk
    served = client.get(reverse("profiles:my_document", args=[document.code]))
    assert b"".join(served.streaming_content) == PDF


def test_an_import_upload_and_its_rejects_go_through_the_storage(
    jember: Tenant, in_memory: None
) -> None:
    from jejak.alumni import import_jobs

    job = import_jobs.import_job_create(
        organisation=jember.school, kind="alumni", filename="kelas.csv",
        data=b"nisn;nama\n123;Siti\n", actor=jember.bkk, cohort=2025,
    )  # fmt: skip
    assert files.exists(job.stored_path)
    assert not Path(settings.PRIVATE_MEDIA_ROOT).exists()
    import_jobs.rejects_rewrite(job, [{"nisn": "123", "kesalahan": "x"}])
    assert import_jobs.rejects_rows(job) == [{"nisn": "123", "kesalahan": "x"}]
