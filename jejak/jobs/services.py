"""Changes in the job exchange. Each writes its audit event; mail goes out after commit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jejak.alumni.models import Alumnus
from jejak.audit.services import log_action
from jejak.companies.selectors import is_trusted
from jejak.indicators.services import mark_stale
from jejak.jobs.models import (
    FINAL_STAGES,
    AlertSetting,
    Application,
    ApplicationStep,
    Notification,
    Placement,
    Stage,
    Vacancy,
    VacancyTarget,
)
from jejak.organisations.models import Organisation
from jejak.outcomes.models import Activity, OutcomeEvent, Source
from jejak.reference.models import Industry, Occupation, Region
from jejak.seekers.services import registration_end_by_placement


class Refused(ValueError):
    """A change the rules do not allow; the message is for the person, in Indonesian."""


class VacancyProblems(Refused):
    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(problems.values()))
        self.problems = problems


def vacancy_problems(data: dict[str, Any], today: dt.date | None = None) -> dict[str, str]:
    """Field -> Indonesian message for every rule the vacancy breaks (empty when fine)."""
    today = today or timezone.localdate()
    problems: dict[str, str] = {}
    closes, opens = data.get("closes_on"), data.get("opens_on")
    if closes and opens and closes < opens:
        problems["closes_on"] = _("Batas akhir lamaran harus sesudah tanggal berlaku mulai.")
    if closes and closes < today:
        problems["closes_on"] = _("Batas akhir lamaran sudah lewat; pilih hari ini atau nanti.")
    low, high = data.get("wage_min"), data.get("wage_max")
    if low is not None and high is not None and low > high:
        problems["wage_max"] = _("Upah maksimal tidak boleh lebih kecil dari upah minimal.")
    young, old = data.get("age_min"), data.get("age_max")
    if young is not None and old is not None and young > old:
        problems["age_max"] = _("Usia maksimal tidak boleh lebih kecil dari usia minimal.")
    if not data.get("openings") and not any(data.get(name) for name in OPENINGS_SPLIT):
        problems["openings"] = _("Jumlah yang dibutuhkan minimal 1 orang.")
    return problems


OPENINGS_SPLIT = ("openings_male", "openings_female", "openings_any")
VACANCY_FIELDS = [
    "title", "openings", "opens_on", "closes_on", "age_min", "age_max", "sex", "education",
    "skills", "experience", "wage_min", "wage_max", "work_region", "work_country",
    "work_address", "formal", "disability_friendly", "description", "occupation", "industry",
    *OPENINGS_SPLIT,
]  # fmt: skip


def _keep_openings_in_step(vacancy: Vacancy, data: dict[str, Any]) -> None:
    """Data giving only a total (and the sex wanted) re-splits the positions from it; data
    giving the split is kept and `Vacancy.save` derives the total (see split_openings)."""
    if not any(name in data for name in OPENINGS_SPLIT):
        vacancy.openings_male = vacancy.openings_female = vacancy.openings_any = 0


@transaction.atomic
def vacancy_post(
    *,
    company: Organisation,
    posted_by_org: Organisation,
    actor: Any,
    data: dict[str, Any],
    schools: list[Organisation],
    regions: list[Region],
) -> Vacancy:
    """Post a vacancy to schools and/or every school of regions, all or nothing.

    A BKK may post only for a company vetted (and not flagged) in its province.
    """
    problems = vacancy_problems(data)
    if not schools and not regions:
        problems["schools"] = _("Pilih minimal satu sekolah atau wilayah tujuan.")
    if problems:
        raise VacancyProblems(problems)
    if posted_by_org.pk != company.pk and not is_trusted(company, posted_by_org.province_code):
        raise Refused(_("BKK hanya boleh memasang lowongan perusahaan yang sudah diverifikasi."))
    vacancy = Vacancy(company=company, posted_by_org=posted_by_org, posted_by=actor)
    for name in VACANCY_FIELDS:
        if name in data:
            setattr(vacancy, name, data[name])
    vacancy.sex = vacancy.sex or ""
    _keep_openings_in_step(vacancy, data)
    vacancy.save()
    vacancy.majors.set(data.get("majors") or [])
    for school in schools:
        VacancyTarget.objects.create(vacancy=vacancy, school=school)
    for region in regions:
        VacancyTarget.objects.create(vacancy=vacancy, region=region)
    log_action(
        actor=actor, action="vacancy.posted", obj=vacancy, organisation=posted_by_org,
        changes={"company": company.name, "schools": [s.name for s in schools],
                 "regions": [r.code for r in regions]},
    )  # fmt: skip
    from jejak.jobs.tasks import send_alert_digests

    transaction.on_commit(lambda: send_alert_digests.enqueue())
    return vacancy


@transaction.atomic
def vacancy_update(
    *, vacancy: Vacancy, actor: Any, organisation: Organisation, data: dict[str, Any]
) -> Vacancy:
    """Correct a posted vacancy's Perpres fields; its company and targets stay as posted.
    The same rules as posting apply, so an expired vacancy must get a new deadline."""
    problems = vacancy_problems(data)
    if problems:
        raise VacancyProblems(problems)
    changes: dict[str, list[str]] = {}
    for name in VACANCY_FIELDS:
        if name in data and getattr(vacancy, name) != data[name]:
            changes[name] = [str(getattr(vacancy, name) or ""), str(data[name] or "")]
            setattr(vacancy, name, data[name])
    vacancy.sex = vacancy.sex or ""
    _keep_openings_in_step(vacancy, data)
    vacancy.save()
    if "majors" in data:
        vacancy.majors.set(data["majors"] or [])
    log_action(
        actor=actor, action="vacancy.updated", obj=vacancy, organisation=organisation,
        changes=changes,
    )  # fmt: skip
    return vacancy


@transaction.atomic
def vacancy_fill(
    *, vacancy: Vacancy, actor: Any, organisation: Organisation, filled_on: dt.date | None = None
) -> None:
    """Mark the vacancy filled (Perpres 57/2023 asks employers to report it)."""
    vacancy.state, vacancy.filled_on = Vacancy.State.FILLED, filled_on or timezone.localdate()
    vacancy.save(update_fields=["state", "filled_on"])
    hired = vacancy.applications.filter(stage=Stage.ACCEPTED).count()
    log_action(
        actor=actor, action="vacancy.filled", obj=vacancy, organisation=organisation,
        changes={"filled_on": vacancy.filled_on.isoformat(), "accepted": hired},
    )  # fmt: skip


# --- Applications ----------------------------------------------------------------------------


def existing_application(vacancy: Vacancy, alumnus: Alumnus) -> Application | None:
    return Application.objects.filter(vacancy=vacancy, alumnus=alumnus).first()


def application_submit(
    *, vacancy: Vacancy, alumnus: Alumnus, actor: Any, cover_note: str = ""
) -> tuple[Application, bool]:
    """Apply once. A second tap, a retry or a concurrent post returns the first application
    (and False) thanks to the unique (vacancy, alumnus) pair."""
    from jejak.jobs.selectors import board_for_school

    existing = existing_application(vacancy, alumnus)
    if existing:
        return existing, False
    if not board_for_school(alumnus.organisation).filter(pk=vacancy.pk).exists():
        raise Refused(_("Lowongan ini sudah ditutup atau tidak untuk sekolah Anda."))
    try:
        with transaction.atomic():
            application = Application.objects.create(
                vacancy=vacancy, alumnus=alumnus, organisation=alumnus.organisation,
                cover_note=cover_note,
            )  # fmt: skip
            ApplicationStep.objects.create(
                application=application, to_stage=Stage.APPLIED, actor=actor
            )
            log_action(actor=actor, action="application.submitted", obj=application)
    except IntegrityError:
        return Application.objects.get(vacancy=vacancy, alumnus=alumnus), False
    return application, True


def allowed_moves(application: Application) -> list[tuple[str, Any]]:
    """The stages staff may move an application to; none once it is final."""
    if application.stage in FINAL_STAGES:
        return []
    return [
        (value, label)
        for value, label in Stage.choices
        if value not in {application.stage, Stage.WITHDRAWN}
    ]


@transaction.atomic
def application_move(
    *, application: Application, to_stage: str, actor: Any, organisation: Organisation,
    note: str = "",
) -> Application:  # fmt: skip
    """Move an application through the pipeline, keep the step, tell the alumnus."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if to_stage not in dict(allowed_moves(locked)):
        raise Refused(_("Lamaran ini tidak bisa dipindah ke tahap itu."))
    return _move(locked, to_stage, actor, organisation, note)


def _move(
    application: Application, to_stage: str, actor: Any, organisation: Organisation | None,
    note: str,
) -> Application:  # fmt: skip
    previous = application.stage
    application.stage = to_stage
    application.save(update_fields=["stage", "updated_at"])
    ApplicationStep.objects.create(
        application=application, from_stage=previous, to_stage=to_stage, actor=actor,
        actor_organisation=organisation, note=note,
    )  # fmt: skip
    log_action(
        actor=actor, action="application.moved", obj=application,
        organisation=application.organisation,
        changes={"stage": [previous, to_stage], "by": str(organisation or ""), "note": note},
    )  # fmt: skip
    if to_stage != Stage.WITHDRAWN:
        _tell_alumnus(application)
    return application


@transaction.atomic
def application_withdraw(*, application: Application, actor: Any) -> Application:
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.stage in FINAL_STAGES:
        raise Refused(_("Lamaran yang sudah selesai tidak bisa dibatalkan."))
    return _move(locked, Stage.WITHDRAWN, actor, None, "")


def _tell_alumnus(application: Application) -> None:
    """An in-app notification, and an email after commit when the alumnus has an address."""
    alumnus, vacancy = application.alumnus, application.vacancy
    text = _("Lamaran Anda untuk %(title)s di %(company)s: %(stage)s.") % {
        "title": vacancy.title,
        "company": vacancy.company.name,
        "stage": Stage(application.stage).label,
    }
    url = reverse("jobs:me_applications")
    membership = getattr(alumnus, "membership", None)
    if membership is not None:
        Notification.objects.create(
            user_id=membership.user_id, province_code=alumnus.province_code, text=text, url=url
        )
    if alumnus.email:
        address, link = alumnus.email, settings.SITE_URL + url
        transaction.on_commit(
            lambda: send_mail(
                _("Kabar lamaran: %(title)s") % {"title": vacancy.title},
                _("Halo %(name)s,\n\n%(text)s\n\nLihat semua lamaran Anda: %(link)s\n")
                % {"name": alumnus.name, "text": text, "link": link},
                None,
                [address],
                fail_silently=True,
            )
        )


# --- Placements ------------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def placement_kind(school: Organisation, work_region_id: str | None, work_country: str) -> str:
    """AKL within the school's province, AKAD in another province, AKAN abroad."""
    if work_country or not work_region_id:
        return Placement.Kind.AKAN if work_country else Placement.Kind.AKL
    same = work_region_id[:2] == school.province_code
    return Placement.Kind.AKL if same else Placement.Kind.AKAD


AKAN_REFUSED = _(
    "BKK tidak boleh menempatkan ke luar negeri (AKAN, Permenaker 39/2016). Catat pekerjaan "
    "di luar negeri yang dilaporkan alumni sebagai kabar kegiatan, bukan penempatan."
)


@transaction.atomic
def placement_record(
    *,
    school: Organisation,
    alumnus: Alumnus,
    actor: Any,
    recorded_by_org: Organisation,
    employer: str,
    start_date: dt.date,
    work_region: Region | None = None,
    work_country: str = "",
    industry: Industry | None = None,
    occupation: Occupation | None = None,
    job_title: str = "",
    wage: int | None = None,
    formal: bool | None = None,
    follow_up_on: dt.date | None = None,
    application: Application | None = None,
) -> Placement:
    """Record a placement and, in the same transaction, the outcome event the tracer and
    the reports read. AKAN (abroad) is refused. `formal` is what the officer said; None
    (not recorded) stays None and is counted as such, never as formal."""
    if alumnus.organisation_id != school.pk:
        raise Refused(_("Alumni ini bukan dari sekolah ini."))
    kind = placement_kind(school, work_region.pk if work_region else None, work_country)
    if kind == Placement.Kind.AKAN:
        raise Refused(str(AKAN_REFUSED))
    if work_region is None:
        raise Refused(_("Isi wilayah tempat kerja (kabupaten/kota)."))
    event = OutcomeEvent.objects.create(
        organisation=school, alumnus=alumnus, activity=Activity.WORKING, start_date=start_date,
        source=Source.PLACEMENT, employer=employer, industry=industry, occupation=occupation,
        job_title=job_title, work_region=work_region, formal=formal, income=wage,
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    placement = Placement.objects.create(
        organisation=school, alumnus=alumnus, application=application,
        vacancy=application.vacancy if application else None, employer=employer,
        industry=industry, occupation=occupation, job_title=job_title, work_region=work_region,
        kind=kind, start_date=start_date, wage=wage, formal=formal,
        follow_up_on=follow_up_on or add_months(start_date, 3),
        outcome_event=event, recorded_by=actor, recorded_by_org=recorded_by_org,
    )  # fmt: skip
    mark_stale(school.pk, alumnus.cohort)  # the indicators read the new outcome event
    registration_end_by_placement(placement=placement, actor=actor)
    log_action(
        actor=actor, action="placement.recorded", obj=placement, organisation=school,
        changes={"alumnus": alumnus.code, "employer": employer, "kind": kind,
                 "start_date": start_date.isoformat(), "by": recorded_by_org.name},
    )  # fmt: skip
    return placement


# --- Alerts ----------------------------------------------------------------------------------


@transaction.atomic
def alerts_set(*, alumnus: Alumnus, enabled: bool, actor: Any) -> None:
    setting, _created = AlertSetting.objects.get_or_create(alumnus=alumnus)
    setting.enabled = enabled
    if enabled:
        setting.last_sent_at = timezone.now()  # no backlog of old vacancies on switching back
    setting.save()
    log_action(actor=actor, action="alerts.enabled" if enabled else "alerts.stopped", obj=alumnus)
