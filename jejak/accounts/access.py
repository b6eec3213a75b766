"""Who may do what where. Every view that shows tenant data goes through here.

`organisation_access` resolves the organisation in the URL for the logged-in person and
answers 404, never 403, when they have no business there: someone else's record looks the
same as a missing one. Permissions are booleans derived from roles, in one table.

Offices get the least data their work needs (UU PDP: a purpose per use). An analyst reads a
school in the office's area through a kind-specific reader role: the labour office sees BKK
reports, placements by name by address (the law asks for them), vacancies, companies and
aggregates; the education office sees indicators, tracer progress and aggregates. Neither opens
the register, an alumnus's record, applicants or any export of personal data: those answer 404.
`OFFICE_SEES` says the same in words on every office page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jejak.accounts.models import Membership, Role
from jejak.organisations.models import Organisation

# An office analyst looking at a school in the office's area: read-only, never a member.
# One role per kind of office, because the two offices need different data.
EDUCATION_READER = "education_office_reader"
LABOUR_READER = "labour_office_reader"
OFFICE_READERS = frozenset({EDUCATION_READER, LABOUR_READER})
READER_BY_OFFICE_KIND: dict[str, str] = {
    Organisation.Kind.EDUCATION_OFFICE: EDUCATION_READER,
    Organisation.Kind.LABOUR_OFFICE: LABOUR_READER,
}
# An analyst who is a member of a labour office, on the office's own pages (BKK reports of the
# whole area, by name). Derived from the membership and the office's kind, never stored.
LABOUR_ANALYST = "labour_office_analyst"

# Permission -> the roles that grant it.
PERMISSIONS: dict[str, set[str]] = {
    # A school's summary page: counts per cohort and class. Offices see it, as aggregates.
    "school.overview": {
        Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.HOMEROOM_TEACHER, Role.BLK_ADMIN, *OFFICE_READERS,
    },
    # The register (names, NISN, phones, emails, addresses) and every record and export of it:
    # the school's own people only.
    "register.view": {Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.HOMEROOM_TEACHER, Role.BLK_ADMIN},
    # Not limited to one homeroom class (counts on the summary page included).
    "register.view_all_classes": {
        Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.BLK_ADMIN, *OFFICE_READERS,
    },
    "register.edit": {Role.BKK_OFFICER, Role.BLK_ADMIN},
    "register.import": {Role.BKK_OFFICER, Role.BLK_ADMIN},
    # Import jobs: a school's register imports, an office's school provisioning.
    "imports.use": {Role.BKK_OFFICER, Role.BLK_ADMIN, Role.OFFICE_ANALYST},
    "members.invite": {
        Role.BKK_OFFICER, Role.BLK_ADMIN, Role.SCHOOL_HEAD, Role.RECRUITER,
        Role.ASSOCIATION_OFFICER,
    },
    "audit.view": {Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.BLK_ADMIN},
    "network.view": {Role.OFFICE_ANALYST},
    "network.provision": {Role.OFFICE_ANALYST},
    # Campaigns and their progress counts.
    "tracer.view": {
        Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.HOMEROOM_TEACHER, Role.BLK_ADMIN,
        *OFFICE_READERS, Role.OFFICE_ANALYST,
    },
    # A campaign's people: follow-up lists with phones, QR cards with links, employers.
    "tracer.people": {
        Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.HOMEROOM_TEACHER, Role.BLK_ADMIN,
        Role.OFFICE_ANALYST,
    },
    "tracer.manage": {Role.BKK_OFFICER, Role.BLK_ADMIN, Role.OFFICE_ANALYST},
    "tracer.enter": {Role.BKK_OFFICER, Role.BLK_ADMIN, Role.HOMEROOM_TEACHER},
    # Job exchange. A recruiter holds these only in their own company's organisation.
    "jobs.view": {
        Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.BLK_ADMIN, *OFFICE_READERS, Role.OFFICE_ANALYST,
        Role.RECRUITER,
    },
    # Who applied for what: applicants are job seekers by name, not an office's business.
    "applications.view": {Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.BLK_ADMIN, Role.RECRUITER},
    "jobs.manage": {Role.BKK_OFFICER, Role.BLK_ADMIN, Role.RECRUITER},
    "companies.view": {
        Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.BLK_ADMIN, *OFFICE_READERS, Role.OFFICE_ANALYST,
    },
    "companies.vet": {Role.BKK_OFFICER},
    # Placements by name by address: the labour office receives them by law (Permenaker
    # 39/2016); the education office works from the counts in the indicators.
    "placements.view": {Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.BLK_ADMIN, LABOUR_READER},
    "placements.record": {Role.BKK_OFFICER, Role.BLK_ADMIN},
    # The job-seeker register (AK/1): names and addresses, so not for offices' readers; the
    # labour office receives the counts (IPK III) and, with consent, the Karirhub export.
    "seekers.view": {Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.BLK_ADMIN},
    "seekers.manage": {Role.BKK_OFFICER, Role.BLK_ADMIN},
    # Alumni CVs: the school's full view, and a recruiter's view of what alumni share.
    "profiles.view": {Role.BKK_OFFICER, Role.BLK_ADMIN},
    "profiles.view_shared": {Role.RECRUITER},
    # Job fairs and company meetings: organise (schools, BLKs, offices), join (companies).
    "fairs.manage": {Role.BKK_OFFICER, Role.BLK_ADMIN, Role.OFFICE_ANALYST},
    "fairs.join": {Role.RECRUITER},
    # Coordination meetings: a labour office runs them; BKKs, their association and companies
    # it invited take part (jejak.coordination).
    "meetings.run": {LABOUR_ANALYST},
    "meetings.attend": {Role.BKK_OFFICER, Role.BLK_ADMIN, Role.RECRUITER, Role.ASSOCIATION_OFFICER},
    # BKK register and IPK III placement reports. "bkkreports.office" opens an office's BKK
    # list and submissions; acknowledging, returning and reissuing also need the office to be
    # a labour office (jejak/bkkreports/views.py), so an education office only reads.
    "bkkreports.view": {Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.BLK_ADMIN, *OFFICE_READERS},
    # A report's list of placed alumni by name by address, and the files that carry it.
    "bkkreports.by_name": {
        Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.BLK_ADMIN, LABOUR_READER, LABOUR_ANALYST,
    },
    "bkkreports.submit": {Role.BKK_OFFICER, Role.BLK_ADMIN},
    "bkkreports.office": {Role.OFFICE_ANALYST},
    # The BKK's tanda daftar: its applications and their attachments (the decree names staff),
    # the school's own people; the labour office reviews them on its own pages.
    "tandadaftar.view": {Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.BLK_ADMIN},
    "tandadaftar.apply": {Role.BKK_OFFICER, Role.BLK_ADMIN},
    "indicators.view": {
        Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.BLK_ADMIN, *OFFICE_READERS, Role.OFFICE_ANALYST,
    },
    "umk.edit": {Role.OFFICE_ANALYST},
    # BLK training: programmes, batches, trainees with their results and sign-ups.
    "training.view": {Role.BLK_ADMIN},
    "training.manage": {Role.BLK_ADMIN},
    # A company's orders for a training batch ("pesanan") and the graduates it is told of.
    "training_orders.place": {Role.RECRUITER},
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

# What an office sees, in words: the sentence on every office page, and the list on the
# office's "Data yang Anda lihat" page, item by item from the permissions above.
OFFICE_SEES: dict[str, Promise] = {
    Organisation.Kind.LABOUR_OFFICE: _(
        "Sebagai dinas tenaga kerja, Anda melihat laporan BKK, penempatan (by name by address), "
        "lowongan dan angka agregat; data kontak alumni tidak ditampilkan."
    ),
    Organisation.Kind.EDUCATION_OFFICE: _(
        "Sebagai cabang dinas pendidikan, Anda melihat indikator sekolah, kemajuan penelusuran "
        "dan angka agregat; nama dan data kontak alumni tidak ditampilkan."
    ),
}
# Permission -> what it shows, for that list. Each office reader role either has it or not.
OFFICE_DATA_ITEMS: list[tuple[str, Promise]] = [
    ("school.overview", _("Ringkasan sekolah: jumlah alumni per angkatan dan rombel")),
    ("indicators.view", _("Indikator sekolah dan laporan indikator")),
    ("tracer.view", _("Kampanye penelusuran dan angka partisipasinya")),
    ("jobs.view", _("Lowongan kerja dan unduhan lowongan (Perpres 57/2023)")),
    ("companies.view", _("Perusahaan mitra")),
    ("bkkreports.view", _("Laporan BKK: tabel IPK III")),
    ("bkkreports.by_name", _("Daftar nama dan alamat alumni yang ditempatkan (laporan BKK)")),
    ("placements.view", _("Penempatan per sekolah, dengan nama")),
    ("applications.view", _("Pelamar lowongan")),
    ("tracer.people", _("Daftar tindak lanjut penelusuran: nama, nomor HP, tautan pribadi")),
    ("register.view", _("Register alumni: nama, NISN, nomor HP, email, alamat, dan unduhannya")),
]

# Roles a person may invite others to, by the inviter's organisation kind.
INVITABLE_ROLES: dict[str, list[str]] = {
    Organisation.Kind.SCHOOL: [Role.BKK_OFFICER, Role.SCHOOL_HEAD, Role.HOMEROOM_TEACHER],
    Organisation.Kind.TRAINING_CENTRE: [Role.BLK_ADMIN],
    Organisation.Kind.EDUCATION_OFFICE: [Role.OFFICE_ANALYST],
    Organisation.Kind.LABOUR_OFFICE: [Role.OFFICE_ANALYST],
    Organisation.Kind.COMPANY: [Role.RECRUITER],  # a recruiter brings in colleagues
    Organisation.Kind.BKK_ASSOCIATION: [Role.ASSOCIATION_OFFICER],
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

    @property
    def as_office(self) -> Organisation | None:
        """The office whose eyes these are, when the person is here only as an office analyst
        (reading a school in its area, or on the office's own pages); else None."""
        if self.roles and self.roles <= OFFICE_READERS:
            return self.through_office
        if self.organisation.is_office and Role.OFFICE_ANALYST in self.roles:
            return self.organisation
        return None


def memberships_of(user: Any) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation", "alumnus")


def _offices_covering(user: Any, organisation: Organisation) -> list[Organisation]:
    """The offices through which an analyst sees a school or BLK in their area, if any."""
    if not organisation.keeps_alumni:
        return []
    offices = Organisation.objects.filter(
        memberships__user=user,
        memberships__role=Role.OFFICE_ANALYST,
        kind__in=list(READER_BY_OFFICE_KIND),
    ).filter(area__in=[organisation.region_id, organisation.province_code])
    return list(offices.distinct().order_by("kind", "pk"))


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
    if Role.OFFICE_ANALYST in roles and organisation.kind == Organisation.Kind.LABOUR_OFFICE:
        roles.add(LABOUR_ANALYST)
    offices = _offices_covering(user, organisation)
    roles |= {READER_BY_OFFICE_KIND[office.kind] for office in offices}
    if not roles:
        raise Http404
    office = offices[0] if offices else None
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
