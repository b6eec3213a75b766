"""Coordination meetings: the labour office invites BKKs, their association and companies,
records attendance, minutes and follow-ups; invitees answer, attach their evaluation and
close what they own. Nobody else sees any of it."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
import python_calamine
from django.core import mail
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from jejak.accounts.models import Invitation, Membership, Role, User
from jejak.audit.models import AuditEvent
from jejak.companies.models import Partnership
from jejak.coordination import services
from jejak.coordination.models import Attendee, Evaluation, FollowUp, Invitee, Meeting
from jejak.coordination.services import MeetingRefused
from jejak.jobs.models import Notification
from jejak.organisations.models import Bkk, Organisation
from tests.bkk_support import labour_analyst
from tests.conftest import PASSWORD, Tenant
from tests.coordination_support import PDF, make_meeting, meeting_today
from tests.jobs_factories import some_vacancy


def _url(name: str, org: Organisation, *args: str) -> str:
    return reverse(f"coordination:{name}", args=[org.code, *args])


def _invite(t: Tenant, meeting: Meeting, *orgs: Organisation) -> list[Invitee]:
    return services.invitees_add(meeting=meeting, organisations=orgs, actor=labour_analyst(t))


def _second_school(t: Tenant, regency: str) -> Organisation:
    school = Organisation.objects.create(
        kind="school", name=f"SMK Lain {regency}", region_id=regency
    )
    Bkk.objects.create(organisation=school)
    return school


def test_labour_office_schedules_a_meeting_and_others_cannot(login: Any, jember: Tenant) -> None:
    client = login(labour_analyst(jember))
    start = timezone.localtime() + dt.timedelta(days=3)
    response = client.post(
        _url("new", jember.labour_office),
        {
            "title": "Rakor BKK",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
            "place": "",
            "online_link": "https://meet.example.id/rakor",
            "agenda": "Kapasitas BKK",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and meeting.office == jember.labour_office
    assert AuditEvent.objects.filter(action="meeting.created", object_code=meeting.code).exists()
    # The education office and a school's BKK run no meetings.
    client.force_login(jember.analyst)
    assert client.get(_url("new", jember.office)).status_code == 404
    client.force_login(jember.bkk)
    assert client.get(_url("new", jember.school)).status_code == 404


def test_a_meeting_needs_a_place_or_a_link_and_an_end_after_its_start(
    login: Any, jember: Tenant
) -> None:
    client = login(labour_analyst(jember))
    response = client.post(
        _url("new", jember.labour_office),
        {
            "title": "Rakor",
            "starts_at": "2030-01-02T10:00",
            "ends_at": "2030-01-02T09:00",
            "place": "",
            "online_link": "",
            "agenda": "x",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and not Meeting.objects.exists()
    assert "Waktu selesai harus sesudah waktu mulai." in page
    assert "Isi tempat rapat atau tautan rapat daring." in page


def test_inviting_by_regency_takes_only_that_regencys_bkks(login: Any, jember: Tenant) -> None:
    jember.labour_office.area.set(["35.09", "35.10"])
    elsewhere = _second_school(jember, "35.10")
    meeting = make_meeting(jember)
    client = login(labour_analyst(jember))
    response = client.post(
        _url("invite", jember.labour_office, meeting.code),
        {"regencies": ["35.09"], "organisations": [jember.company.pk]},
    )
    assert response.status_code == 302
    invited = set(meeting.invitees.values_list("organisation_id", flat=True))
    assert invited == {jember.school.pk, jember.blk.pk, jember.company.pk}
    assert elsewhere.pk not in invited
    client.post(_url("invite", jember.labour_office, meeting.code), {"all_bkks": "on"})
    assert meeting.invitees.filter(organisation=elsewhere).exists()


def test_an_office_cannot_invite_outside_its_area(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    meeting = make_meeting(jember)
    client = login(labour_analyst(jember))
    response = client.post(
        _url("invite", jember.labour_office, meeting.code), {"organisations": [bandung.school.pk]}
    )
    assert response.status_code == 200 and not meeting.invitees.exists()


def test_invitees_are_told_in_the_app_and_by_mail_after_commit(
    jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    meeting = make_meeting(jember)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _invite(jember, meeting, jember.school, jember.company)
    assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    told = {message.to[0] for message in mail.outbox}
    assert told == {jember.bkk.email, jember.recruiter.email}
    assert Notification.objects.filter(user=jember.bkk, text__contains=meeting.title).exists()
    assert not Notification.objects.filter(user=jember.teacher).exists()
    assert AuditEvent.objects.filter(action="meeting.invited").count() == 1


def test_invitees_see_the_invitation_on_their_home_page(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    meeting = make_meeting(jember)
    _invite(jember, meeting, jember.school, jember.company)
    client = login(jember.bkk)
    home = client.get(reverse("organisations:home", args=[jember.school.code])).content.decode()
    assert meeting.title in home
    client.force_login(jember.recruiter)
    page = client.get(reverse("jobs:list", args=[jember.company.code])).content.decode()
    assert meeting.title in page
    client.force_login(bandung.bkk)
    home = client.get(reverse("organisations:home", args=[bandung.school.code])).content.decode()
    assert meeting.title not in home


def test_only_invited_organisations_see_a_meeting(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    meeting = make_meeting(jember)
    _invite(jember, meeting, jember.company)
    client = login(jember.recruiter)
    assert client.get(_url("detail", jember.company, meeting.code)).status_code == 200
    client.force_login(jember.bkk)  # the school was not invited
    assert client.get(_url("detail", jember.school, meeting.code)).status_code == 404
    listing = client.get(_url("list", jember.school)).content.decode()
    assert meeting.title not in listing
    client.force_login(labour_analyst(bandung))  # another office
    assert client.get(_url("detail", bandung.labour_office, meeting.code)).status_code == 404


def test_invitee_confirms_who_will_come(login: Any, jember: Tenant) -> None:
    meeting = make_meeting(jember)
    _invite(jember, meeting, jember.school)
    client = login(jember.bkk)
    url = _url("respond", jember.school, meeting.code)
    bad = client.post(url, {"coming": "yes", "people": "Sri Wahyuni, Ketua BKK\nBudi"})
    assert "Baris 2: tulis nama dan jabatan dipisah koma." in bad.content.decode()
    assert not Attendee.objects.exists()
    client.post(url, {"coming": "yes", "people": "Sri Wahyuni, Ketua BKK\nBudi, Staf BKK"})
    invitee = meeting.invitees.get()
    assert invitee.response == Invitee.Response.COMING
    assert sorted(invitee.attendees.values_list("name", "position")) == [
        ("Budi", "Staf BKK"),
        ("Sri Wahyuni", "Ketua BKK"),
    ]
    client.post(url, {"coming": "no", "people": ""})
    invitee.refresh_from_db()
    assert invitee.response == Invitee.Response.DECLINED and not invitee.attendees.exists()
    assert AuditEvent.objects.filter(action="meeting.responded").count() == 2


def test_office_records_attendance_from_the_meeting_day_only(jember: Tenant) -> None:
    analyst = labour_analyst(jember)
    today = meeting_today(jember)
    meeting = make_meeting(jember)
    [invitee] = _invite(jember, meeting, jember.company)
    services.invitee_respond(
        invitee=invitee, coming=True, people=[("Rina", "HRD")], actor=jember.recruiter
    )
    person = invitee.attendees.get()
    with pytest.raises(MeetingRefused, match="mulai hari rapat"):
        services.attendance_set(attendee=person, present=True, actor=analyst)
    school = today.invitees.get(organisation=jember.school)
    sri = school.attendees.get()
    services.attendance_set(attendee=sri, present=True, actor=analyst)
    services.walk_in_add(invitee=school, name="Andi", position="Guru BK", actor=analyst)
    assert set(school.attendees.filter(attended=True).values_list("name", flat=True)) == {
        "Sri",
        "Andi",
    }


def test_attendance_toggle_page(login: Any, jember: Tenant) -> None:
    meeting = meeting_today(jember)
    sri = Attendee.objects.get(invitee__meeting=meeting)
    client = login(labour_analyst(jember))
    url = reverse(
        "coordination:attendance_toggle", args=[jember.labour_office.code, meeting.code, sri.code]
    )
    assert client.post(url, {"present": "1"}).status_code == 302
    sri.refresh_from_db()
    assert sri.attended is True
    client.force_login(jember.bkk)  # the invitee does not take the attendance
    assert (
        client.post(url.replace(jember.labour_office.code, jember.school.code)).status_code == 404
    )


def test_minutes_are_saved_audited_and_announced_once(
    jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    meeting = meeting_today(jember)
    analyst = labour_analyst(jember)
    before = Notification.objects.filter(user=jember.bkk).count()
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_save(meeting=meeting, text="BKK diminta evaluasi program.", actor=analyst)
        services.minutes_save(
            meeting=meeting, text="BKK diminta evaluasi program kerja.", actor=analyst
        )
    assert Notification.objects.filter(user=jember.bkk).count() == before + 1
    assert AuditEvent.objects.filter(action="meeting.minutes_saved").count() == 2


def test_follow_up_owner_must_be_the_office_or_an_invitee(jember: Tenant, bandung: Tenant) -> None:
    meeting = meeting_today(jember)
    with pytest.raises(MeetingRefused):
        services.follow_up_add(
            meeting=meeting,
            kind="mou",
            description="MoU",
            owner=bandung.company,
            due_on=timezone.localdate(),
            actor=labour_analyst(jember),
        )


def test_overdue_follow_ups_are_flagged_in_the_tracker(login: Any, jember: Tenant) -> None:
    meeting = meeting_today(jember)
    late = services.follow_up_add(
        meeting=meeting,
        kind="capacity",
        description="Pelatihan pengurus BKK",
        owner=jember.school,
        due_on=timezone.localdate() - dt.timedelta(days=2),
        actor=labour_analyst(jember),
    )
    assert late.is_overdue
    client = login(labour_analyst(jember))
    page = client.get(_url("follow_ups", jember.labour_office) + "?state=overdue")
    text = page.content.decode()
    assert "Pelatihan pengurus BKK" in text and "Unggah lowongan operator" not in text
    assert "terlambat" in text


def test_owner_marks_done_linking_the_vacancy_and_others_cannot(login: Any, jember: Tenant) -> None:
    meeting = meeting_today(jember)
    item = FollowUp.objects.get(meeting=meeting)  # the company's vacancy to post
    vacancy = some_vacancy(jember)
    url = reverse("coordination:follow_up_done", args=[jember.school.code, meeting.code, item.code])
    client = login(jember.bkk)  # invited, sees it, does not own it
    assert client.get(url).status_code == 404
    client.force_login(jember.recruiter)
    url = url.replace(jember.school.code, jember.company.code)
    today = timezone.localdate().isoformat()
    response = client.post(url, {"done_on": today, "note": "Sudah tayang", "vacancy": vacancy.pk})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.state, item.vacancy, item.done_note) == ("done", vacancy, "Sudah tayang")
    assert AuditEvent.objects.filter(action="meeting.follow_up_done").exists()
    with pytest.raises(MeetingRefused):
        services.follow_up_done(
            follow_up=item, done_on=timezone.localdate(), note="", actor=jember.recruiter
        )


def test_an_mou_follow_up_links_the_partnership(jember: Tenant) -> None:
    meeting = meeting_today(jember)
    item = services.follow_up_add(
        meeting=meeting,
        kind="mou",
        description="MoU magang",
        owner=jember.school,
        due_on=timezone.localdate(),
        actor=labour_analyst(jember),
    )
    mou = Partnership.objects.create(
        organisation=jember.school,
        company=jember.company,
        starts_on=timezone.localdate(),
        scope="Magang",
    )
    services.follow_up_done(
        follow_up=item,
        done_on=timezone.localdate(),
        note="",
        actor=jember.bkk,
        partnership=mou,
        vacancy=some_vacancy(jember),
    )
    item.refresh_from_db()
    assert item.partnership == mou and item.vacancy is None  # only what the kind asks for


def test_a_done_date_in_the_future_is_refused(jember: Tenant) -> None:
    item = FollowUp.objects.get(meeting=meeting_today(jember))
    with pytest.raises(MeetingRefused, match="masa depan"):
        services.follow_up_done(
            follow_up=item,
            note="",
            done_on=timezone.localdate() + dt.timedelta(days=1),
            actor=jember.recruiter,
        )
    item.refresh_from_db()
    assert item.state == "open"


def test_follow_ups_xlsx_lists_what_the_viewer_may_see(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    meeting_today(jember)
    meeting_today(bandung)
    client = login(jember.recruiter)
    response = client.get(_url("follow_ups_xlsx", jember.company))
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    rows = book.get_sheet_by_index(0).to_python()
    assert rows[0][0] == "Rapat" and len(rows) == 2
    assert rows[1][4] == jember.company.name


def test_bkk_attaches_its_evaluation_with_a_checked_file(login: Any, jember: Tenant) -> None:
    meeting = make_meeting(jember)
    _invite(jember, meeting, jember.school, jember.company)
    client = login(jember.bkk)
    url = _url("evaluation", jember.school, meeting.code)
    fake = SimpleUploadedFile("evaluasi.pdf", b"<html>not a pdf</html>", "application/pdf")
    refused = client.post(url, {"text": "Pembekalan", "file": fake})
    assert "Jenis berkas tidak diterima" in refused.content.decode()
    assert not Evaluation.objects.exists()
    good = SimpleUploadedFile("evaluasi.pdf", PDF, "application/pdf")
    assert client.post(url, {"text": "Pembekalan mental", "file": good}).status_code == 302
    evaluation = Evaluation.objects.get()
    assert evaluation.file_name.startswith("meetings/") and evaluation.file_name.endswith(".pdf")
    assert default_storage.open(evaluation.file_name).read() == PDF
    # A company is invited too, but an evaluation is a BKK's.
    client.force_login(jember.recruiter)
    assert client.get(_url("evaluation", jember.company, meeting.code)).status_code == 404


def test_replacing_the_evaluation_file_deletes_the_old_one(
    jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    meeting = meeting_today(jember)
    first = Evaluation.objects.get(invitee__meeting=meeting).file_name
    school = meeting.invitees.get(organisation=jember.school)
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 20
    from jejak.profiles.uploads import detect_type

    with django_capture_on_commit_callbacks(execute=True):
        services.evaluation_submit(
            invitee=school, text="Baru", actor=jember.bkk, data=png, file_type=detect_type(png)
        )
    assert not default_storage.exists(first)
    assert Evaluation.objects.get().file_name.endswith(".png")


def test_evaluation_file_reaches_the_office_and_its_bkk_only(login: Any, jember: Tenant) -> None:
    meeting = meeting_today(jember)
    evaluation = Evaluation.objects.get(invitee__meeting=meeting)
    args = [meeting.code, evaluation.code]
    client = login(labour_analyst(jember))
    office = client.get(_url("evaluation_file", jember.labour_office, *args))
    assert office.status_code == 200 and b"".join(office.streaming_content) == PDF
    assert office["Content-Security-Policy"] == "default-src 'none'; sandbox"
    client.force_login(jember.bkk)
    assert client.get(_url("evaluation_file", jember.school, *args)).status_code == 200
    client.force_login(jember.recruiter)  # invited to the same meeting, not its author
    assert client.get(_url("evaluation_file", jember.company, *args)).status_code == 404


def test_minutes_pdf_has_the_attendance_and_follow_ups(login: Any, jember: Tenant) -> None:
    meeting = meeting_today(jember)
    client = login(jember.recruiter)
    response = client.get(_url("minutes_pdf", jember.company, meeting.code))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    from jejak.coordination.exports import minutes_pdf_response  # noqa: F401 - same builder

    html = client.get(_url("detail", jember.company, meeting.code)).content.decode()
    assert "Sri" in html and "Unggah lowongan operator" in html


def test_office_registers_the_bkk_association_which_can_be_invited(
    login: Any, jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    client = login(labour_analyst(jember))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url("associations", jember.labour_office),
            {
                "name": "Asosiasi BKK Jember",
                "region": "35.09",
                "officer_name": "Pak Ketua",
                "officer_email": "ketua@asosiasi.example.id",
            },
        )
    assert response.status_code == 302
    association = Organisation.objects.get(kind=Organisation.Kind.BKK_ASSOCIATION)
    invitation = Invitation.objects.get(organisation=association)
    assert invitation.role == Role.ASSOCIATION_OFFICER
    assert mail.outbox and mail.outbox[-1].to == ["ketua@asosiasi.example.id"]
    meeting = make_meeting(jember)
    _invite(jember, meeting, association)
    officer = User.objects.create_user(email="k@asosiasi.example.id", name="K", password=PASSWORD)
    Membership.objects.create(user=officer, organisation=association, role=Role.ASSOCIATION_OFFICER)
    client.force_login(officer)
    home = client.get(reverse("organisations:home", args=[association.code]))
    assert home.status_code == 302 and home["Location"] == _url("list", association)
    assert meeting.title in client.get(_url("list", association)).content.decode()


def test_every_page_opens_for_the_office_and_an_invitee(login: Any, jember: Tenant) -> None:
    meeting = meeting_today(jember)
    item = FollowUp.objects.get(meeting=meeting)
    office, school = jember.labour_office, jember.school
    client = login(labour_analyst(jember))
    for name, args in [
        ("list", []),
        ("new", []),
        ("follow_ups", []),
        ("associations", []),
        ("detail", [meeting.code]),
        ("edit", [meeting.code]),
        ("invite", [meeting.code]),
        ("attendance", [meeting.code]),
        ("minutes", [meeting.code]),
        ("follow_up_new", [meeting.code]),
        ("follow_up_done", [meeting.code, item.code]),
    ]:
        assert client.get(_url(name, office, *args)).status_code == 200, name
    client.force_login(jember.bkk)
    for name, args in [
        ("list", []),
        ("follow_ups", []),
        ("detail", [meeting.code]),
        ("respond", [meeting.code]),
        ("evaluation", [meeting.code]),
    ]:
        assert client.get(_url(name, school, *args)).status_code == 200, name
    page = client.get(_url("respond", school, meeting.code)).content.decode()
    assert "<h1>Konfirmasi kehadiran</h1>" in page and meeting.title in page
    for name in ["new", "associations"]:
        assert client.get(_url(name, school)).status_code == 404, name
    for name in ["edit", "invite", "attendance", "minutes", "follow_up_new"]:
        assert client.get(_url(name, school, meeting.code)).status_code == 404, name


def test_demo_has_a_past_meeting_with_follow_ups_and_an_upcoming_one(db: Any) -> None:
    from jejak.demo.seeding import seed_demo

    # More schools than the meeting invites (the default demo's size): every follow-up's
    # owner must still be an invitee.
    seed_demo(schools=11, cohorts=2, seed=7)
    past, upcoming = sorted(Meeting.objects.all(), key=lambda m: m.starts_at)
    assert past.is_over and past.minutes and not upcoming.is_over
    states = [(f.state, f.is_overdue) for f in past.follow_ups.all()]
    assert states.count(("done", False)) == 2 and ("open", True) in states
    assert past.follow_ups.get(kind="vacancy").vacancy is not None
    assert Attendee.objects.filter(invitee__meeting=past, attended=True).exists()
    assert Evaluation.objects.filter(invitee__meeting=past).exists()
    assert upcoming.invitees.filter(organisation__kind="bkk_assoc").exists()


def test_a_changed_meeting_is_audited_field_by_field_and_invitees_are_told(
    jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    meeting = make_meeting(jember)
    _invite(jember, meeting, jember.company)
    data = {f: getattr(meeting, f) for f in services.MEETING_FIELDS}
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(
            meeting=meeting, actor=labour_analyst(jember), data={**data, "place": "Hotel Aston"}
        )
    event = AuditEvent.objects.get(action="meeting.updated")
    assert event.changes == {"place": ["Aula Disnaker", "Hotel Aston"]}
    assert mail.outbox[-1].to == [jember.recruiter.email]
    assert "diubah" in mail.outbox[-1].body


def test_the_owner_of_a_follow_up_is_told(jember: Tenant) -> None:
    meeting = meeting_today(jember)
    assert Notification.objects.filter(
        user=jember.recruiter, text__contains="Unggah lowongan operator"
    ).exists()
    assert not Notification.objects.filter(
        user=jember.bkk, text__contains="Unggah lowongan operator"
    ).exists()
    assert meeting.follow_ups.count() == 1


def test_only_the_office_reopens_a_follow_up_marked_done(login: Any, jember: Tenant) -> None:
    meeting = meeting_today(jember)
    item = FollowUp.objects.get(meeting=meeting)
    services.follow_up_done(follow_up=item, done_on=timezone.localdate(), note="", actor=None)
    args = [meeting.code, item.code]
    client = login(jember.recruiter)  # the owner
    assert client.post(_url("follow_up_reopen", jember.company, *args)).status_code == 404
    client.force_login(labour_analyst(jember))
    assert client.post(_url("follow_up_reopen", jember.labour_office, *args)).status_code == 302
    item.refresh_from_db()
    assert item.state == "open" and item.done_on is None
    assert AuditEvent.objects.filter(action="meeting.follow_up_reopened").exists()
