"""Changes to an alumnus's CV. Each writes its audit event."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from jejak.alumni.models import Alumnus
from jejak.audit.services import log_action
from jejak.profiles import uploads
from jejak.profiles.models import SHARING_DEFAULTS, Document, Entry, Profile


def profile_for_update(alumnus: Alumnus) -> Profile:
    """The alumnus's profile row, created with the conservative defaults if missing."""
    profile, _ = Profile.objects.select_for_update().get_or_create(
        alumnus=alumnus, defaults={"organisation": alumnus.organisation}
    )
    return profile


@transaction.atomic
def profile_update(*, alumnus: Alumnus, actor: Any, summary: str, skills: list[str]) -> Profile:
    profile = profile_for_update(alumnus)
    changes: dict[str, list[Any]] = {}
    if profile.summary != summary:
        changes["summary"] = [profile.summary, summary]
    if profile.skills != skills:
        changes["skills"] = [profile.skills, skills]
    if changes:
        profile.summary, profile.skills = summary, skills
        profile.save()
        log_action(actor=actor, action="profile.updated", obj=alumnus, changes=changes)
    return profile


@transaction.atomic
def sharing_set(*, alumnus: Alumnus, actor: Any, choices: dict[str, bool]) -> Profile:
    """UU PDP: record what the alumnus agrees to share with companies, and when."""
    profile = profile_for_update(alumnus)
    changes = {
        name: [getattr(profile, name), bool(choices[name])]
        for name in SHARING_DEFAULTS
        if name in choices and getattr(profile, name) != bool(choices[name])
    }
    for name, (_, new) in changes.items():
        setattr(profile, name, new)
    profile.sharing_consent_at = timezone.now()
    profile.save()
    log_action(
        actor=actor,
        action="profile.sharing_consented",
        obj=alumnus,
        changes={"changed": changes, "sharing": profile.sharing()},
    )
    return profile


@transaction.atomic
def entry_add(*, alumnus: Alumnus, actor: Any, kind: str, data: dict[str, Any]) -> Entry:
    entry = Entry(alumnus=alumnus, organisation=alumnus.organisation, kind=kind, **data)
    entry.save()
    log_action(
        actor=actor,
        action="profile.entry_added",
        obj=alumnus,
        changes={"kind": kind, "title": entry.title, "entry": entry.code},
    )
    return entry


@transaction.atomic
def entry_update(*, entry: Entry, actor: Any, data: dict[str, Any]) -> Entry:
    changes = {}
    for name, value in data.items():
        old = getattr(entry, name)
        if old != value:
            changes[name] = [str(old or ""), str(value or "")]
            setattr(entry, name, value)
    if changes:
        entry.save()
        log_action(
            actor=actor,
            action="profile.entry_updated",
            obj=entry.alumnus,
            changes={"entry": entry.code, "kind": entry.kind, **changes},
        )
    return entry


@transaction.atomic
def entry_delete(*, entry: Entry, actor: Any) -> None:
    log_action(
        actor=actor,
        action="profile.entry_deleted",
        obj=entry.alumnus,
        changes={"kind": entry.kind, "title": entry.title, "entry": entry.code},
    )
    entry.delete()


@transaction.atomic
def document_upload(
    *, alumnus: Alumnus, actor: Any, kind: str, title: str, data: bytes, file_type: uploads.FileType
) -> Document:
    """Store an already-checked upload (see forms.DocumentForm) and its row, both or neither."""
    stored_name = uploads.store(data, file_type)
    # The row and audit event fail together; then the file must not stay behind either.
    try:
        document = Document.objects.create(
            alumnus=alumnus,
            organisation=alumnus.organisation,
            kind=kind,
            title=title,
            content_type=file_type.content_type,
            size=len(data),
            stored_name=stored_name,
        )
        log_action(
            actor=actor,
            action="profile.document_uploaded",
            obj=alumnus,
            changes={"document": document.code, "title": title, "type": file_type.label},
        )
    except Exception:
        uploads.remove(stored_name)
        raise
    return document


@transaction.atomic
def document_delete(*, document: Document, actor: Any) -> None:
    stored_name = document.stored_name
    log_action(
        actor=actor,
        action="profile.document_deleted",
        obj=document.alumnus,
        changes={"document": document.code, "title": document.title},
    )
    document.delete()
    # The file goes only once the row is surely gone.
    transaction.on_commit(lambda: uploads.remove(stored_name))


def profile_erase_files(alumnus: Alumnus) -> None:
    """UU PDP erasure: remove the alumnus's stored files. Call before deleting the record
    (the rows go with the alumnus by cascade; the files on disk would not)."""
    names = list(Document.objects.filter(alumnus=alumnus).values_list("stored_name", flat=True))

    def remove_all() -> None:
        for name in names:
            uploads.remove(name)

    transaction.on_commit(remove_all)
