"""A BKK's application for its tanda daftar (Permenaker 39/2016 practice) and its attachments.

An application is drafted by the BKK, submitted to a labour office, and either returned with a
reason (the BKK fixes it and submits again) or issued. An issued application is the
certificate: its number, date, validity and the token of its public verification page.
The BKK's current registration is mirrored on `organisations.Bkk` (number, date, office,
validity, active), which the rest of Jejak reads.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jejak.lib.codes import new_code
from jejak.organisations.models import Organisation, OrganisationRow


class Application(OrganisationRow):
    class Kind(models.TextChoices):
        NEW = "baru", _("Tanda daftar baru")
        REISSUE = "terbit_ulang", _("Terbit ulang (ganti penanggung jawab)")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Diajukan")
        RETURNED = "returned", _("Dikembalikan")
        ISSUED = "issued", _("Terbit")

    OPEN = (State.DRAFT, State.SUBMITTED, State.RETURNED)
    EDITABLE = (State.DRAFT, State.RETURNED)

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="tanda_daftar_applications"
    )
    province_code = models.CharField(max_length=2, editable=False)
    kind = models.CharField(_("jenis permohonan"), max_length=12, choices=Kind.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    office = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("dinas tujuan")
    )
    # The placement plan: the BKK's PlacementPlan rows of this year, when not uploaded.
    plan_year = models.PositiveSmallIntegerField(_("tahun rencana penempatan"), null=True)
    note = models.TextField(_("catatan BKK"), blank=True)
    return_reason = models.TextField(_("alasan dikembalikan"), blank=True)
    number = models.CharField(_("nomor tanda daftar"), max_length=100, blank=True)
    issued_on = models.DateField(_("tanggal terbit"), null=True, blank=True)
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    # The secret of the public verification page (printed as a QR code on the certificate).
    verify_token = models.CharField(max_length=32, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # One open application per BKK: a second would split the office's review.
            models.UniqueConstraint(
                fields=["province_code", "organisation"],
                condition=models.Q(state__in=["draft", "submitted", "returned"]),
                name="tandadaftar_one_open_application",
            ),
            models.UniqueConstraint(
                fields=["verify_token"],
                condition=~models.Q(verify_token=""),
                name="tandadaftar_verify_token_unique",
            ),
        ]
        indexes = [models.Index(fields=["province_code", "office", "state"])]

    def __str__(self) -> str:
        return self.number or f"{self.get_kind_display()} {self.organisation}"

    @property
    def editable(self) -> bool:
        return self.state in self.EDITABLE


class Attachment(OrganisationRow):
    """One document of an application, stored through Django's default storage (private)."""

    class Kind(models.TextChoices):
        LICENCE = "izin_operasional", _("Izin operasional sekolah")
        DECREE = "sk_bkk", _("SK pembentukan BKK dengan struktur organisasinya")
        PLAN = "rencana_penempatan", _("Rencana penempatan paling sedikit satu tahun")

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    province_code = models.CharField(max_length=2, editable=False)
    kind = models.CharField(_("jenis lampiran"), max_length=20, choices=Kind.choices)
    stored_name = models.CharField(max_length=200, editable=False)
    original_name = models.CharField(_("nama berkas"), max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "-uploaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind"], name="tandadaftar_one_attachment_per_kind"
            )
        ]

    def __str__(self) -> str:
        return self.original_name
