"""Tenant isolation: every URL pattern, walked by every role from two schools in two regions.

Each tenant URL is built twice, once with the visitor's own objects and once with the other
region's. Someone else's record must answer 404, exactly like a missing one. A new URL pattern
that is not listed here fails `test_every_url_pattern_is_covered`, so nothing slips through.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from jejak.accounts.models import Invitation, Role
from jejak.accounts.services import invitation_create
from jejak.alumni.models import Alumnus, ImportJob
from jejak.bkkreports import services as bkk_services
from jejak.bkkreports.models import PlacementReport
from jejak.bkkreports.periods import Period
from jejak.fairs.models import Fair, FairRegistration
from jejak.fairs.services import (
    attendance_set,
    fair_alumnus_register,
    fair_company_register,
    fair_schedule,
)
from jejak.indicators.models import ReportJob
from jejak.profiles.models import Document, Entry
from jejak.profiles.services import document_upload, entry_add
from jejak.profiles.uploads import detect_type
from jejak.tandadaftar.models import Application as TdApplication
from jejak.tracer.models import Campaign
from jejak.tracer.services import campaign_open
from tests.bkk_support import labour_analyst
from tests.conftest import Tenant, main_text
from tests.coordination_support import attendee_of, evaluation_of, follow_up_of, meeting_today
from tests.jobs_factories import (
    some_application,
    some_flag,
    some_placement,
    some_registration,
    some_vacancy,
    vet,
)
from tests.test_fairs import make_fair
from tests.test_tandadaftar import issued, submitted

# URL names that show no tenant data and so need no isolation check.
PUBLIC = {"home", "set_language", "accounts:login", "accounts:logout", "accounts:accept",
          # Operations: no tenant data (/metrics answers only its token or allowed addresses).
          "healthz", "livez", "metrics",
          "accounts:password_reset", "accounts:password_reset_sent",
          "accounts:password_reset_confirm",
          # The second factor's login step and the person's own security pages: they act on
          # the logged-in (or half-logged-in) person only, never on a code from the URL.
          "accounts:login_code", "accounts:security", "accounts:two_factor_enrol",
          "accounts:two_factor_disable", "companies:signup_sent",
          "alumni:me", "alumni:me_export", "alumni:me_deletion_request",
          "alumni:me_consent_withdraw",
          "tracer:survey", "tracer:employer_survey",
          "companies:signup", "jobs:board_school", "jobs:board_region", "jobs:public_detail",
          "jobs:poster", "jobs:unsubscribe", "jobs:me_vacancies", "jobs:me_alerts",
          "jobs:me_applications", "jobs:me_notifications", "seekers:me", "matching:me_fits",
          "matching:me_pool",
          # The alumnus's own CV pages: every lookup goes through their own membership.
          "profiles:me", "profiles:edit", "profiles:sharing", "profiles:cv", "profiles:cv_pdf",
          "profiles:entry_new", "profiles:document_new",
          # A fair's public page (date, venue, companies); the alumnus's own fair list.
          "fairs:public", "fairs:me",
          # A certificate's public check: valid or not, the BKK and its school, no person.
          "tandadaftar:verify",
          # A batch's public sign-up page: only batches open for sign-up, no one's data.
          "training:signup", "training:signup_sent",
          # The trainee's own alumni networks: reached through their own membership.
          "training:me_network"}  # fmt: skip


def _job(t: Tenant) -> ImportJob:
    job, _ = ImportJob.objects.get_or_create(
        organisation=t.school, filename="x.xlsx", defaults={"kind": "alumni", "cohort": 2025,
                                                            "stored_path": "none"}
    )  # fmt: skip
    return job


def _invitation(t: Tenant) -> Invitation:
    existing = Invitation.objects.filter(organisation=t.school).first()
    if existing:
        return existing
    invitation, _ = invitation_create(
        organisation=t.school, role=Role.HOMEROOM_TEACHER, name="Guru", email="g@example.id",
        invited_by=t.bkk,
    )  # fmt: skip
    return invitation


def _campaign(t: Tenant) -> Campaign:
    existing = Campaign.objects.filter(school=t.school).first()
    if existing:
        return existing
    today = timezone.localdate()
    return campaign_open(
        owner=t.school, school=t.school, cohorts=[2025], start=today,
        end=today + dt.timedelta(days=30), actor=t.bkk,
    )  # fmt: skip


def _document(t: Tenant) -> Document:
    existing = Document.objects.filter(alumnus=t.alumnus).first()
    if existing:
        return existing
    pdf = detect_type(b"%PDF-")
    assert pdf is not None
    return document_upload(
        alumnus=t.alumnus, actor=t.alumnus_user, kind="cv", title="CV", data=b"%PDF-1.4\n",
        file_type=pdf,
    )  # fmt: skip


def _fair(t: Tenant) -> Fair:
    """A fair of the school that has started, with the company, an alumnus and a hire."""
    existing = Fair.objects.filter(organiser=t.school).first()
    if existing:
        return existing
    now = timezone.now()
    fair = fair_schedule(
        organiser=t.school, actor=t.bkk,
        data={"kind": "job_fair", "title": "Bursa", "starts_at": now - dt.timedelta(hours=1),
              "ends_at": now + dt.timedelta(hours=5), "venue": "Aula", "region": t.school.region,
              "description": "", "audience": "region", "capacity": None},
    )  # fmt: skip
    fair_company_register(fair=fair, company=t.company, actor=t.bkk)
    registration = fair_alumnus_register(fair=fair, alumnus=t.alumnus, actor=t.alumnus_user)
    attendance_set(fair=fair, actor=t.bkk, present=True, registration=registration)
    return fair


def _f(t: Tenant, org: Any = None, **more: Any) -> dict[str, Any]:
    return {"org": (org or t.school).code, "fair": _fair(t).code, **more}


def _bkk_report(t: Tenant) -> PlacementReport:
    """A submitted IPK III report of the tenant's school (generated on first use)."""
    existing = PlacementReport.objects.filter(organisation=t.school).first()
    if existing:
        return existing
    report = bkk_services.report_generate(
        organisation=t.school, period=Period("month", dt.date(2026, 3, 1)), actor=t.bkk
    )
    report.refresh_from_db()
    return bkk_services.report_submit(report=report, actor=t.bkk)


def _r(t: Tenant) -> dict[str, Any]:
    return {"org": t.school.code, "report": _bkk_report(t).code}


def _td(t: Tenant) -> Any:
    """The school's tanda daftar application under review, after an issued one."""
    found = TdApplication.objects.filter(organisation=t.school, state="submitted").first()
    if found is None:
        issued(t, number=f"562/{t.region}")
        found = submitted(t)
    return found


def _ta(t: Tenant, org: Any = None, **more: Any) -> dict[str, Any]:
    found = _td(t)
    return {"org": (org or t.school).code, "application": found.code, **more}


def _tc(t: Tenant, org: Any = None) -> dict[str, Any]:
    _td(t)
    return {
        "org": (org or t.school).code,
        "application": TdApplication.objects.get(organisation=t.school, state="issued").code,
    }


def _report(t: Tenant) -> ReportJob:
    job, _ = ReportJob.objects.get_or_create(
        organisation=t.school, cohort=2025, defaults={"state": "done", "pdf_path": "none.pdf"}
    )
    return job


def _m(t: Tenant, org: Any = None, **more: Any) -> dict[str, Any]:
    """A coordination meeting of the labour office, seen from `org` (the office by default)."""
    return {"org": (org or t.labour_office).code, "meeting": meeting_today(t).code, **more}


def _enrolment(t: Tenant) -> Any:
    """A batch of the tenant's BLK with its trainee (the BLK alumnus) enrolled."""
    from jejak.training.models import Enrolment
    from jejak.training.services import batch_open, programme_save

    existing = Enrolment.objects.filter(organisation=t.blk).select_related("batch").first()
    if existing:
        return existing
    programme, _ = programme_save(
        blk=t.blk, own_code="OTO1", actor=t.blk_admin, data={"name": "Servis Motor"}
    )
    batch = batch_open(programme=programme, start_date=dt.date(2026, 1, 5),
                       end_date=dt.date(2026, 2, 27), actor=t.blk_admin)  # fmt: skip
    return Enrolment.objects.create(organisation=t.blk, batch=batch, alumnus=t.blk_alumnus)


def _order(t: Tenant) -> Any:
    """The tenant's company's order to its BLK, accepted and scheduled in the BLK's batch."""
    from jejak.training.models import TrainingOrder
    from jejak.training.orders import order_decide, order_link_batch, order_submit

    existing = TrainingOrder.objects.filter(organisation=t.blk).first()
    if existing:
        return existing
    batch = _enrolment(t).batch
    order = order_submit(
        company=t.company,
        blk=t.blk,
        actor=t.recruiter,
        people=12,
        competencies="Servis motor injeksi",
        wanted_by=dt.date(2027, 3, 1),
    )
    order_decide(order=order, actor=t.blk_admin, accept=True)
    order_link_batch(order=order, batch=batch, actor=t.blk_admin)
    return order


def _co(t: Tenant, **more: Any) -> dict[str, Any]:
    return {"org": t.company.code, "order": _order(t).code, **more}


def _bo(t: Tenant, **more: Any) -> dict[str, Any]:
    return {"org": t.blk.code, "order": _order(t).code, **more}


def _t(t: Tenant, **more: Any) -> dict[str, Any]:
    return {"org": t.blk.code, **more}


def _c(t: Tenant, **more: Any) -> dict[str, Any]:
    return {"org": t.school.code, "campaign": _campaign(t).code, **more}


# name -> (method, kwargs built from a tenant). One entry per tenant-scoped URL pattern.
TENANT_URLS: dict[str, tuple[str, Callable[[Tenant], dict[str, Any]]]] = {
    "organisations:home": ("get", lambda t: {"org": t.school.code}),
    "organisations:members": ("get", lambda t: {"org": t.school.code}),
    "organisations:invitation_revoke": (
        "post", lambda t: {"org": t.school.code, "invitation": _invitation(t).code}),
    "organisations:member_reset_send": (
        "post", lambda t: {"org": t.school.code, "member": t.teacher.code}),
    "organisations:account_security": ("get", lambda t: {"org": t.office.code}),
    "organisations:lockout_lift": ("post", lambda t: {"org": t.office.code,
                                                     "person": t.teacher.code}),
    "organisations:two_factor_reset": ("post", lambda t: {"org": t.office.code,
                                                         "person": t.head.code}),
    "organisations:schools_import": ("get", lambda t: {"org": t.office.code}),
    "organisations:office_data": ("get", lambda t: {"org": t.office.code}),
    "organisations:retention": ("post", lambda t: {"org": t.office.code}),
    "organisations:school_invite": (
        "get", lambda t: {"org": t.office.code, "school": t.school.code}),
    "alumni:register": ("get", lambda t: {"org": t.school.code}),
    "alumni:import": ("get", lambda t: {"org": t.school.code}),
    "alumni:create": ("get", lambda t: {"org": t.school.code}),
    "alumni:export": ("get", lambda t: {"org": t.school.code}),
    "alumni:template": ("get", lambda t: {"org": t.school.code, "fmt": "xlsx"}),
    "alumni:duplicates": ("get", lambda t: {"org": t.school.code}),
    "alumni:merge": ("get", lambda t: {"org": t.school.code, "keep": t.alumnus.code,
                                       "other": t.other_alumnus.code}),
    "alumni:detail": ("get", lambda t: {"org": t.school.code, "code": t.alumnus.code}),
    "alumni:edit": ("get", lambda t: {"org": t.school.code, "code": t.alumnus.code}),
    "alumni:consent": ("post", lambda t: {"org": t.school.code, "code": t.alumnus.code}),
    "alumni:delete": ("get", lambda t: {"org": t.school.code, "code": t.alumnus.code}),
    "alumni:classes": ("get", lambda t: {"org": t.school.code}),
    "alumni:class_teacher": (
        "post", lambda t: {"org": t.school.code, "school_class": t.own_class.code}),
    "alumni:import_job": ("get", lambda t: {"org": t.school.code, "job": _job(t).code}),
    "alumni:import_confirm": ("post", lambda t: {"org": t.school.code, "job": _job(t).code}),
    "alumni:import_rejects": ("get", lambda t: {"org": t.school.code, "job": _job(t).code}),
    "audit:log": ("get", lambda t: {"org": t.school.code}),
    "tracer:campaigns": ("get", lambda t: {"org": t.school.code}),
    "tracer:campaign_new": ("get", lambda t: {"org": t.school.code}),
    "tracer:graduation": ("get", lambda t: {"org": t.school.code}),
    "tracer:campaign": ("get", lambda t: _c(t)),
    "tracer:links_csv": ("get", lambda t: _c(t)),
    "tracer:remind": ("post", lambda t: _c(t)),
    "tracer:close": ("post", lambda t: _c(t)),
    "tracer:reopen": ("post", lambda t: _c(t)),
    "tracer:employers": ("get", lambda t: _c(t)),
    "tracer:responses_import": ("get", lambda t: _c(t)),
    "tracer:responses_template": ("get", lambda t: _c(t)),
    "tracer:follow_up": ("get", lambda t: _c(t, school_class=t.own_class.code)),
    "tracer:qr_cards": ("get", lambda t: _c(t, school_class=t.own_class.code)),
    "tracer:staff_entry": ("get", lambda t: _c(t, code=t.alumnus.code)),
    "tracer:reissue": ("post", lambda t: _c(t, code=t.alumnus.code)),
    "tracer:national_mark": ("post", lambda t: _c(t, code=t.alumnus.code)),
    "tracer:national_xlsx": ("get", lambda t: _c(t)),
    "tracer:national_csv": ("get", lambda t: _c(t)),
    "companies:list": ("get", lambda t: {"org": t.school.code}),
    "companies:profile": ("get", lambda t: {"org": t.company.code}),
    "companies:new": ("get", lambda t: {"org": t.school.code}),
    "companies:detail": ("get", lambda t: {"org": t.school.code, "company": t.company.code}),
    "companies:vet": ("post", lambda t: {"org": t.school.code, "company": t.company.code}),
    "companies:flag": ("post", lambda t: {"org": t.school.code, "company": t.company.code}),
    "companies:flag_resolve": ("post", lambda t: {"org": t.school.code, "company": t.company.code,
                                                  "flag": some_flag(t).code}),
    "companies:partnership": ("post", lambda t: {"org": t.school.code, "company": t.company.code}),
    "jobs:list": ("get", lambda t: {"org": t.school.code}),
    "jobs:new": ("get", lambda t: {"org": t.school.code}),
    "jobs:export": ("get", lambda t: {"org": t.school.code}),
    "jobs:kbji_suggest": ("get", lambda t: {"org": t.school.code}),
    "jobs:applications": ("get", lambda t: {"org": t.school.code}),
    "jobs:detail": ("get", lambda t: {"org": t.school.code, "vacancy": some_vacancy(t).code}),
    "jobs:fill": ("post", lambda t: {"org": t.school.code, "vacancy": some_vacancy(t).code}),
    "jobs:edit": ("get", lambda t: {"org": t.company.code, "vacancy": some_vacancy(t).code}),
    "jobs:applicants_export": (
        "get", lambda t: {"org": t.school.code, "vacancy": some_vacancy(t).code}),
    "jobs:move": ("post", lambda t: {"org": t.school.code,
                                     "application": some_application(t).code}),
    "jobs:placement_from_application": (
        "get", lambda t: {"org": t.school.code, "application": some_application(t).code}),
    "jobs:placements": ("get", lambda t: {"org": t.school.code}),
    "jobs:placement_new": ("get", lambda t: {"org": t.school.code}),
    "jobs:placement_edit": ("get", lambda t: {"org": t.school.code,
                                              "placement": some_placement(t).code}),
    "jobs:placements_export": ("get", lambda t: {"org": t.school.code}),
    "seekers:list": ("get", lambda t: {"org": t.school.code}),
    "seekers:new": ("get", lambda t: {"org": t.school.code}),
    "seekers:import": ("get", lambda t: {"org": t.school.code}),
    "seekers:karirhub": ("get", lambda t: {"org": t.school.code, "what": "pencaker",
                                           "fmt": "csv"}),
    "seekers:template": ("get", lambda t: {"org": t.school.code, "kind": "jobseekers"}),
    "seekers:detail": ("get", lambda t: {"org": t.school.code,
                                         "registration": some_registration(t).code}),
    "seekers:end": ("get", lambda t: {"org": t.school.code,
                                      "registration": some_registration(t).code}),
    "profiles:alumnus_cv": (
        "get", lambda t: {"org": t.school.code, "alumnus_code": t.alumnus.code}),
    "profiles:company_document": (
        "get", lambda t: {"org": t.company.code, "alumnus_code": t.alumnus.code,
                          "doc_code": _document(t).code}),
    "fairs:list": ("get", lambda t: {"org": t.school.code}),
    "fairs:new": ("get", lambda t: {"org": t.school.code}),
    "fairs:detail": ("get", lambda t: _f(t)),
    "fairs:edit": ("get", lambda t: _f(t)),
    "fairs:company_add": ("post", lambda t: _f(t)),
    "fairs:attendance": ("get", lambda t: _f(t)),
    "fairs:attendance_toggle": (
        "post", lambda t: _f(t, who="alumnus", code=FairRegistration.objects.filter(
            fair=_fair(t)).values_list("code", flat=True).first())),
    "fairs:hire_new": ("get", lambda t: _f(t)),
    "fairs:join": ("post", lambda t: _f(t, org=t.company)),
    "coordination:list": ("get", lambda t: {"org": t.labour_office.code}),
    "coordination:new": ("get", lambda t: {"org": t.labour_office.code}),
    "coordination:follow_ups": ("get", lambda t: {"org": t.labour_office.code}),
    "coordination:follow_ups_xlsx": ("get", lambda t: {"org": t.labour_office.code}),
    "coordination:associations": ("get", lambda t: {"org": t.labour_office.code}),
    "coordination:detail": ("get", lambda t: _m(t)),
    "coordination:edit": ("get", lambda t: _m(t)),
    "coordination:invite": ("get", lambda t: _m(t)),
    "coordination:respond": ("get", lambda t: _m(t, org=t.school)),
    "coordination:attendance": ("get", lambda t: _m(t)),
    "coordination:attendance_toggle": ("post", lambda t: _m(t, attendee=attendee_of(t).code)),
    "coordination:minutes": ("get", lambda t: _m(t)),
    "coordination:minutes_pdf": ("get", lambda t: _m(t, org=t.company)),
    "coordination:follow_up_new": ("get", lambda t: _m(t)),
    "coordination:follow_up_done": (
        "get", lambda t: _m(t, org=t.company, follow_up=follow_up_of(t).code)),
    "coordination:follow_up_reopen": ("post", lambda t: _m(t, follow_up=follow_up_of(t).code)),
    "coordination:evaluation": ("get", lambda t: _m(t, org=t.school)),
    "coordination:evaluation_file": (
        "get", lambda t: _m(t, org=t.school, evaluation=evaluation_of(t).code)),
    "bkkreports:register": ("get", lambda t: {"org": t.school.code}),
    "bkkreports:person_in_charge": ("post", lambda t: {"org": t.school.code}),
    "bkkreports:plan": ("post", lambda t: {"org": t.school.code}),
    "bkkreports:reports": ("get", lambda t: {"org": t.school.code}),
    "bkkreports:generate": ("post", lambda t: {"org": t.school.code}),
    "bkkreports:report": ("get", _r),
    "bkkreports:report_print": ("get", _r),
    "bkkreports:report_xlsx": ("get", _r),
    "bkkreports:report_pdf": ("get", _r),
    "bkkreports:submit": ("post", _r),
    "bkkreports:office_register": ("get", lambda t: {"org": t.labour_office.code}),
    "bkkreports:office_reissue": (
        "get", lambda t: {"org": t.labour_office.code, "school": t.school.code}),
    "bkkreports:office_reports": ("get", lambda t: {"org": t.labour_office.code}),
    "bkkreports:office_placed_xlsx": ("get", lambda t: {"org": t.labour_office.code}),
    "bkkreports:office_ipk": ("get", lambda t: {"org": t.labour_office.code}),
    "bkkreports:office_ipk_xlsx": ("get", lambda t: {"org": t.labour_office.code}),
    "bkkreports:office_report": (
        "get", lambda t: {"org": t.labour_office.code, "report": _bkk_report(t).code}),
    "tandadaftar:home": ("get", lambda t: {"org": t.school.code}),
    "tandadaftar:start": ("post", lambda t: {"org": t.school.code}),
    "tandadaftar:application": ("get", lambda t: _ta(t)),
    "tandadaftar:upload": ("post", lambda t: _ta(t)),
    "tandadaftar:submit": ("post", lambda t: _ta(t)),
    "tandadaftar:attachment": (
        "get", lambda t: _ta(t, attachment=_td(t).attachments.first().code)),
    "tandadaftar:certificate": ("get", _tc),
    "tandadaftar:office_queue": ("get", lambda t: {"org": t.labour_office.code}),
    "tandadaftar:office_missing": ("get", lambda t: {"org": t.labour_office.code}),
    "tandadaftar:office_missing_csv": ("get", lambda t: {"org": t.labour_office.code}),
    "tandadaftar:office_deactivate": (
        "post", lambda t: {"org": t.labour_office.code, "school": t.school.code}),
    "tandadaftar:office_review": ("get", lambda t: _ta(t, org=t.labour_office)),
    "tandadaftar:office_certificate": ("get", lambda t: _tc(t, org=t.labour_office)),
    "tandadaftar:office_attachment": (
        "get", lambda t: _ta(t, org=t.labour_office, attachment=_td(t).attachments.first().code)),
    "matching:supply": ("get", lambda t: {"org": t.school.code}),
    "matching:candidates": ("get", lambda t: {"org": t.school.code,
                                              "vacancy": some_vacancy(t).code}),
    "matching:shortlist": ("get", lambda t: {"org": t.school.code,
                                             "vacancy": some_vacancy(t).code}),
    "matching:talent_search": ("get", lambda t: {"org": t.company.code}),
    "matching:talent_profile": ("get", lambda t: {"org": t.company.code,
                                                  "alumnus": t.alumnus.code}),
    "matching:offers": ("get", lambda t: {"org": t.company.code,
                                          "vacancy": some_vacancy(t).code}),
    "matching:supply_xlsx": ("get", lambda t: {"org": t.school.code}),
    "indicators:school": ("get", lambda t: {"org": t.school.code}),
    "indicators:office": ("get", lambda t: {"org": t.office.code}),
    "indicators:umk": ("get", lambda t: {"org": t.office.code}),
    "indicators:report_new": ("post", lambda t: {"org": t.school.code}),
    "indicators:report_status": ("get", lambda t: {"org": t.school.code,
                                                   "job": _report(t).code}),
    "indicators:report_file": ("get", lambda t: {"org": t.school.code, "job": _report(t).code,
                                                 "fmt": "pdf"}),
    "training:programmes": ("get", lambda t: _t(t)),
    "training:programme_new": ("get", lambda t: _t(t)),
    "training:programme_edit": (
        "get", lambda t: _t(t, programme=_enrolment(t).batch.programme.code)),
    "training:batches": ("get", lambda t: _t(t)),
    "training:batch_new": ("get", lambda t: _t(t)),
    "training:template": ("get", lambda t: _t(t)),
    "training:batch": ("get", lambda t: _t(t, batch=_enrolment(t).batch.code)),
    "training:batch_edit": ("get", lambda t: _t(t, batch=_enrolment(t).batch.code)),
    "training:import": ("get", lambda t: _t(t, batch=_enrolment(t).batch.code)),
    "training:outcome_import": ("get", lambda t: _t(t, batch=_enrolment(t).batch.code)),
    "training:outcome_template": ("get", lambda t: _t(t, fmt="xlsx")),
    "training:results": ("get", lambda t: _t(t, enrolment=_enrolment(t).code)),
    "training:decide": ("post", lambda t: _t(t, enrolment=_enrolment(t).code)),
    "training:same_person": ("get", lambda t: _t(t, enrolment=_enrolment(t).code)),
    "training:same_person_undo": ("post", lambda t: _t(t, enrolment=_enrolment(t).code)),
    "training:office_blks": ("get", lambda t: {"org": t.labour_office.code}),
    "training:campaign": ("post", lambda t: _t(t, batch=_enrolment(t).batch.code)),
    "training:indicators": ("get", lambda t: _t(t)),
    "training:report": ("get", lambda t: _t(t, batch=_enrolment(t).batch.code, fmt="xlsx")),
    "training:support": ("get", lambda t: _t(t, enrolment=_enrolment(t).code)),
    "training:network": ("get", lambda t: _t(t)),
    "training:link_and_match": ("get", lambda t: _t(t)),
    "training:company_orders": ("get", lambda t: {"org": t.company.code}),
    "training:order_new": ("get", lambda t: {"org": t.company.code}),
    "training:company_order": ("get", lambda t: _co(t)),
    "training:order_cancel": ("post", lambda t: _co(t)),
    "training:order_graduates": ("get", lambda t: _co(t)),
    "training:blk_orders": ("get", lambda t: _t(t)),
    "training:blk_order": ("get", lambda t: _bo(t)),
    "training:order_decide": ("post", lambda t: _bo(t)),
    "training:order_notes": ("post", lambda t: _bo(t)),
    "training:order_link": ("post", lambda t: _bo(t)),
    "training:order_batch_new": ("get", lambda t: _bo(t)),
    "training:order_notify": ("post", lambda t: _bo(t, batch=_enrolment(t).batch.code)),
}  # fmt: skip


def _names(patterns: list[Any], namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


def _live_vacancy(t: Tenant) -> Any:
    vet(t)
    return some_vacancy(t)


def _entry(t: Tenant) -> Any:
    return Entry.objects.filter(alumnus=t.alumnus).first() or entry_add(
        alumnus=t.alumnus, actor=t.alumnus_user, kind=Entry.Kind.LANGUAGE,
        data={"title": "Bahasa Jepang", "level": "N4"},
    )  # fmt: skip


def _document(t: Tenant) -> Any:
    pdf = b"%PDF-1.4\n% ijazah\n"
    return Document.objects.filter(alumnus=t.alumnus).first() or document_upload(
        alumnus=t.alumnus, actor=t.alumnus_user, kind=Document.Kind.DIPLOMA, title="Ijazah",
        data=pdf, file_type=detect_type(pdf),  # type: ignore[arg-type]
    )  # fmt: skip


def _school_fair(t: Tenant) -> Any:
    return Fair.objects.filter(organiser=t.school).first() or make_fair(t.school, audience="school")


# The alumnus's own pages that name an object. They are reached through the person's own
# membership, so every other person, whatever their role, must get 404 on Jember's objects.
PERSONAL_URLS: dict[str, tuple[str, Callable[[Tenant], dict[str, Any]], int]] = {
    # name -> (method, kwargs from a tenant, what Jember's own alumnus gets)
    "jobs:me_vacancy": ("get", lambda t: {"vacancy": _live_vacancy(t).code}, 200),
    "jobs:me_apply": ("post", lambda t: {"vacancy": _live_vacancy(t).code}, 302),
    # These three ask first: the owner's unconfirmed POST gets the confirmation page (200).
    "jobs:me_withdraw": ("post", lambda t: {"application": some_application(t).code}, 200),
    "profiles:entry_edit": ("get", lambda t: {"code": _entry(t).code}, 200),
    "profiles:entry_delete": ("post", lambda t: {"code": _entry(t).code}, 200),
    "profiles:my_document": ("get", lambda t: {"code": _document(t).code}, 200),
    "profiles:document_delete": ("post", lambda t: {"code": _document(t).code}, 200),
    "fairs:me_register": ("post", lambda t: {"fair": _school_fair(t).code}, 302),
    "fairs:me_cancel": ("post", lambda t: {"fair": _school_fair(t).code}, 302),
    "training:me_network_join": ("post", lambda t: {"enrolment": _own_enrolment(t).code}, 302),
    "training:me_network_leave": (
        "post", lambda t: {"enrolment": _own_enrolment(t, member=True).code}, 302),
}  # fmt: skip


def _own_enrolment(t: Tenant, *, member: bool = False) -> Any:
    """The tenant's alumnus also trained at its BLK (the two records linked as one person)."""
    from jejak.training.models import NetworkMember

    enrolment = _enrolment(t)
    Alumnus.objects.filter(pk__in=[t.alumnus.pk, t.blk_alumnus.pk]).update(person_key=t.region)
    if member:
        NetworkMember.objects.get_or_create(
            organisation=t.blk, alumnus=t.blk_alumnus, programme=enrolment.batch.programme
        )
    return enrolment


@pytest.mark.parametrize("name", sorted(PERSONAL_URLS))
def test_nobody_else_reaches_an_alumnus_own_objects(
    client: Any, jember: Tenant, bandung: Tenant, name: str
) -> None:
    method, kwargs, own_status = PERSONAL_URLS[name]
    url = reverse(name, kwargs=kwargs(jember))
    people = {**_people(bandung), **{f"jember {r}": p for r, p in _people(jember).items()}}
    for role, person in people.items():
        if person == jember.alumnus_user:
            continue
        client.force_login(person)
        assert getattr(client, method)(url).status_code == 404, f"{role} reached {name}"
    client.force_login(jember.alumnus_user)
    assert getattr(client, method)(url).status_code == own_status, f"the alumnus on {name}"


def test_every_url_pattern_is_covered() -> None:
    assert _names(get_resolver().url_patterns) == PUBLIC | set(TENANT_URLS) | set(PERSONAL_URLS)


def _people(t: Tenant) -> dict[str, Any]:
    return {
        "analyst": t.analyst, "bkk": t.bkk, "head": t.head, "teacher": t.teacher,
        "alumnus": t.alumnus_user, "recruiter": t.recruiter, "blk_admin": t.blk_admin,
        "labour_analyst": labour_analyst(t),
    }  # fmt: skip


def _request(client: Any, name: str, tenant: Tenant) -> int:
    method, kwargs = TENANT_URLS[name]
    url = reverse(name, kwargs=kwargs(tenant))
    return getattr(client, method)(url).status_code


@pytest.mark.parametrize("name", sorted(TENANT_URLS))
def test_nobody_reaches_another_regions_objects(
    client: Any, jember: Tenant, bandung: Tenant, name: str
) -> None:
    for role, person in _people(bandung).items():
        client.force_login(person)
        assert _request(client, name, jember) == 404, f"{role} of Bandung reached {name}"


@pytest.mark.parametrize("name", sorted(TENANT_URLS))
def test_anonymous_is_sent_to_login(client: Any, jember: Tenant, name: str) -> None:
    status = _request(client, name, jember)
    assert status in {302, 404}
    if status == 302:
        method, kwargs = TENANT_URLS[name]
        response = getattr(client, method)(reverse(name, kwargs=kwargs(jember)))
        assert response["Location"].startswith(reverse("accounts:login"))


def test_missing_and_foreign_records_look_the_same(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    client = login(jember.bkk)
    foreign = client.get(reverse("alumni:detail", args=[jember.school.code, bandung.alumnus.code]))
    missing = client.get(reverse("alumni:detail", args=[jember.school.code, "tdkada2345"]))
    assert foreign.status_code == missing.status_code == 404
    assert main_text(foreign.content.decode()) == main_text(missing.content.decode())


# Who may open what in their own school: (role, url name) -> expected status.
OWN_TENANT = {
    "bkk": {"indicators:school": 200, "indicators:report_status": 200,
            "matching:supply": 200, "matching:supply_xlsx": 200,
            "matching:candidates": 200, "matching:shortlist": 200, "matching:offers": 404,
            "indicators:office": 404,
            "alumni:register": 200, "alumni:detail": 200, "alumni:edit": 200,
            "alumni:import": 200, "alumni:create": 200, "organisations:members": 200,
            "audit:log": 200, "organisations:schools_import": 404,
            "organisations:account_security": 404, "organisations:lockout_lift": 404,
            "organisations:two_factor_reset": 404,
            "jobs:list": 200, "jobs:new": 200, "jobs:detail": 200, "companies:list": 200,
            "companies:new": 200, "companies:detail": 200, "jobs:placements": 200,
            "jobs:placement_new": 200, "jobs:placements_export": 200, "jobs:export": 200,
            "jobs:kbji_suggest": 200,
            "jobs:placement_edit": 200, "seekers:list": 200, "seekers:new": 200,
            "seekers:detail": 200, "seekers:end": 200, "seekers:import": 200,
            "seekers:karirhub": 200,
            "profiles:alumnus_cv": 200, "fairs:list": 200, "fairs:detail": 200,
            "fairs:attendance": 200, "fairs:hire_new": 200,
            "bkkreports:register": 200, "bkkreports:reports": 200, "bkkreports:report": 200,
            "bkkreports:report_xlsx": 200, "bkkreports:office_register": 404,
            "tracer:national_xlsx": 200, "tracer:national_csv": 200,
            "tandadaftar:home": 200, "tandadaftar:application": 200,
            "tandadaftar:attachment": 200, "tandadaftar:certificate": 200,
            "tandadaftar:office_queue": 404,
            "coordination:respond": 200, "coordination:evaluation": 200,
            "coordination:evaluation_file": 200, "coordination:new": 404,
            "coordination:detail": 404, "coordination:list": 404},
    "head": {"alumni:register": 200, "alumni:detail": 200, "alumni:edit": 404,
             "alumni:create": 404,
             "alumni:import": 404, "organisations:members": 200, "audit:log": 200,
             "jobs:list": 200, "jobs:new": 404, "companies:new": 404, "jobs:placements": 200,
             "jobs:placement_new": 404, "jobs:placement_edit": 404, "seekers:list": 200,
             "seekers:detail": 200, "seekers:new": 404, "seekers:end": 404,
             "seekers:karirhub": 404,
             "profiles:alumnus_cv": 404, "fairs:list": 404,
             "fairs:detail": 404, "tracer:national_xlsx": 404, "tandadaftar:home": 200,
             "tandadaftar:attachment": 200, "tandadaftar:upload": 404,
             "tandadaftar:submit": 404},
    "teacher": {"indicators:school": 404, "matching:supply": 404,
                "matching:candidates": 404, "matching:shortlist": 404,
                "alumni:register": 200, "alumni:detail": 200, "alumni:edit": 404,
                "alumni:create": 404,
                "alumni:import": 404, "organisations:members": 404, "audit:log": 404,
                "jobs:list": 404, "companies:list": 404, "jobs:placements": 404,
                "seekers:list": 404, "seekers:detail": 404,
                "bkkreports:register": 404, "bkkreports:reports": 404,
                "tracer:national_xlsx": 404, "tandadaftar:home": 404,
                "tandadaftar:attachment": 404},
    "analyst": {"indicators:office": 200, "indicators:umk": 200, "indicators:school": 200,
                "matching:supply": 200, "matching:supply_xlsx": 200,
                "matching:candidates": 404, "matching:offers": 404,
                "alumni:register": 404, "alumni:detail": 404, "alumni:edit": 404,
                "alumni:import": 404, "organisations:schools_import": 200,
                "organisations:school_invite": 200, "organisations:office_data": 200,
                "audit:log": 404, "organisations:account_security": 200,
                "bkkreports:reports": 200, "bkkreports:report": 200, "bkkreports:submit": 404,
                "bkkreports:office_register": 404, "seekers:list": 404, "seekers:detail": 404,
                "coordination:list": 404,
                "coordination:detail": 404,
                "training:batches": 404, "training:outcome_import": 404,
                "training:batch": 404, "training:results": 404},
    "alumnus": {"indicators:school": 404,
                "alumni:register": 404, "alumni:detail": 404, "organisations:home": 404,
                "tracer:campaigns": 404, "tracer:follow_up": 404, "profiles:alumnus_cv": 404,
                "coordination:respond": 404, "coordination:evaluation": 404},
    "recruiter": {"matching:offers": 200, "matching:candidates": 404,
                  "alumni:register": 404, "alumni:detail": 404, "organisations:home": 404,
                  "profiles:company_document": 404, "fairs:detail": 404,
                  "coordination:minutes_pdf": 200, "coordination:follow_up_done": 200,
                  "coordination:evaluation": 404, "coordination:evaluation_file": 404,
                  "coordination:respond": 404,
                  "training:company_orders": 200, "training:company_order": 200,
                  "training:order_graduates": 200, "training:order_new": 404,
                  "training:blk_orders": 404, "training:blk_order": 404},
    "blk_admin": {"alumni:register": 404, "alumni:detail": 404, "training:programmes": 200,
                  "training:programme_new": 200, "training:programme_edit": 200,
                  "training:batches": 200, "training:batch_new": 200, "training:batch": 200,
                  "training:batch_edit": 200, "training:import": 200, "training:results": 200,
                  "training:same_person": 200, "training:template": 200,
                  "training:outcome_import": 200, "training:outcome_template": 200,
                  "training:office_blks": 404, "training:indicators": 200,
                  "training:report": 200, "training:support": 200,
                  "training:network": 200, "training:link_and_match": 200,
                  "training:blk_orders": 200, "training:blk_order": 200,
                  "training:order_batch_new": 200, "training:company_orders": 404,
                  "training:company_order": 404, "training:order_graduates": 404},
    "labour_analyst": {"coordination:list": 200, "coordination:detail": 200,
                       "coordination:attendance": 200, "coordination:follow_ups_xlsx": 200,
                       "coordination:evaluation_file": 404, "coordination:respond": 404,
                       "coordination:evaluation": 404},
}  # fmt: skip


@pytest.mark.parametrize("role", sorted(OWN_TENANT))
def test_each_role_sees_what_it_may_in_its_own_region(
    client: Any, jember: Tenant, role: str
) -> None:
    client.force_login(_people(jember)[role])
    for name, expected in OWN_TENANT[role].items():
        assert _request(client, name, jember) == expected, f"{role} on {name}"


def test_teacher_sees_only_own_class(login: Any, jember: Tenant) -> None:
    client = login(jember.teacher)
    register = client.get(reverse("alumni:register", args=[jember.school.code]))
    assert jember.alumnus.name in register.content.decode()
    assert jember.other_alumnus.name not in register.content.decode()
    other = reverse("alumni:detail", args=[jember.school.code, jember.other_alumnus.code])
    assert client.get(other).status_code == 404


def test_blk_admin_sees_own_trainees(login: Any, jember: Tenant) -> None:
    client = login(jember.blk_admin)
    page = client.get(reverse("alumni:register", args=[jember.blk.code]))
    assert page.status_code == 200 and jember.blk_alumnus.name in page.content.decode()


def test_alumnus_sees_only_own_record(login: Any, jember: Tenant, bandung: Tenant) -> None:
    client = login(jember.alumnus_user)
    page = client.get(reverse("alumni:me")).content.decode()
    assert jember.alumnus.name in page and jember.other_alumnus.name not in page
    exported = client.get(reverse("alumni:me_export")).json()
    assert exported["record"]["nisn"] == jember.alumnus.nisn
    client.force_login(bandung.bkk)  # not an alumnus at all
    assert client.get(reverse("alumni:me")).status_code == 404


def test_office_sees_only_schools_in_its_area(login: Any, jember: Tenant, bandung: Tenant) -> None:
    client = login(jember.analyst)
    page = client.get(reverse("organisations:home", args=[jember.office.code])).content.decode()
    assert jember.school.name in page and bandung.school.name not in page


def test_teacher_follows_up_only_own_class(login: Any, jember: Tenant) -> None:
    client = login(jember.teacher)
    own = reverse("tracer:follow_up", kwargs=_c(jember, school_class=jember.own_class.code))
    other = reverse("tracer:follow_up", kwargs=_c(jember, school_class=jember.other_class.code))
    assert client.get(own).status_code == 200
    assert client.get(other).status_code == 404
    entry = reverse("tracer:staff_entry", kwargs=_c(jember, code=jember.other_alumnus.code))
    assert client.get(entry).status_code == 404
    assert client.get(reverse("tracer:campaign_new", args=[jember.school.code])).status_code == 404


# Least data per office: what each office analyst gets on a school in its own area. The labour
# office receives placements by name by address (the law asks for them) and vacancies; the
# education office works from indicators and counts. Neither reaches the register, a record,
# applicants, a campaign's people or any export of personal data. Every export is listed.
OFFICE_SCHOOL_PAGES: dict[str, tuple[int, int]] = {
    # name: (education office analyst, labour office analyst)
    "organisations:home": (200, 200),
    "indicators:school": (200, 200),
    "tracer:campaigns": (200, 200),
    "tracer:campaign": (200, 200),
    "jobs:list": (200, 200),
    "jobs:detail": (200, 200),
    "jobs:export": (200, 200),
    "companies:list": (200, 200),
    "bkkreports:reports": (200, 200),
    "bkkreports:report": (200, 200),
    "bkkreports:report_print": (404, 200),
    "bkkreports:report_xlsx": (404, 200),
    "bkkreports:report_pdf": (404, 200),
    "jobs:placements": (404, 200),
    "jobs:placements_export": (404, 200),
    "seekers:list": (404, 404),
    "seekers:karirhub": (404, 404),
    "alumni:register": (404, 404),
    "alumni:detail": (404, 404),
    "alumni:export": (404, 404),
    "alumni:classes": (404, 404),
    "alumni:template": (404, 404),
    "alumni:import_rejects": (404, 404),
    "tracer:follow_up": (404, 404),
    "tracer:qr_cards": (404, 404),
    "tracer:employers": (404, 404),
    "tracer:links_csv": (404, 404),
    "tracer:national_xlsx": (404, 404),
    "tracer:national_csv": (404, 404),
    "tracer:national_mark": (404, 404),
    "tracer:responses_template": (404, 404),
    "tracer:staff_entry": (404, 404),
    "jobs:applications": (404, 404),
    "jobs:applicants_export": (404, 404),
    "profiles:alumnus_cv": (404, 404),
    # The tanda daftar's documents: the labour office reads them on its own pages only.
    "tandadaftar:home": (404, 404),
    "tandadaftar:application": (404, 404),
    "tandadaftar:attachment": (404, 404),
    "tandadaftar:certificate": (404, 404),
}


@pytest.mark.parametrize("name", sorted(OFFICE_SCHOOL_PAGES))
def test_each_office_gets_the_least_data_its_work_needs(
    client: Any, jember: Tenant, name: str
) -> None:
    education, labour = OFFICE_SCHOOL_PAGES[name]
    client.force_login(jember.analyst)
    assert _request(client, name, jember) == education, f"education office on {name}"
    client.force_login(labour_analyst(jember))
    assert _request(client, name, jember) == labour, f"labour office on {name}"


def test_only_the_labour_office_downloads_its_areas_placements_by_name(
    client: Any, jember: Tenant
) -> None:
    _bkk_report(jember)
    client.force_login(labour_analyst(jember))
    own = reverse("bkkreports:office_placed_xlsx", args=[jember.labour_office.code])
    assert client.get(own).status_code == 200
    client.force_login(jember.analyst)
    own = reverse("bkkreports:office_placed_xlsx", args=[jember.office.code])
    assert client.get(own).status_code == 404
