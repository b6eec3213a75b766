"""Hostile CV documents: scripts never run from a stored document, whatever its name says."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jejak.profiles import uploads
from jejak.profiles.models import Document
from tests import hostile
from tests.conftest import Tenant

pytestmark = pytest.mark.django_db


def _upload(client: Any, name: str, data: bytes) -> Any:
    return client.post(
        reverse("profiles:document_new"),
        {"kind": "cv", "title": "", "file": SimpleUploadedFile(name, data)},
    )


def _stored() -> list[Path]:
    folder = Path(settings.PRIVATE_MEDIA_ROOT) / uploads.DOCUMENTS_DIR
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize(
    ("name", "data"),
    [("cv.html", hostile.HTML_CV), ("cv.pdf", hostile.HTML_CV), ("cv.svg", hostile.SVG_CV),
     ("cv.png", hostile.SVG_CV), ("cv.pdf", b"\xef\xbb\xbf" + hostile.HTML_CV)],
)  # fmt: skip
def test_html_and_svg_cvs_are_refused_whatever_their_name(
    login: Any, jember: Tenant, name: str, data: bytes
) -> None:
    response = _upload(login(jember.alumnus_user), name, data)
    assert response.status_code == 200
    assert "Jenis berkas tidak diterima" in response.content.decode()
    assert not Document.objects.exists() and _stored() == []


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [("ijazah.pdf", hostile.PNG, "image/png"),
     ("cv.pdf", hostile.PDF_POLYGLOT, "application/pdf")],
)  # fmt: skip
def test_what_is_accepted_is_served_as_an_inert_attachment(
    login: Any, jember: Tenant, name: str, data: bytes, content_type: str
) -> None:
    client = login(jember.alumnus_user)
    assert _upload(client, name, data).status_code == 302
    document = Document.objects.get()
    response = client.get(reverse("profiles:my_document", args=[document.code]))
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "no-store" in response["Cache-Control"]
