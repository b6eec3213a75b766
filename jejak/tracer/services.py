"""Changes in the tracer study. Each writes its audit event; mail goes out after commit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jejak.accounts.models import Membership, Role
from jejak.alumni.models import Alumnus, Consent
from jejak.audit.services import audit_row, log_action, log_actions
from jejak.indicators import services as indicator_services
from jejak.organisations.models import Organisation
from jejak.outcomes.models import OutcomeEvent
from jejak.outcomes.models import Source as EventSource
from jejak.privacy.consent import ENDED, Removed, consent_end
from jejak.reference.models import Region
from jejak.tracer import employer, links
from jejak.tracer.instrument import ACTIVITY, Checked, check_answers, is_formal
from jejak.tracer.models import (
    DEFAULT_GRADUATION,
    Campaign,
    Dispatch,
    EmployerSurvey,
    GraduationDate,
    Response,
    SurveyLink,
)
from jejak.tracer.resolvers import database_resolvers

BATCH_SIZE = 2000  # rows per INSERT when a campaign issues links or queues reminders


@dataclass(frozen=True)
class Report:
    """When a submitted response was reported, and whether it held two activities before."""

    at: dt.datetime
    had_concurrent: bool = False


def graduation_date(school: Organisation, cohort: int) -> dt.date:
    found = GraduationDate.objects.filter(organisation=school, cohort=cohort).first()
    return found.date if found else dt.date(cohort, *DEFAULT_GRADUATION)


def default_reference_date(school: Organisation, cohort: int) -> dt.date:
    """One year after the cohort's graduation, as the national tracer study asks."""
    graduated = graduation_date(school, cohort)
    return graduated.replace(year=graduated.year + 1)


def campaign_schools(campaign: Campaign) -> list[Organisation]:
    if campaign.school_id:
        return [campaign.school] if campaign.school else []
    assert campaign.region is not None
    region = campaign.region
    regencies = (
        [region.code]
        if region.level == Region.Level.REGENCY
        else list(Region.objects.filter(parent=region).values_list("code", flat=True))
    )
    return list(Organisation.objects.filter(kind=Organisation.Kind.SCHOOL, region_id__in=regencies))


@transaction.atomic
def campaign_open(
    *,
    owner: Organisation,
    cohorts: list[int],
    start: dt.date,
    end: dt.date,
    actor: Any,
    school: Organisation | None = None,
    region: Region | None = None,
    reference_date: dt.date | None = None,
    name: str = "",
    extra_questions: list[dict[str, Any]] | None = None,
    batch: Any = None,
) -> Campaign:
    """Open a campaign and issue a personal link to every alumnus of its cohorts."""
    if end < start:
        raise ValueError("The campaign must end after it starts")
    if (school is None) == (region is None):
        raise ValueError("A campaign is for one school or for one region")
    scope = school.name if school else region.name if region else ""
    campaign = Campaign.objects.create(
        owner=owner,
        school=school,
        region=region,
        cohorts=sorted(set(cohorts)),
        batch=batch,
        start_date=start,
        end_date=end,
        reference_date=reference_date,
        name=name or f"Penelusuran tamatan {', '.join(map(str, sorted(cohorts)))} · {scope}",
        extra_questions=extra_questions or [],
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    issued = links_issue(campaign)
    log_action(
        actor=actor,
        action="campaign.opened",
        obj=campaign,
        organisation=owner,
        changes={"cohorts": campaign.cohorts, "links": issued},
    )
    return campaign


def links_issue(campaign: Campaign) -> int:
    """Issue links to alumni of the campaign's cohorts who have none yet (new imports)."""
    schools = campaign_schools(campaign)
    have = set(SurveyLink.objects.filter(campaign=campaign).values_list("alumnus_id", flat=True))
    alumni = Alumnus.objects.filter(organisation__in=schools, cohort__in=campaign.cohorts)
    if campaign.batch_id:
        alumni = Alumnus.objects.filter(
            organisation__in=schools,
            enrolments__batch_id=campaign.batch_id, enrolments__status="enrolled",
        )  # fmt: skip
    rows = []
    for alumnus_id, org_id, province in alumni.values_list(
        "id", "organisation_id", "province_code"
    ):
        if alumnus_id in have:
            continue
        seed, token_hash = links.seed_and_hash()
        rows.append(SurveyLink(
            campaign_id=campaign.pk, alumnus_id=alumnus_id, organisation_id=org_id,
            province_code=province, seed=seed, token_hash=token_hash,
        ))  # fmt: skip
    SurveyLink.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)


@transaction.atomic
def link_reissue(*, link: SurveyLink, actor: Any) -> SurveyLink:
    """A new secret for a lost or leaked link; the old one stops working at once."""
    link.seed, link.token_hash = links.seed_and_hash()
    link.issued_at, link.revoked_at = timezone.now(), None
    link.save(update_fields=["seed", "token_hash", "issued_at", "revoked_at"])
    log_action(actor=actor, action="survey_link.reissued", obj=link.alumnus)
    return link


def link_national_mark(*, link: SurveyLink, filled: bool, actor: Any, via: str) -> bool:
    """Record whether the alumnus filled in the national form (`via`: "tick" or "import").
    Returns False, writing nothing, when the flag already says so."""
    if link.national_filled == filled:
        return False
    link.national_filled = filled
    link.national_filled_at = timezone.now() if filled else None
    link.save(update_fields=["national_filled", "national_filled_at"])
    log_action(actor=actor, action="survey_link.national_form_marked", obj=link.alumnus,
               organisation=link.organisation,
               changes={"national_filled": filled, "via": via})  # fmt: skip
    return True


@transaction.atomic
def link_revoke(*, link: SurveyLink, actor: Any) -> None:
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
    log_action(actor=actor, action="survey_link.revoked", obj=link.alumnus)


def is_minor(alumnus: Alumnus, today: dt.date | None = None) -> bool:
    """Under 18 (UU PDP: a parent's consent). Unknown birth dates count as adult."""
    if alumnus.birth_date is None:
        return False
    today = today or timezone.localdate()
    born = alumnus.birth_date
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return age < 18


def response_save(
    *,
    campaign: Campaign,
    alumnus: Alumnus,
    raw: dict[str, Any],
    submit: bool,
    source: str = Response.Source.SELF,
    entered_by: Any = None,
    required: set[str] | None = None,
    consent_parent: str | None = None,
    reported_at: dt.datetime | None = None,
    first_save: bool = False,
) -> Checked:
    """Validate and store answers: partial ones to finish later, or the submitted set.

    `consent_parent` records the alumnus's consent given on the same form (a parent's name,
    or "" for their own) in the same transaction; it is kept even if the answers are not.
    Safe against double taps, retries and concurrent posts of the same link: the
    (campaign, alumnus) pair is unique, so every attempt lands on the one response.
    `reported_at` is when the answers were given (a paper form's date); default now. A
    submitted response's outcome events carry it, and the latest report sets the status.
    `first_save`: the caller has just read that there is no response yet (the survey's
    link lookup joins it), so it is inserted without reading it again under a lock; a
    concurrent first save that got there first is found on the retry.
    """
    if consent_parent is None and alumnus.consent in ENDED:
        return Checked(errors={"persetujuan": _refused_message()})
    checked = check_answers(
        raw,
        extra=campaign.extra_questions,
        resolvers=database_resolvers(),
        partial=not submit,
        required=required,
    )
    if not checked.ok:
        if consent_parent is not None:
            consent_give(alumnus=alumnus, parent_name=consent_parent, actor=entered_by)
        return checked
    for attempt in range(3):
        try:
            with transaction.atomic():
                audit = []
                if consent_parent is not None:
                    audit.append(_consent_row(alumnus, consent_parent, entered_by))
                audit += _store(
                    campaign, alumnus, checked, submit, source, entered_by, reported_at,
                    first_save=first_save and attempt == 0,
                )  # fmt: skip
                log_actions(audit)  # the consent's row and the answers' in one INSERT
            return checked
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _refused_message() -> str:
    return _("Alumni ini menolak atau menarik persetujuan datanya; jawaban tidak disimpan.")


def _store(
    campaign: Campaign,
    alumnus: Alumnus,
    checked: Checked,
    submit: bool,
    source: str,
    entered_by: Any,
    reported_at: dt.datetime | None,
    *,
    first_save: bool,
) -> list[dict[str, Any]]:
    """Write the response and what it sets off; returns its audit rows, for the caller to
    write with any others of the same save."""
    pair = {"campaign_id": campaign.pk, "alumnus_id": alumnus.pk}
    current = None
    if not first_save:
        current = (
            Response.objects.select_for_update()
            .only("id", "answers", "state", "submitted_at")
            .filter(**pair)
            .first()
        )
    old = current.answers if current else {}
    was_submitted = current is not None and current.state == Response.State.SUBMITTED
    # A partial save after submitting (going back to edit) keeps it submitted.
    answers = {**old, **checked.answers} if not submit else dict(checked.answers)
    if answers.get(ACTIVITY.key) != old.get(ACTIVITY.key) and not submit:
        answers = dict(checked.answers)  # a new activity: the old branch's answers no longer apply
    submitted = submit or was_submitted
    values = {
        "answers": answers,
        "source": source,
        "entered_by_id": getattr(entered_by, "pk", None),
        "state": Response.State.SUBMITTED if submitted else Response.State.PARTIAL,
        "submitted_at": (current.submitted_at if current else None)
        or (timezone.now() if submitted else None),
    }
    if current is None:
        current = Response.objects.create(
            **pair, organisation_id=alumnus.organisation_id, province_code=alumnus.province_code,
            **values,
        )  # fmt: skip
    else:
        for name, value in values.items():
            setattr(current, name, value)
        current.save(update_fields=[*values, "updated_at"])
    if submitted:
        report = Report(
            reported_at or timezone.now(), had_concurrent=bool(old.get("kegiatan_lain"))
        )
        # Events are made on the first submission only, so before it there is none to edit.
        _outcome_from(current.pk, values, campaign, alumnus, report, is_new=not was_submitted)
        # Figures read submitted answers only: a partial save leaves them as they are.
        indicator_services.mark_stale(alumnus.organisation_id, alumnus.cohort)
    row = _audit_answer(
        campaign, alumnus, old, answers, values, entered_by,
        first_submit=submit and not was_submitted,
    )  # fmt: skip
    return [row] if row else []


def _audit_answer(
    campaign: Campaign,
    alumnus: Alumnus,
    old: dict[str, Any],
    new: dict[str, Any],
    values: dict[str, Any],
    entered_by: Any,
    *,
    first_submit: bool,
) -> dict[str, Any] | None:
    """UU PDP: who wrote which answers, as for every other change. The row names the
    questions that changed, not the answers (the trail must not copy someone's income).
    Made from the alumnus's own fields, without loading the organisation; None when
    nothing changed."""
    changed = sorted(k for k in new.keys() | old.keys() if new.get(k) != old.get(k))
    if not changed and not first_submit:
        return None
    action = "response.submitted" if first_submit else (
        "response.edited" if values["state"] == Response.State.SUBMITTED else "response.saved"
    )  # fmt: skip
    return dict(
        organisation_id=alumnus.organisation_id, province_code=alumnus.province_code,
        actor_id=values["entered_by_id"],
        actor_label=str(entered_by)[:150] if entered_by else "alumni", action=action,
        object_type="alumnus", object_code=alumnus.code, object_label=alumnus.name[:200],
        changes={"campaign": campaign.code, "source": values["source"], "questions": changed},
    )  # fmt: skip


def _staff_source(user_id: int | None, organisation_id: int) -> str:
    """Who took an answer down, by the role of the staff member who entered it: the BKK's
    officer, a homeroom teacher, or other school staff."""
    if user_id is None:
        return EventSource.STAFF
    roles = set(
        Membership.objects.filter(user_id=user_id, organisation_id=organisation_id).values_list(
            "role", flat=True
        )
    )
    if Role.BKK_OFFICER in roles:
        return EventSource.BKK
    if Role.HOMEROOM_TEACHER in roles:
        return EventSource.TEACHER
    return EventSource.STAFF


def _outcome_from(
    response_id: int,
    response: dict[str, Any],
    campaign: Campaign,
    alumnus: Alumnus,
    report: Report,
    *,
    is_new: bool,
) -> None:
    """The outcome events a submitted response stands for (its main activity, and the one
    held alongside it if any), edited along with the response. An edit is a fresh report:
    the events take its time, so it supersedes what was reported before it."""
    answers = response["answers"]
    start = answers.get("tanggal_mulai") or timezone.localdate(response["submitted_at"])
    region = answers.get("wilayah_kerja") or {}
    job = answers.get("jabatan") or {}
    self_reported = response["source"] == Response.Source.SELF
    values = {
        "organisation_id": alumnus.organisation_id,
        "province_code": alumnus.province_code,
        "alumnus_id": alumnus.pk,
        "campaign_id": campaign.pk,
        "activity": answers[ACTIVITY.key],
        "start_date": start if isinstance(start, dt.date) else dt.date.fromisoformat(start),
        "source": EventSource.SELF_REPORTED
        if self_reported
        else _staff_source(response["entered_by_id"], alumnus.organisation_id),
        "employer": answers.get("nama_instansi", ""),
        "industry_id": answers.get("kbli") or None,
        "occupation_id": job.get("kbji") or None,
        "job_title": job.get("title", ""),
        "work_region_id": region.get("code"),
        "work_country": region.get("country", ""),
        "formal": is_formal(answers),
        "income": answers.get("penghasilan"),
        "hours_per_week": answers.get("jam_per_minggu"),
        "alignment": int(answers["keselarasan"]) if answers.get("keselarasan") else None,
        "recorded_by_id": response["entered_by_id"],
        "reported_at": report.at,
        "employment_status": answers.get("status_pekerjaan", ""),
        "first_job_start": _date_or_none(answers.get("tanggal_kerja_pertama")),
        "job_changes": answers.get("jumlah_pindah_kerja"),
    }
    # A first submission inserts; an edit updates the event it made (or, for a response
    # submitted before events existed, makes one).
    main_id = None
    if is_new or not OutcomeEvent.objects.filter(response_id=response_id).update(**values):
        main_id = _event_create(alumnus, values, response_id=response_id).pk
    if answers.get("kegiatan_lain") or report.had_concurrent:
        _concurrent_from(main_id, response_id, alumnus, values, answers.get("kegiatan_lain"))


def _event_create(alumnus: Alumnus, values: dict[str, Any], **link: int) -> OutcomeEvent:
    """A new outcome event of `alumnus`; its save() takes the shard key from the alumnus's
    school, which the survey's link already loaded."""
    values = {name: value for name, value in values.items() if name != "organisation_id"}
    return OutcomeEvent.objects.create(organisation=alumnus.organisation, **values, **link)


# What the activity held alongside the main one keeps of the report: its details (employer,
# income, ...) were asked for the main activity only.
_SHARED = ("organisation_id", "province_code", "alumnus_id", "campaign_id", "start_date",
           "source", "recorded_by_id", "reported_at")  # fmt: skip


def _concurrent_from(
    main_id: int | None,
    response_id: int,
    alumnus: Alumnus,
    main: dict[str, Any],
    activity: str | None,
) -> None:
    """The second activity of a report (kegiatan_lain): it starts with the main one, as the
    form asks no second start date. Removed when an edit drops it."""
    if main_id is None:
        main_id = OutcomeEvent.objects.only("id").get(response_id=response_id).pk
    if not activity:
        OutcomeEvent.objects.filter(alongside_id=main_id).delete()
        return
    values = {**{k: main[k] for k in _SHARED}, "activity": activity}
    if not OutcomeEvent.objects.filter(alongside_id=main_id).update(**values):
        _event_create(alumnus, values, alongside_id=main_id)


def _date_or_none(value: Any) -> dt.date | None:
    if not value:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


@transaction.atomic
def consent_give(*, alumnus: Alumnus, parent_name: str = "", actor: Any = None) -> None:
    """UU PDP consent for the tracer study, by the alumnus or (under 18) a parent."""
    _consent_given(alumnus, parent_name, actor)


def _consent_given(alumnus: Alumnus, parent_name: str, actor: Any) -> None:
    log_actions([_consent_row(alumnus, parent_name, actor)])


def _consent_row(alumnus: Alumnus, parent_name: str, actor: Any) -> dict[str, Any]:
    """Record the consent; returns its audit row, for the caller to write."""
    state = Consent.PARENT_GIVEN if parent_name else Consent.GIVEN
    _consent_set(alumnus, state)
    return audit_row(
        actor=actor,
        action="alumnus.consent_given",
        obj=alumnus,
        changes={"consent": state, "parent": parent_name, "purpose": "tracer"},
    )


def consent_refuse(*, alumnus: Alumnus, actor: Any = None) -> Removed:
    """The alumnus said no: nothing of theirs is kept for the tracer study, including
    answers already given (see `privacy.consent`)."""
    return consent_end(
        alumnus=alumnus, actor=actor, state=Consent.REFUSED, action="alumnus.consent_refused"
    )


def _consent_set(alumnus: Alumnus, state: str) -> None:
    alumnus.consent, alumnus.consent_at = state, timezone.now()
    alumnus.save(update_fields=["consent", "consent_at", "updated_at"])


@transaction.atomic
def campaign_close(*, campaign: Campaign, actor: Any) -> None:
    """Stop taking answers. Cheap to undo with `campaign_reopen`, so it asks no confirmation."""
    campaign.state = Campaign.State.CLOSED
    campaign.save(update_fields=["state"])
    log_action(actor=actor, action="campaign.closed", obj=campaign, organisation=campaign.owner)


@transaction.atomic
def campaign_reopen(*, campaign: Campaign, actor: Any) -> None:
    """Undo a close: the links work again and answers can be changed until the end date."""
    if campaign.state != Campaign.State.CLOSED:
        raise ValueError("Only a closed campaign can be reopened")
    campaign.state = Campaign.State.OPEN
    campaign.save(update_fields=["state"])
    log_action(actor=actor, action="campaign.reopened", obj=campaign, organisation=campaign.owner)


@transaction.atomic
def reminder_round(*, campaign: Campaign, actor: Any, links_qs: Any = None) -> int:
    """Queue an email to everyone with an address who has not submitted (nor refused or
    withdrawn consent), paced over time.

    Only the silent and the half-done are reminded; a province's round is spread at
    SURVEY_EMAILS_PER_MINUTE so it does not all leave in one minute.
    """
    submitted = Response.objects.filter(campaign=campaign, state=Response.State.SUBMITTED)
    pending = (
        (links_qs if links_qs is not None else campaign.links.all())
        .filter(revoked_at__isnull=True)
        .exclude(alumnus_id__in=submitted.values("alumnus_id"))
    )
    pending = pending.exclude(alumnus__email="").exclude(alumnus__consent__in=ENDED)
    last = Dispatch.objects.filter(link__campaign=campaign).order_by("-round_number").first()
    round_number = (last.round_number + 1) if last else 1
    per_second = max(settings.SURVEY_EMAILS_PER_MINUTE, 1) / 60
    now = timezone.now()
    rows = [
        Dispatch(
            link_id=link_id,
            organisation_id=org_id,
            province_code=province,
            round_number=round_number,
            channel=Dispatch.Channel.EMAIL,
            due_at=now + dt.timedelta(seconds=index / per_second),
            state=Dispatch.State.PENDING,
        )
        for index, (link_id, org_id, province) in enumerate(
            pending.values_list("id", "organisation_id", "province_code")
        )
    ]
    Dispatch.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    log_action(
        actor=actor,
        action="campaign.reminder_round",
        obj=campaign,
        organisation=campaign.owner,
        changes={"round": round_number, "emails": len(rows)},
    )
    if rows:
        from jejak.tracer.tasks import send_due_dispatches

        transaction.on_commit(lambda: send_due_dispatches.enqueue())
    return len(rows)


# --- The employer (DUDI) survey -------------------------------------------------------------


@transaction.atomic
def employer_survey_add(
    *,
    campaign: Campaign,
    school: Organisation,
    employer_name: str,
    actor: Any,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> EmployerSurvey:
    """Invite one employer to rate the school's graduates; one invitation per employer.

    Adding the same employer again returns the existing invitation, so a double tap or a
    second officer does not send the company two links.
    """
    name = " ".join(employer_name.split())
    existing = EmployerSurvey.objects.filter(
        campaign=campaign, school=school, employer_name__iexact=name
    ).first()
    if existing is not None:
        return existing
    seed, token_hash = links.seed_and_hash()
    try:
        with transaction.atomic():  # a savepoint: a concurrent add of the same name wins
            survey = EmployerSurvey.objects.create(
                campaign=campaign, school=school, employer_name=name, contact_name=contact_name,
                contact_email=contact_email, contact_phone=contact_phone, seed=seed,
                token_hash=token_hash,
            )  # fmt: skip
    except IntegrityError:
        return EmployerSurvey.objects.get(
            campaign=campaign, school=school, employer_name__iexact=name
        )
    log_action(actor=actor, action="employer_survey.invited", obj=survey, organisation=school)
    if contact_email:
        transaction.on_commit(lambda: _employer_invitation_mail(survey))
    return survey


def _employer_invitation_mail(survey: EmployerSurvey) -> None:
    send_mail(
        _("Survei kepuasan pengguna lulusan %(school)s") % {"school": survey.school.name},
        _(
            "Yth. %(contact)s,\n\n%(school)s meminta penilaian %(company)s atas lulusannya "
            "yang bekerja di perusahaan Anda. Survei ini sekitar 3 menit:\n%(url)s\n\n"
            "Terima kasih atas kerja samanya.\n"
        )
        % {
            "contact": survey.contact_name or survey.employer_name,
            "school": survey.school.name,
            "company": survey.employer_name,
            "url": links.survey_url(survey.seed, "tracer:employer_survey"),
        },
        None,
        [survey.contact_email],
        fail_silently=True,
    )


def employer_survey_save(*, survey: EmployerSurvey, raw: dict[str, Any]) -> employer.Checked:
    """Store a complete, valid answer; it stays editable while the campaign runs."""
    checked = employer.check(raw)
    if not checked.ok:
        return checked
    with transaction.atomic():
        locked = EmployerSurvey.objects.select_for_update().get(pk=survey.pk)
        first = locked.submitted_at is None
        locked.answers = {**checked.answers, "versi": employer.EMPLOYER_VERSION}
        locked.submitted_at = locked.submitted_at or timezone.now()
        locked.save(update_fields=["answers", "submitted_at"])
        log_action(
            actor=None,
            action="employer_survey.submitted" if first else "employer_survey.edited",
            obj=locked,
            organisation=locked.school,
        )
    return checked
