"""Who may do what where. Every view that shows tenant data goes through here.

`organisation_access` resolves the organisation in the URL for the logged-in person and
answers 404, never 403, when they have no business there: someone else's record looks the
same as a missing one. Permissions are booleans derived from roles, in one table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from jejak.accounts.models import Membership, Role
from jejak.organisations.models import Organisation

# An office analyst looking at a school in the office's area: read-only, never a member.
OFFICE_READER = "office_reader"

# Permission -> the roles that grant it.
PERMISSIONS: dict[str, set[str]] = {
    "register.view": {
        Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.HOMEROOM_TEACHER, Role.BLK_ADMIN, OFFICE_READER,
    },
    "register.view_all_classes": {
        Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.BLK_ADMIN, OFFICE_READER,
    },
    "register.edit": {Role.BKK_OFFICER, Role.BLK_ADMIN},
    "register.import": {Role.BKK_OFFICER, Role.BLK_ADMIN},
    # Import jobs: a school's register imports, an office's school provisioning.
    "imports.use": {Role.BKK_OFFICER, Role.BLK_ADMIN, Role.OFFICE_ANALYST},
    "members.invite": {Role.BKK_OFFICER, Role.BLK_ADMIN, Role.SCHOOL_HEAD, Role.RECRUITER},
    "audit.view": {Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.BLK_ADMIN},
    "network.view": {Role.OFFICE_ANALYST},
    "network.provision": {Role.OFFICE_ANALYST},
    "tracer.view": {
        Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.HOMEROOM_TEACHER, Role.BLK_ADMIN, OFFICE_READER,
        Role.OFFICE_ANALYST,
    },
    "tracer.manage": {Role.BKK_OFFICER, Role.BLK_ADMIN, Role.OFFICE_ANALYST},
    "tracer.enter": {Role.BKK_OFFICER, Role.BLK_ADMIN, Role.HOMEROOM_TEACHER},
    # Job exchange. A recruiter holds these only in their own company's organisation.
    "jobs.view": {
        Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.BLK_ADMIN, OFFICE_READER, Role.OFFICE_ANALYST,
        Role.RECRUITER,
    },
    "jobs.manage": {Role.BKK_OFFICER, Role.BLK_ADMIN, Role.RECRUITER},
    "companies.view": {
        Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.BLK_ADMIN, OFFICE_READER, Role.OFFICE_ANALYST,
    },
    "companies.vet": {Role.BKK_OFFICER},
    "placements.view": {Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.BLK_ADMIN, OFFICE_READER},
    "placements.record": {Role.BKK_OFFICER, Role.BLK_ADMIN},
    # Alumni CVs: the school's full view, and a recruiter's view of what alumni share.
    "profiles.view": {Role.BKK_OFFICER, Role.BLK_ADMIN},
    "profiles.view_shared": {Role.RECRUITER},
    # Job fairs and company meetings: organise (schools, BLKs, offices), join (companies).
    "fairs.manage": {Role.BKK_OFFICER, Role.BLK_ADMIN, Role.OFFICE_ANALYST},
    "fairs.join": {Role.RECRUITER},
    # BKK register and IPK III placement reports. "bkkreports.office" opens an office's BKK
    # list and submissions; acknowledging, returning and reissuing also need the office to be
    # a labour office (jejak/bkkreports/views.py), so an education office only reads.
    "bkkreports.view": {Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.BLK_ADMIN, OFFICE_READER},
    "bkkreports.submit": {Role.BKK_OFFICER, Role.BLK_ADMIN},
    "bkkreports.office": {Role.OFFICE_ANALYST},
    "indicators.view": {
        Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.BLK_ADMIN, OFFICE_READER, Role.OFFICE_ANALYST,
    },
    "umk.edit": {Role.OFFICE_ANALYST},
    # Login lockouts and lost second factors of the people in an office's area. Offices only:
    # a lockout ends by itself after its cool-off and the owner lifts it with a password
    # reset, so a school needs no such power, and a BKK officer unlocking a colleague could
    # reset the very count that stops an insider guessing that colleague's password.
    "accounts.security": {Role.OFFICE_ANALYST},
    # Who is offered a second factor (jejak.accounts.twofactor.TWO_FACTOR_ROLES).
    "account.two_factor": {
        Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.BLK_ADMIN, Role.OFFICE_ANALYST,
    },
}  # fmt: skip

# Roles a person may invite others to, by the inviter's organisation kind.
INVITABLE_ROLES: dict[str, list[str]] = {
    Organisation.Kind.SCHOOL: [Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.HOMEROOM_TEACHER],
    Organisation.Kind.TRAINING_CENTRE: [Role.BLK_ADMIN],
    Organisation.Kind.EDUCATION_OFFICE: [Role.OFFICE_ANALYST],
    Organisation.Kind.LABOUR_OFFICE: [Role.OFFICE_ANALYST],
    Organisation.Kind.COMPANY: [Role.RECRUITER],  # a recruiter brings in colleagues
}


@dataclass
class Access:
    """What the current person may do in one organisation."""

    user: Any
    organisation: Organisation
    roles: set[str] = field(default_factory=set)
    through_office: Organisation | None = None

    def can(self, permission: str) -> bool:
        return bool(self.roles & PERMISSIONS[permission])

    def require(self, permission: str) -> None:
        if not self.can(permission):
            raise Http404

    @property
    def teacher_only(self) -> bool:
        return not self.can("register.view_all_classes")


def memberships_of(user: Any) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation", "alumnus")


def _offices_covering(user: Any, organisation: Organisation) -> Organisation | None:
    """The office through which an analyst sees a school or BLK in their area, if any."""
    if not organisation.keeps_alumni:
        return None
    offices = Organisation.objects.filter(
        memberships__user=user, memberships__role=Role.OFFICE_ANALYST
    ).filter(area__in=[organisation.region_id, organisation.province_code])
    return offices.first()


def organisation_access(user: Any, code: str) -> Access:
    """The person's access to the organisation `code`, or 404 if they have none."""
    if not user.is_authenticated:
        raise Http404
    organisation = Organisation.objects.filter(code=code).select_related("region").first()
    if organisation is None:
        raise Http404
    roles = set(
        Membership.objects.filter(user=user, organisation=organisation).values_list(
            "role", flat=True
        )
    )
    roles.discard(Role.ALUMNUS)  # an alumnus sees only their own record, under /me/
    office = _offices_covering(user, organisation)
    if office is not None:
        roles.add(OFFICE_READER)
    if not roles:
        raise Http404
    return Access(user=user, organisation=organisation, roles=roles, through_office=office)


def organisation_view(
    permission: str,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a view taking `org` from the URL; it receives `access` as its second argument."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, org: str, *args: Any, **kwargs: Any) -> HttpResponse:
            access = organisation_access(request.user, org)
            access.require(permission)
            return view(request, access, *args, **kwargs)

        return wrapper

    return decorate
