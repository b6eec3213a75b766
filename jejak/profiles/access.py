"""May a company see an alumnus's shared profile and documents?"""

from __future__ import annotations

from jejak.alumni.models import Alumnus
from jejak.jobs.models import Application
from jejak.organisations.models import Organisation


def company_may_see(company: Organisation, alumnus: Alumnus) -> bool:
    """True when `company` is a company and the alumnus is linked to it: they applied to one
    of its vacancies (withdrawn applications included: the company already saw what was
    shared when the application was made), a BKK offered them for one of its vacancies, or
    they opted into the talent pool where this company may search."""
    from jejak.matching.pool import may_see
    from jejak.matching.services import offered_to

    if company.kind != Organisation.Kind.COMPANY:
        return False
    applied = Application.objects.filter(alumnus=alumnus, vacancy__company=company).exists()
    return applied or offered_to(company, alumnus) or may_see(company, alumnus)
