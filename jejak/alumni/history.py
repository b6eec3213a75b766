"""An alumnus's change history in words: what happened, which field, from what to what.

The audit trail stores dotted action names and raw values (`alumnus.consent_given`,
`{"consent": "given"}`, ISO dates, ids, lists); this turns each event into a sentence and
each change into a labelled value, so no code or Python value reaches the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jejak.alumni.models import Alumnus, Consent, SchoolClass
from jejak.audit.models import AuditEvent
from jejak.outcomes.models import Activity
from jejak.profiles.models import Entry, Profile
from jejak.reference.models import Major, Region

ACTIONS = {
    "alumnus.created": gettext_lazy("Data alumni dibuat"),
    "alumnus.updated": gettext_lazy("Data alumni diubah"),
    "alumnus.merged": gettext_lazy("Data ganda digabungkan ke data ini"),
    "alumnus.consent_given": gettext_lazy("Persetujuan data diberikan lewat survei"),
    "alumnus.consent_recorded": gettext_lazy("Persetujuan data dicatat petugas"),
    "alumnus.consent_refused": gettext_lazy("Alumni menolak persetujuan data"),
    "alumnus.deletion_requested": gettext_lazy("Penghapusan data diminta (UU PDP)"),
    "alumnus.exported": gettext_lazy("Data alumni diunduh"),
    "alerts.enabled": gettext_lazy("Kabar lowongan diaktifkan"),
    "alerts.stopped": gettext_lazy("Kabar lowongan dihentikan"),
    "profile.updated": gettext_lazy("Profil CV diubah"),
    "profile.sharing_consented": gettext_lazy("Izin berbagi profil CV diubah"),
    "profile.entry_added": gettext_lazy("Isian CV ditambahkan"),
    "profile.entry_updated": gettext_lazy("Isian CV diubah"),
    "profile.entry_deleted": gettext_lazy("Isian CV dihapus"),
    "profile.document_uploaded": gettext_lazy("Dokumen diunggah"),
    "profile.document_deleted": gettext_lazy("Dokumen dihapus"),
    "profile.document_downloaded": gettext_lazy("Dokumen diunduh"),
    "profile.viewed": gettext_lazy("Profil CV dilihat"),
}
# Keys of the changes that are not for people: opaque codes of the entry or document.
HIDDEN = {"entry", "document", "merged_code"}
EXTRA_LABELS = {
    "parent": gettext_lazy("orang tua/wali"),
    "purpose": gettext_lazy("keperluan"),
    "note": gettext_lazy("catatan"),
    "merged_from": gettext_lazy("digabung dari"),
    "reason": gettext_lazy("alasan"),
    "by": gettext_lazy("oleh"),
    "type": gettext_lazy("jenis berkas"),
    "skills": gettext_lazy("keahlian"),
    "changed": gettext_lazy("yang diubah"),
    "sharing": gettext_lazy("dibagikan"),
    "activity": gettext_lazy("kegiatan"),
}
PURPOSES = {"tracer": gettext_lazy("penelusuran tamatan")}


@dataclass(frozen=True)
class Change:
    label: str
    old: str | None  # None: the event states a value, not a change
    new: str


@dataclass
class HistoryEntry:
    at: dt.datetime
    actor: str
    what: str
    changes: list[Change] = field(default_factory=list)


def readable_history(events: Sequence[AuditEvent]) -> list[HistoryEntry]:
    """Each audit event of an alumnus as a sentence with labelled, readable changes."""
    names = _referenced_names(events)
    entries = []
    for event in events:
        changes = [
            change
            for key, value in (event.changes or {}).items()
            if key not in HIDDEN
            for change in _changes(event.action, key, value, names)
        ]
        entries.append(
            HistoryEntry(event.created_at, event.actor_label, _action(event.action), changes)
        )
    return entries


def _action(action: str) -> str:
    return str(ACTIONS.get(action, _("Perubahan data")))


DIFF_ACTIONS = {
    "alumnus.updated", "alumnus.merged", "alumnus.consent_recorded", "profile.updated",
    "profile.entry_updated",
}  # fmt: skip


def _changes(action: str, key: str, value: Any, names: dict[str, dict[Any, str]]) -> list[Change]:
    label = field_label(key)
    if action in DIFF_ACTIONS and isinstance(value, list) and len(value) == 2:
        return [Change(label, shown(key, value[0], names), shown(key, value[1], names))]
    if isinstance(value, dict):
        # A nested set ({"share_contact": [False, True]}, or the sharing now in force).
        return (
            [
                change
                for inner, item in value.items()
                for change in _changes(action, inner, item, names)
            ]
            if key == "changed"
            else [Change(label, None, shown(key, value, names))]
        )
    if value is None or value == "":
        return []  # a blank detail (no parent's name) says nothing
    return [Change(label, None, shown(key, value, names))]


def field_label(key: str) -> str:
    """A field's name in words: the model's own label where there is one."""
    if key in EXTRA_LABELS:
        return str(EXTRA_LABELS[key])
    for model in (Alumnus, Entry, Profile):
        try:
            found = model._meta.get_field(key)
        except FieldDoesNotExist:
            continue
        return str(getattr(found, "verbose_name", key))
    return key.replace("_", " ")


def shown(key: str, value: Any, names: dict[str, dict[Any, str]] | None = None) -> str:
    """A stored value in words: choice labels, names for ids, dates by locale, Ya/Tidak."""
    names = names or {}
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if isinstance(value, list):
        return ", ".join(shown(key, item, names) for item in value) or "—"
    if isinstance(value, dict):
        return ", ".join(f"{field_label(k)}: {shown(k, v, names)}" for k, v in value.items())
    if key in names:
        return names[key].get(value, names[key].get(str(value), str(value)))
    labels = _choice_labels(key)
    if labels is not None:
        return str(labels.get(str(value), value))
    if isinstance(value, str) and _is_iso_date(value):
        return date_format(dt.date.fromisoformat(value[:10]), "j F Y")
    return str(value)


def _choice_labels(key: str) -> dict[str, Any] | None:
    choices = {
        "consent": Consent.choices, "sex": Alumnus.Sex.choices, "activity": Activity.choices,
        "kind": Entry.Kind.choices, "purpose": list(PURPOSES.items()),
    }.get(key)  # fmt: skip
    return dict(choices) if choices is not None else None


def _is_iso_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text[:10])
    except ValueError:
        return False
    return len(text) == 10 or text[10] in "T "


def _referenced_names(events: Iterable[AuditEvent]) -> dict[str, dict[Any, str]]:
    """Names for the ids that register changes store (major, class, region), in 3 queries."""
    wanted: dict[str, set[Any]] = {"major": set(), "school_class": set(), "region": set()}
    for event in events:
        for key, value in (event.changes or {}).items():
            if key in wanted:
                values = value if isinstance(value, list) else [value]
                wanted[key].update(v for v in values if v not in (None, ""))
    return {
        "major": {m.pk: str(m) for m in Major.objects.filter(pk__in=wanted["major"])},
        "school_class": dict(
            SchoolClass.objects.filter(pk__in=wanted["school_class"]).values_list("pk", "name")
        ),
        "region": dict(
            Region.objects.filter(code__in=wanted["region"]).values_list("code", "name")
        ),
    }
