"""One-click mistakes: an action that cannot be taken back asks once, saying what it will do,
and changes nothing until confirmed; where undo is cheap (closing a campaign) it offers undo.

Each test posts the way the page's button does (no `confirm`), checks that nothing changed and
that the page says what would happen, then posts the confirming form and checks the change.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from jejak.accounts.models import Invitation, Role
from jejak.accounts.services import invitation_create
from jejak.audit.models import AuditEvent
from jejak.bkkreports.models import PlacementReport
from jejak.bkkreports.periods import Period
from jejak.jobs.forms import MoveForm
from jejak.jobs.models import Application, Stage, Vacancy
from jejak.jobs.services import allowed_moves, application_submit
from jejak.profiles.models import Document, Entry
from jejak.profiles.services import document_upload, entry_add
from jejak.profiles.uploads import detect_type
from jejak.tracer import links
from jejak.tracer.models import Campaign, SurveyLink
from tests.bkk_support import generated
from tests.conftest import Tenant
from tests.jobs_factories import post, vet

pytestmark = pytest.mark.django_db


def _asks(response: Any, *phrases: str) -> None:
    """The confirmation page: 200, says what will happen, and re-posts with confirm=1."""
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="confirm" value="1"' in page
    for phrase in phrases:
        assert phrase in page, phrase


def test_new_survey_link_asks_first_and_keeps_the_old_link_until_confirmed(
    login: Any, jember: Tenant, campaign: Campaign
) -> None:
    link = SurveyLink.objects.get(campaign=campaign, alumnus=jember.alumnus)
    old_hash = link.token_hash
    url = reverse("tracer:reissue", args=[jember.school.code, campaign.code, jember.alumnus.code])
    client = login(jember.bkk)
    first = client.post(url)
    _asks(first, "Tautan lama berhenti berlaku", jember.alumnus.name)
    link.refresh_from_db()
    assert link.token_hash == old_hash
    assert not AuditEvent.objects.filter(action="survey_link.reissued").exists()
    client.post(url, {"confirm": "1"})
    link.refresh_from_db()
    assert link.token_hash != old_hash
    assert AuditEvent.objects.filter(action="survey_link.reissued").count() == 1


def test_follow_up_page_shows_link_replacement_as_a_button_that_says_so(
    login: Any, jember: Tenant, campaign: Campaign
) -> None:
    url = reverse("tracer:follow_up", args=[jember.school.code, campaign.code,
                                            jember.own_class.code])  # fmt: skip
    page = login(jember.bkk).get(url).content.decode()
    assert "Ganti tautan (yang lama tidak berlaku)" in page
    assert ">Tautan baru<" not in page


def test_reminder_round_asks_before_mail_goes_out(
    login: Any, jember: Tenant, campaign: Campaign
) -> None:
    jember.alumnus.email = "siti@example.id"
    jember.alumnus.save()
    url = reverse("tracer:remind", args=[jember.school.code, campaign.code])
    client = login(jember.bkk)
    _asks(client.post(url), "tidak bisa ditarik kembali")
    assert not campaign.links.filter(dispatches__isnull=False).exists()
    client.post(url, {"confirm": "1"})
    assert campaign.links.filter(dispatches__isnull=False).exists()


def test_closing_a_campaign_offers_undo_and_reopening_is_audited(
    login: Any, jember: Tenant, campaign: Campaign
) -> None:
    client = login(jember.bkk)
    closed = client.post(reverse("tracer:close", args=[jember.school.code, campaign.code]),
                         follow=True)  # fmt: skip
    campaign.refresh_from_db()
    assert campaign.state == Campaign.State.CLOSED
    page = closed.content.decode()
    reopen = reverse("tracer:reopen", args=[jember.school.code, campaign.code])
    assert f'action="{reopen}"' in page and "Buka lagi kampanye" in page
    token = links.token_for(SurveyLink.objects.get(alumnus=jember.alumnus).seed)
    assert client.get(reverse("tracer:survey", args=[token])).status_code != 200
    client.post(reopen)
    campaign.refresh_from_db()
    assert campaign.state == Campaign.State.OPEN
    assert AuditEvent.objects.filter(action="campaign.reopened").count() == 1
    assert client.get(reverse("tracer:survey", args=[token])).status_code == 200


def test_an_open_campaign_cannot_be_reopened(
    login: Any, jember: Tenant, campaign: Campaign
) -> None:
    url = reverse("tracer:reopen", args=[jember.school.code, campaign.code])
    assert login(jember.bkk).post(url).status_code == 404
    assert not AuditEvent.objects.filter(action="campaign.reopened").exists()


def test_sending_a_report_to_the_labour_office_asks_first(login: Any, jember: Tenant) -> None:
    report = generated(jember, Period("month", dt.date(2026, 3, 1)))
    url = reverse("bkkreports:submit", args=[jember.school.code, report.code])
    client = login(jember.bkk)
    _asks(client.post(url), "tidak bisa ditarik", "dinas tenaga kerja")
    report.refresh_from_db()
    assert report.state == PlacementReport.State.READY
    client.post(url, {"confirm": "1"})
    report.refresh_from_db()
    assert report.state == PlacementReport.State.SUBMITTED


def test_marking_a_vacancy_filled_asks_first(login: Any, jember: Tenant) -> None:
    vacancy = post(jember)
    url = reverse("jobs:fill", args=[jember.company.code, vacancy.code])
    client = login(jember.recruiter)
    _asks(client.post(url), "tidak bisa dibuka lagi")
    assert Vacancy.objects.get(pk=vacancy.pk).state == Vacancy.State.OPEN
    client.post(url, {"confirm": "1"})
    assert Vacancy.objects.get(pk=vacancy.pk).state == Vacancy.State.FILLED


def _application(t: Tenant) -> Application:
    vet(t)
    application, _ = application_submit(vacancy=post(t), alumnus=t.alumnus, actor=t.alumnus_user)
    return application


def test_stage_menu_starts_on_choose_a_stage(jember: Tenant) -> None:
    application = _application(jember)
    form = MoveForm(moves=allowed_moves(application), prefix=application.code)
    first_value, first_label = form.fields["stage"].choices[0]  # type: ignore[attr-defined]
    assert (first_value, str(first_label)) == ("", "Pilih tahap")
    assert 'value="" selected' in str(form["stage"])


def test_move_without_a_choice_is_refused_and_moves_nobody(login: Any, jember: Tenant) -> None:
    application = _application(jember)
    steps = application.steps.count()
    url = reverse("jobs:move", args=[jember.company.code, application.code])
    page = login(jember.recruiter).post(url, {f"{application.code}-stage": ""}, follow=True)
    assert "Pilih tahap tujuan dulu" in page.content.decode()
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED and application.steps.count() == steps


def test_a_final_stage_asks_first_and_a_middle_one_does_not(login: Any, jember: Tenant) -> None:
    application = _application(jember)
    url = reverse("jobs:move", args=[jember.company.code, application.code])
    client = login(jember.recruiter)
    client.post(url, {f"{application.code}-stage": "shortlisted"})
    assert Application.objects.get(pk=application.pk).stage == Stage.SHORTLISTED
    _asks(client.post(url, {f"{application.code}-stage": "rejected"}), "tahap akhir")
    assert Application.objects.get(pk=application.pk).stage == Stage.SHORTLISTED
    client.post(url, {f"{application.code}-stage": "rejected", "confirm": "1"})
    assert Application.objects.get(pk=application.pk).stage == Stage.REJECTED


def test_revoking_an_invitation_asks_first(login: Any, jember: Tenant) -> None:
    invitation, _ = invitation_create(
        organisation=jember.school, role=Role.HOMEROOM_TEACHER, name="Guru Baru",
        email="guru@example.id", invited_by=jember.bkk,
    )  # fmt: skip
    url = reverse("organisations:invitation_revoke", args=[jember.school.code, invitation.code])
    client = login(jember.bkk)
    _asks(client.post(url), "berhenti berlaku", "Guru Baru")
    assert Invitation.objects.get(pk=invitation.pk).revoked_at is None
    client.post(url, {"confirm": "1"})
    assert Invitation.objects.get(pk=invitation.pk).revoked_at is not None


def test_withdrawing_an_application_asks_first_without_javascript(
    login: Any, jember: Tenant
) -> None:
    application = _application(jember)
    url = reverse("jobs:me_withdraw", args=[application.code])
    client = login(jember.alumnus_user)
    assert "onsubmit" not in client.get(reverse("jobs:me_applications")).content.decode()
    _asks(client.post(url), "tidak bisa diaktifkan lagi")
    assert Application.objects.get(pk=application.pk).stage == Stage.APPLIED
    client.post(url, {"confirm": "1"})
    assert Application.objects.get(pk=application.pk).stage == Stage.WITHDRAWN


def test_deleting_a_cv_entry_or_document_asks_first(login: Any, jember: Tenant) -> None:
    entry = entry_add(alumnus=jember.alumnus, actor=jember.alumnus_user, kind=Entry.Kind.LANGUAGE,
                      data={"title": "Bahasa Jepang", "level": "N4"})  # fmt: skip
    pdf = b"%PDF-1.4\n% cv\n"
    document = document_upload(
        alumnus=jember.alumnus, actor=jember.alumnus_user, kind=Document.Kind.DIPLOMA,
        title="Ijazah", data=pdf, file_type=detect_type(pdf),  # type: ignore[arg-type]
    )  # fmt: skip
    client = login(jember.alumnus_user)
    for url, model, obj in [
        (reverse("profiles:entry_delete", args=[entry.code]), Entry, entry),
        (reverse("profiles:document_delete", args=[document.code]), Document, document),
    ]:
        _asks(client.post(url), "permanen")
        assert model.objects.filter(pk=obj.pk).exists()
        client.post(url, {"confirm": "1"})
        assert not model.objects.filter(pk=obj.pk).exists()


def test_asking_the_school_to_erase_my_data_asks_first(login: Any, jember: Tenant) -> None:
    url = reverse("alumni:me_deletion_request")
    client = login(jember.alumnus_user)
    _asks(client.post(url), "tidak bisa dikembalikan", jember.school.name)
    assert not AuditEvent.objects.filter(action="alumnus.deletion_requested").exists()
    client.post(url, {"confirm": "1"})
    assert AuditEvent.objects.filter(action="alumnus.deletion_requested").count() == 1


def test_declining_a_training_order_asks_first(login: Any, jember: Tenant) -> None:
    from jejak.training.models import TrainingOrder
    from jejak.training.orders import order_submit
    from tests.test_isolation import _enrolment

    _enrolment(jember)
    order = order_submit(
        company=jember.company,
        blk=jember.blk,
        actor=jember.recruiter,
        people=5,
        competencies="Las SMAW",
        wanted_by=dt.date(2030, 1, 1),
    )
    url = reverse("training:order_decide", args=[jember.blk.code, order.code])
    client = login(jember.blk_admin)
    _asks(client.post(url, {"accept": "0", "reason": "Instruktur las belum ada"}),
          "final", "Instruktur las belum ada", jember.company.name)  # fmt: skip
    order.refresh_from_db()
    assert order.state == TrainingOrder.State.SUBMITTED
    assert not AuditEvent.objects.filter(action="training_order.declined").exists()
    client.post(url, {"accept": "0", "reason": "Instruktur las belum ada", "confirm": "1"})
    order.refresh_from_db()
    assert order.state == TrainingOrder.State.DECLINED


def test_telling_the_company_its_graduates_asks_first(login: Any, jember: Tenant) -> None:
    from jejak.training.models import Enrolment, OrderBatch
    from tests.test_isolation import _order

    order = _order(jember)
    link = OrderBatch.objects.get(order=order)
    Enrolment.objects.filter(batch=link.batch).update(graduated=True, competent=True)
    url = reverse("training:order_notify", args=[jember.blk.code, order.code, link.batch.code])
    client = login(jember.blk_admin)
    _asks(client.post(url), "hanya dikirim sekali", "1 peserta")
    link.refresh_from_db()
    assert link.notified_at is None
    client.post(url, {"confirm": "1"})
    link.refresh_from_db()
    assert link.notified_at is not None
