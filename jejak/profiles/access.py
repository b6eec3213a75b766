"""May a company see an alumnus's shared profile and documents?"""

from __future__ import annotations

from jejak.alumni.models import Alumnus
from jejak.jobs.models import Application
from jejak.organisations.models import Organisation


def company_may_see(company: Organisation, alumnus: Alumnus) -> bool:
    """True when `company` is a company and the alumnus applied to one of its vacancies
    (withdrawn applications included: the company already saw what was shared when the
    application was made)."""
    if company.kind != Organisation.Kind.COMPANY:
        return False
    return Application.objects.filter(alumnus=alumnus, vacancy__company=company).exists()
