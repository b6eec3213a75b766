"""How the job exchange plugs into the apps that do not depend on it.

Profiles and fairs are built without knowing of vacancies; each offers a hook, and this module
fills them in when the app starts (JobsConfig.ready). (The IPK III reports read vacancies
directly: jejak.bkkreports.ipk_read.)

- a company may read the CV an alumnus shares once the alumnus has applied to its vacancy;
- a hire recorded at a job fair becomes a placement in the school's register;
"""

from __future__ import annotations

from typing import Any

from jejak.alumni.models import Alumnus
from jejak.jobs.services import placement_record
from jejak.organisations.models import Organisation


def company_has_application(company: Organisation, alumnus: Alumnus) -> bool:
    """The alumnus applied to one of the company's vacancies (withdrawn ones included: the
    company already saw what was shared when the application was made)."""
    return alumnus.applications.filter(vacancy__company=company).exists()


def placement_from_fair_hire(*, hire: Any, actor: Any) -> None:
    """A hire at a fair is a placement like any other: by name, with its outcome event."""
    fair, company = hire.fair, hire.company
    placement_record(
        school=hire.alumnus.organisation, alumnus=hire.alumnus, actor=actor,
        recorded_by_org=fair.organiser, employer=company.name, start_date=hire.start_date,
        work_region=company.region, job_title=hire.job_title,
    )  # fmt: skip


def connect() -> None:
    from jejak.fairs.hooks import register_hire_listener
    from jejak.profiles.access import register_company_link_checker

    register_company_link_checker(company_has_application)
    register_hire_listener(placement_from_fair_hire)
