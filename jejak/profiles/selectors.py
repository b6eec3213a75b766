"""Reads of CVs: the full one (the alumnus, their school's BKK) and the shared one (companies).

`shared_profile` and `shared_document_url` are the interface the job exchange uses to show
applicants to companies: nothing the alumnus did not choose to share ever leaves here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.http import Http404
from django.urls import reverse

from jejak.alumni.models import Alumnus
from jejak.organisations.models import Organisation
from jejak.profiles.models import Document, Entry, Profile


@dataclass(frozen=True)
class SharedEntry:
    kind: str
    title: str
    organisation_name: str
    number: str
    level: str
    start_date: dt.date | None
    end_date: dt.date | None
    description: str


@dataclass(frozen=True)
class SharedDocument:
    code: str
    kind: str
    title: str
    content_type: str


@dataclass(frozen=True)
class SharedProfile:
    """What a company may see of one alumnus. Unshared sections are None or empty."""

    alumnus_code: str
    name: str
    school: str
    major: str
    cohort: int
    school_class: str
    region: str
    summary: str
    phone: str | None = None
    email: str | None = None
    disability: str | None = None
    skills: tuple[str, ...] = ()
    languages: tuple[SharedEntry, ...] = ()
    certificates: tuple[SharedEntry, ...] = ()
    internships: tuple[SharedEntry, ...] = ()
    experience: tuple[SharedEntry, ...] = ()
    education: tuple[SharedEntry, ...] = ()
    documents: tuple[SharedDocument, ...] = ()
    sharing: dict[str, bool] = field(default_factory=dict)


def profile_of(alumnus: Alumnus) -> Profile:
    """The saved profile, or an unsaved one with the defaults (nothing written on reads)."""
    found = Profile.objects.filter(alumnus=alumnus).first()
    return found or Profile(alumnus=alumnus, organisation_id=alumnus.organisation_id)


def _entries(alumnus: Alumnus) -> dict[str, list[Entry]]:
    grouped: dict[str, list[Entry]] = {kind: [] for kind in Entry.Kind.values}
    for entry in Entry.objects.filter(alumnus=alumnus):
        grouped[entry.kind].append(entry)
    return grouped


def _shared(entries: list[Entry]) -> tuple[SharedEntry, ...]:
    return tuple(
        SharedEntry(
            kind=e.kind,
            title=e.title,
            organisation_name=e.organisation_name,
            number=e.number,
            level=e.level,
            start_date=e.start_date,
            end_date=e.end_date,
            description=e.description,
        )
        for e in entries
    )


def shared_profile(alumnus: Alumnus) -> SharedProfile:
    """The alumnus as a company may see them: the register basics (name, school, major,
    cohort, class, home regency) and their summary always; every other section only if the
    alumnus shares it. Three queries; select_related the alumnus's major, school_class,
    region and organisation beforehand to avoid more."""
    profile = profile_of(alumnus)
    share = profile.sharing()
    entries = _entries(alumnus)
    kind = Entry.Kind
    documents: tuple[SharedDocument, ...] = ()
    if share["share_documents"]:
        documents = tuple(
            SharedDocument(code=d.code, kind=d.kind, title=d.title, content_type=d.content_type)
            for d in Document.objects.filter(alumnus=alumnus)
        )
    return SharedProfile(
        alumnus_code=alumnus.code,
        name=alumnus.name,
        school=alumnus.organisation.name,
        major=str(alumnus.major or ""),
        cohort=alumnus.cohort,
        school_class=alumnus.school_class.name if alumnus.school_class else "",
        region=alumnus.region.name if alumnus.region else "",
        summary=profile.summary,
        phone=(alumnus.phone or None) if share["share_contact"] else None,
        email=(alumnus.email or None) if share["share_contact"] else None,
        disability=(alumnus.disability or None) if share["share_disability"] else None,
        skills=tuple(profile.skills) if share["share_skills"] else (),
        languages=_shared(entries[kind.LANGUAGE]) if share["share_skills"] else (),
        certificates=_shared(entries[kind.CERTIFICATE]) if share["share_certificates"] else (),
        internships=_shared(entries[kind.INTERNSHIP]) if share["share_experience"] else (),
        experience=_shared(entries[kind.EXPERIENCE]) if share["share_experience"] else (),
        education=_shared(entries[kind.EDUCATION]) if share["share_experience"] else (),
        documents=documents,
        sharing=share,
    )


def shared_document_url(
    document: SharedDocument | Document, *, company: Organisation, alumnus_code: str
) -> str:
    """Where a recruiter of `company` downloads a shared document. The view checks again."""
    return reverse(
        "profiles:company_document",
        kwargs={"org": company.code, "alumnus_code": alumnus_code, "doc_code": document.code},
    )


@dataclass(frozen=True)
class FullCv:
    """Everything, for the alumnus themselves and their school's BKK."""

    alumnus: Alumnus
    profile: Profile
    entries: dict[str, list[Entry]]
    documents: list[Document]

    @property
    def sections(self) -> list[tuple[str, str, list[Entry]]]:
        return [(k, str(label), self.entries[k]) for k, label in Entry.Kind.choices]


def full_cv(alumnus: Alumnus) -> FullCv:
    return FullCv(
        alumnus=alumnus,
        profile=profile_of(alumnus),
        entries=_entries(alumnus),
        documents=list(Document.objects.filter(alumnus=alumnus)),
    )


def school_alumnus(organisation: Organisation, code: str) -> Alumnus:
    """An alumnus of this school or BLK, by code; 404 for missing and foreign alike."""
    found = (
        Alumnus.objects.filter(organisation=organisation, code=code)
        .select_related("organisation", "major", "school_class", "region")
        .first()
    )
    if found is None:
        raise Http404
    return found


def own_entry(alumnus: Alumnus, code: str) -> Entry:
    found = Entry.objects.filter(alumnus=alumnus, code=code).select_related("alumnus").first()
    if found is None:
        raise Http404
    return found


def own_document(alumnus: Alumnus, code: str) -> Document:
    found = Document.objects.filter(alumnus=alumnus, code=code).select_related("alumnus").first()
    if found is None:
        raise Http404
    return found


def profile_export(alumnus: Alumnus) -> dict[str, object]:
    """UU PDP: everything the CV holds about the alumnus, as plain JSON-ready values, for the
    alumnus's data export (alumni `me_export`)."""
    cv = full_cv(alumnus)
    profile = cv.profile
    return {
        "summary": profile.summary,
        "skills": list(profile.skills),
        "sharing": profile.sharing(),
        "sharing_consent_at": (
            profile.sharing_consent_at.isoformat() if profile.sharing_consent_at else None
        ),
        "entries": [
            {
                "kind": e.kind,
                "title": e.title,
                "organisation": e.organisation_name,
                "number": e.number,
                "level": e.level,
                "description": e.description,
                "start_date": e.start_date.isoformat() if e.start_date else None,
                "end_date": e.end_date.isoformat() if e.end_date else None,
            }
            for entries in cv.entries.values()
            for e in entries
        ],
        "documents": [
            {
                "title": d.title,
                "kind": d.kind,
                "type": d.content_type,
                "size": d.size,
                "uploaded_at": d.uploaded_at.isoformat(),
            }
            for d in cv.documents
        ],
    }
