"""UU PDP: every read of a list of personal data and every write of a survey answer leaves
an audit row, as changes already do."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from jejak.audit.models import AuditEvent
from jejak.tracer import services
from jejak.tracer.importing import import_responses
from jejak.tracer.models import Campaign
from tests.conftest import Tenant
from tests.jobs_factories import some_application
from tests.test_isolation import TENANT_URLS
from tests.test_survey import WORKING, _url

pytestmark = pytest.mark.django_db

# URL name -> the audit action its page or download writes (for the BKK officer).
LIST_READS = {
    "tracer:links_csv": "survey_links.exported",
    "tracer:follow_up": "follow_up.viewed",
    "tracer:qr_cards": "qr_cards.viewed",
    "tracer:staff_entry": "response.viewed",
    "tracer:responses_template": "survey_template.exported",
    "alumni:register": "alumni.listed",
    "alumni:duplicates": "duplicates.viewed",
    "jobs:applications": "applications.viewed",
    "jobs:detail": "applicants.viewed",
    "jobs:placements": "placements.viewed",
    "fairs:detail": "fair.hires_viewed",
    "fairs:attendance": "fair.attendance_viewed",
    "bkkreports:report": "bkk_report.viewed",
    "bkkreports:report_print": "bkk_report.viewed",
}


@pytest.mark.parametrize("name", sorted(LIST_READS))
def test_reading_a_list_of_people_is_audited(login: Any, jember: Tenant, name: str) -> None:
    method, kwargs = TENANT_URLS[name]
    built = kwargs(jember)
    if name == "jobs:detail":
        application = some_application(jember)
        built["vacancy"] = application.vacancy.code
    client = login(jember.bkk)
    AuditEvent.objects.all().delete()
    response = getattr(client, method)(reverse(name, kwargs=built))
    assert response.status_code == 200
    event = AuditEvent.objects.get(action=LIST_READS[name])
    assert event.actor == jember.bkk and event.organisation == jember.school


def test_a_survey_answer_by_the_alumnus_is_audited_without_its_values(
    client: Any, campaign: Campaign, jember: Tenant
) -> None:
    url = _url(campaign, jember.alumnus)
    client.post(url, {"persetujuan": "setuju", "kegiatan": "bekerja", "aksi": "simpan"})
    client.post(url, {**WORKING, "aksi": "kirim"})
    saved = AuditEvent.objects.get(action="response.saved")
    submitted = AuditEvent.objects.get(action="response.submitted")
    assert saved.object_code == submitted.object_code == jember.alumnus.code
    assert submitted.actor is None and submitted.organisation == jember.school
    assert "penghasilan" in submitted.changes["questions"]
    assert "2.800.000" not in str(submitted.changes) and "2800000" not in str(submitted.changes)
    assert submitted.changes["campaign"] == campaign.code


def test_answers_by_a_teacher_and_from_paper_are_audited(
    login: Any, campaign: Campaign, jember: Tenant
) -> None:
    services.consent_give(alumnus=jember.alumnus)
    url = reverse("tracer:staff_entry", args=[jember.school.code, campaign.code,
                                              jember.alumnus.code])  # fmt: skip
    login(jember.teacher).post(url, {**WORKING, "source": "telepon"})
    by_teacher = AuditEvent.objects.get(action="response.submitted")
    assert by_teacher.actor == jember.teacher and by_teacher.changes["source"] == "telepon"
    data = f"nisn;kegiatan;sumber\n{jember.other_alumnus.nisn};mencari_kerja;kertas\n".encode()
    import_responses(campaign=campaign, data=data, filename="j.csv", actor=jember.bkk)
    paper = AuditEvent.objects.get(action="response.submitted", actor=jember.bkk)
    assert paper.object_code == jember.other_alumnus.code
