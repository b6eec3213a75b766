"""May a company see an alumnus's shared profile and documents?

The answer depends on the job exchange (has the alumnus applied to one of the company's
vacancies?), which lives in another app. To keep this app free of that dependency, the jobs
app registers a checker here at start-up:

    from jejak.profiles.access import register_company_link_checker
    register_company_link_checker(lambda company, alumnus: Application.objects.filter(
        vacancy__company=company, alumnus=alumnus).exists())

With no checker registered, no company sees anyone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jejak.organisations.models import Organisation

CompanyLinkChecker = Callable[[Organisation, Any], bool]

_checkers: list[CompanyLinkChecker] = []


def register_company_link_checker(checker: CompanyLinkChecker) -> CompanyLinkChecker:
    """Add a checker (usable as a decorator). Registering the same one twice is a no-op."""
    if checker not in _checkers:
        _checkers.append(checker)
    return checker


def unregister_company_link_checker(checker: CompanyLinkChecker) -> None:
    if checker in _checkers:
        _checkers.remove(checker)


def company_may_see(company: Organisation, alumnus: Any) -> bool:
    """True when `company` is a company and some registered checker links it to `alumnus`."""
    if company.kind != Organisation.Kind.COMPANY:
        return False
    return any(checker(company, alumnus) for checker in list(_checkers))
