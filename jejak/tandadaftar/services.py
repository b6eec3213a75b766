"""Changes to a BKK's tanda daftar. Each is atomic, audited on both sides, and tells the
other side by mail after the commit."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jejak.audit.services import log_action
from jejak.organisations.models import Bkk, Organisation
from jejak.profiles.uploads import FileType
from jejak.tandadaftar import notify, selectors
from jejak.tandadaftar.models import Application, Attachment

STORAGE_DIR = "tandadaftar"


class TandaDaftarError(ValueError):
    """An action the application's state does not allow; the message is for the user."""


def _locked(application: Application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


def _log(application: Application, actor: Any, action: str, **changes: Any) -> None:
    """The same event in the school's trail and, once sent, the office's."""
    places = [application.organisation]
    if application.state != Application.State.DRAFT:
        places.append(application.office)
    for organisation in places:
        log_action(actor=actor, action=action, obj=application, organisation=organisation,
                   changes=changes)  # fmt: skip


def _bkk_page(application: Application) -> str:
    return reverse("tandadaftar:application",
                   args=[application.organisation.code, application.code])  # fmt: skip


def _office_page(application: Application) -> str:
    return reverse("tandadaftar:office_review", args=[application.office.code, application.code])


@transaction.atomic
def application_start(*, school: Organisation, office: Organisation, actor: Any) -> Application:
    """Open a draft. A BKK that holds a tanda daftar applies for a reissue (terbit ulang)."""
    if not selectors.labour_offices_for(school).filter(pk=office.pk).exists():
        raise TandaDaftarError(_("Dinas tenaga kerja itu tidak mencakup wilayah sekolah ini."))
    if (
        Application.objects.select_for_update()
        .filter(organisation=school, state__in=Application.OPEN)
        .exists()
    ):
        raise TandaDaftarError(_("Masih ada permohonan yang belum selesai; lanjutkan yang itu."))
    bkk = Bkk.objects.filter(organisation=school).first()
    registered = bkk is not None and bool(bkk.registration_number)
    kind = Application.Kind.REISSUE if registered else Application.Kind.NEW
    application = Application.objects.create(
        organisation=school, office=office, kind=kind, created_by=actor,
        plan_year=timezone.localdate().year,
    )  # fmt: skip
    _log(application, actor, "tanda_daftar.started", kind=kind, office=office.code)
    return application


@transaction.atomic
def attachment_add(
    *, application: Application, actor: Any, kind: str, data: bytes, file_type: FileType,
    original_name: str,
) -> Attachment:  # fmt: skip
    """Store a checked document (see `jejak.profiles.uploads.detect_type`), replacing the
    application's earlier one of the same kind."""
    application = _locked(application)
    if not application.editable:
        raise TandaDaftarError(_("Lampiran hanya bisa diubah selama permohonan belum diajukan."))
    if kind not in Attachment.Kind.values:
        raise TandaDaftarError(_("Jenis lampiran tidak dikenal."))
    folder = f"{STORAGE_DIR}/{application.organisation.code}"
    stored = default_storage.save(
        f"{folder}/{secrets.token_hex(16)}.{file_type.extension}", ContentFile(data)
    )
    old = application.attachments.filter(kind=kind).first()
    try:
        if old is not None:
            old.delete()
        attachment = Attachment.objects.create(
            application=application, organisation=application.organisation, kind=kind,
            stored_name=stored, original_name=original_name[:200] or kind,
            content_type=file_type.content_type, size=len(data), uploaded_by=actor,
        )  # fmt: skip
    except Exception:
        default_storage.delete(stored)  # the row never existed: leave no stray file
        raise
    if old is not None:
        old_name = old.stored_name  # deleted once the replacement is committed
        transaction.on_commit(lambda: default_storage.delete(old_name))
    _log(application, actor, "tanda_daftar.attachment_added", kind=kind,
         file=attachment.original_name, replaced=old is not None)  # fmt: skip
    return attachment


@transaction.atomic
def application_submit(
    *, application: Application, actor: Any, plan_year: int | None, note: str
) -> Application:
    """Send a draft (or a returned application, fixed) to the labour office. Every document
    on the checklist must be there."""
    application = _locked(application)
    if not application.editable:
        raise TandaDaftarError(_("Permohonan ini sudah diajukan atau sudah selesai."))
    application.plan_year, application.note = plan_year, note.strip()
    missing = [str(item.label) for item in selectors.checklist(application) if not item.met]
    if missing:
        raise TandaDaftarError(_("Lengkapi dulu: %(items)s.") % {"items": "; ".join(missing)})
    again = application.state == Application.State.RETURNED
    application.state, application.submitted_at = Application.State.SUBMITTED, timezone.now()
    application.save()
    _log(application, actor, "tanda_daftar.submitted", plan_year=plan_year, again=again)
    notify.tell(
        application.office, notify.OFFICE_ROLES,
        _("Permohonan tanda daftar BKK: %(school)s") % {"school": application.organisation},
        _("%(school)s mengajukan %(kind)s. Periksa lampirannya.")
        % {"school": application.organisation, "kind": application.get_kind_display().lower()},
        _office_page(application),
    )  # fmt: skip
    return application


@transaction.atomic
def application_return(
    *, application: Application, office: Organisation, actor: Any, reason: str
) -> Application:
    """The office sends the application back; the BKK sees the reason, fixes and resubmits."""
    application = _locked(application)
    if application.state != Application.State.SUBMITTED or application.office_id != office.pk:
        raise TandaDaftarError(_("Permohonan ini tidak sedang menunggu pemeriksaan."))
    if not reason.strip():
        raise TandaDaftarError(_("Tulis alasan pengembalian agar BKK tahu apa yang diperbaiki."))
    application.state, application.return_reason = Application.State.RETURNED, reason.strip()
    application.decided_by, application.decided_at = actor, timezone.now()
    application.save()
    _log(application, actor, "tanda_daftar.returned", reason=application.return_reason)
    notify.tell(
        application.organisation, notify.BKK_ROLES,
        _("Permohonan tanda daftar dikembalikan"),
        _("Dinas tenaga kerja mengembalikan permohonan tanda daftar BKK: %(reason)s")
        % {"reason": application.return_reason},
        _bkk_page(application),
    )  # fmt: skip
    return application


@transaction.atomic
def application_issue(
    *, application: Application, office: Organisation, actor: Any, number: str,
    issued_on: dt.date, valid_until: dt.date | None,
) -> Application:  # fmt: skip
    """Issue the tanda daftar: the BKK's register takes the number, date, office and validity,
    becomes active again and no longer waits for a reissue."""
    application = _locked(application)
    if application.state != Application.State.SUBMITTED or application.office_id != office.pk:
        raise TandaDaftarError(_("Permohonan ini tidak sedang menunggu pemeriksaan."))
    number = number.strip()
    if not number:
        raise TandaDaftarError(_("Isi nomor tanda daftar."))
    if valid_until is not None and valid_until <= issued_on:
        raise TandaDaftarError(_("Tanggal berlaku sampai harus sesudah tanggal terbit."))
    taken = Application.objects.filter(office=office, number=number).exclude(pk=application.pk)
    if taken.exists():
        raise TandaDaftarError(
            _("Nomor %(number)s sudah dipakai tanda daftar lain.") % {"number": number}
        )
    application.state = Application.State.ISSUED
    application.number, application.issued_on, application.valid_until = (
        number, issued_on, valid_until,
    )  # fmt: skip
    application.verify_token = secrets.token_urlsafe(18)
    application.decided_by, application.decided_at = actor, timezone.now()
    application.save()
    bkk, _created = Bkk.objects.select_for_update().get_or_create(
        organisation=application.organisation
    )
    before = [bkk.registration_number, bkk.active]
    bkk.registration_number, bkk.registration_date = number, issued_on
    bkk.registration_office, bkk.registration_valid_until = office, valid_until
    bkk.reissue_needed_since, bkk.registration_reminded_days = None, None
    bkk.active, bkk.deactivated_on, bkk.deactivation_reason = True, None, ""
    bkk.save()
    _log(application, actor, "tanda_daftar.issued", number=number,
         issued_on=issued_on.isoformat(),
         valid_until=valid_until.isoformat() if valid_until else None,
         previous_number=before[0], was_active=before[1])  # fmt: skip
    notify.tell(
        application.organisation, notify.BKK_ROLES,
        _("Tanda daftar BKK terbit: %(number)s") % {"number": number},
        _("Dinas tenaga kerja menerbitkan tanda daftar BKK nomor %(number)s. Sertifikatnya "
          "bisa diunduh dan dicetak.") % {"number": number},
        _bkk_page(application),
    )  # fmt: skip
    return application


@transaction.atomic
def bkk_deactivate(*, bkk: Bkk, office: Organisation, actor: Any, reason: str) -> Bkk:
    """The labour office deactivates a BKK: it can no longer post vacancies or file reports,
    and its certificate verifies as invalid, until a new tanda daftar is issued."""
    bkk = Bkk.objects.select_for_update().get(pk=bkk.pk)
    if not bkk.active:
        raise TandaDaftarError(_("BKK ini sudah tidak aktif."))
    if not reason.strip():
        raise TandaDaftarError(_("Tulis alasan penonaktifan."))
    bkk.active, bkk.deactivated_on = False, timezone.localdate()
    bkk.deactivation_reason = reason.strip()
    bkk.save()
    changes = {"active": [True, False], "reason": bkk.deactivation_reason}
    for organisation in (bkk.organisation, office):
        log_action(actor=actor, action="bkk.deactivated", obj=bkk, organisation=organisation,
                   changes=changes)  # fmt: skip
    notify.tell(
        bkk.organisation, notify.BKK_ROLES, _("BKK dinonaktifkan"),
        _("Dinas tenaga kerja %(office)s menonaktifkan BKK %(school)s: %(reason)s. Selama "
          "tidak aktif, BKK tidak bisa memasang lowongan atau mengirim laporan.")
        % {"office": office.name, "school": bkk.organisation.name,
           "reason": bkk.deactivation_reason},
        reverse("tandadaftar:home", args=[bkk.organisation.code]),
    )  # fmt: skip
    return bkk
