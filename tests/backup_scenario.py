"""The two halves of the backup test, each run by `manage.py shell` in its own process: `make`
fills a fresh database (accounts, survey links, a CV document) and says what a restore must
give back; `check` looks at a restored one. Both print JSON."""

from __future__ import annotations

import hashlib
import json
import sys

from django.test import Client
from django.urls import reverse

from jejak.backups.database import current_counts
from jejak.profiles import services as profile_services
from jejak.profiles.uploads import detect_type
from jejak.tracer import links
from jejak.tracer.models import SurveyLink
from tests.conftest import PASSWORD, make_tenant, running_campaign

CV = b"%PDF-1.4\n% CV Siti Jember\n" + bytes(range(256)) * 40


def make() -> None:
    tenant = make_tenant("Jember", "35.09", "20523001")
    campaign = running_campaign(tenant)
    link = SurveyLink.objects.get(campaign=campaign, alumnus=tenant.alumnus)
    file_type = detect_type(CV)
    assert file_type is not None
    document = profile_services.document_upload(
        alumnus=tenant.alumnus, actor=tenant.alumnus_user, kind="cv", title="CV Siti",
        data=CV, file_type=file_type,
    )  # fmt: skip
    json.dump({
        "counts": current_counts(),
        "staff": tenant.bkk.email,
        "alumnus_user": tenant.alumnus_user.email,
        "alumnus_name": tenant.alumnus.name,
        "survey_path": reverse("tracer:survey", args=[links.token_for(link.seed)]),
        "document": document.code,
        "document_sha256": hashlib.sha256(CV).hexdigest(),
    }, sys.stdout)  # fmt: skip


def _log_in(client: Client, identifier: str) -> bool:
    """Through the login page, as a person would (the lockout needs the request)."""
    client.post(reverse("accounts:login"), {"identifier": identifier, "password": PASSWORD})
    return "_auth_user_id" in client.session


def check(expected: dict) -> None:
    counts = current_counts()  # before the logins below add sessions
    staff = Client()
    alumnus = Client()
    logged_in = _log_in(staff, expected["staff"])
    _log_in(alumnus, expected["alumnus_user"])
    survey = Client().get(expected["survey_path"])
    download = alumnus.get(reverse("profiles:my_document", args=[expected["document"]]))
    body = b"".join(download.streaming_content) if download.streaming else download.content
    json.dump({
        "counts": counts,
        "staff_login": logged_in,
        "survey_status": survey.status_code,
        "survey_names_alumnus": expected["alumnus_name"] in survey.content.decode(),
        "document_status": download.status_code,
        "document_sha256": hashlib.sha256(body).hexdigest(),
    }, sys.stdout)  # fmt: skip
