"""Organisations: offices, schools (SMK) with their BKK, training centres (BLK), companies.

One table for every kind keeps the tenant key uniform: every tenant-owned row elsewhere points
at an Organisation and carries its province code.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Self

from django.db import models
from django.utils.translation import gettext_lazy as _

from jejak.lib.codes import new_code
from jejak.reference.models import Major, Region


class Organisation(models.Model):
    class Kind(models.TextChoices):
        EDUCATION_OFFICE = "edu_office", _("Dinas/Cabang Dinas Pendidikan")
        LABOUR_OFFICE = "labour_office", _("Dinas Tenaga Kerja")
        SCHOOL = "school", _("SMK")
        TRAINING_CENTRE = "blk", _("BLK")
        COMPANY = "company", _("Perusahaan (DUDI)")
        BKK_ASSOCIATION = "bkk_assoc", _("Asosiasi BKK")

    class Status(models.TextChoices):
        PUBLIC = "negeri", _("Negeri")
        PRIVATE = "swasta", _("Swasta")

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("nama"), max_length=200)
    # The regency (or, for a provincial office, the province) where it sits.
    region = models.ForeignKey(Region, on_delete=models.PROTECT, verbose_name=_("wilayah"))
    province_code = models.CharField(max_length=2, db_index=True, editable=False)
    npsn = models.CharField(_("NPSN"), max_length=8, blank=True)
    # A BLK's own institution code (as `create_blk --code` gives it); schools use the NPSN.
    institution_code = models.CharField(_("kode lembaga"), max_length=30, blank=True)
    status = models.CharField(_("status"), max_length=6, choices=Status.choices, blank=True)
    address = models.TextField(_("alamat"), blank=True)
    # Offices: the regencies they cover (a province office covers all of its province's).
    area = models.ManyToManyField(
        Region, blank=True, related_name="covering_offices", verbose_name=_("wilayah kerja")
    )
    majors = models.ManyToManyField(Major, blank=True, verbose_name=_("jurusan"))
    parent_office = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="provisioned",
        verbose_name=_("didaftarkan oleh"),
    )
    # UU PDP retention: uploaded import files and their rejects files are deleted this many
    # days after upload. Set on an office; a school left empty follows its office's value
    # (see `jejak.privacy.retention.import_retention_days`).
    import_retention_days = models.PositiveSmallIntegerField(
        _("simpan berkas impor (hari)"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisasi")
        verbose_name_plural = _("organisasi")
        constraints = [
            models.UniqueConstraint(
                fields=["npsn"],
                condition=~models.Q(npsn=""),
                name="organisation_npsn_unique",
            ),
            models.UniqueConstraint(
                fields=["institution_code"],
                condition=~models.Q(institution_code=""),
                name="organisation_institution_code_unique",
            ),
        ]
        indexes = [models.Index(fields=["province_code", "kind", "region"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        # Derived, not business logic: the shard key always follows the region.
        self.province_code = self.region_id[:2] if self.region_id else ""
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def is_office(self) -> bool:
        return self.kind in {self.Kind.EDUCATION_OFFICE, self.Kind.LABOUR_OFFICE}

    @property
    def keeps_alumni(self) -> bool:
        return self.kind in {self.Kind.SCHOOL, self.Kind.TRAINING_CENTRE}

    def area_regency_codes(self) -> list[str]:
        """Regency codes an office covers; a province in its area stands for all its regencies."""
        codes: set[str] = set()
        for region in self.area.all():
            if region.level == Region.Level.PROVINCE:
                codes.update(Region.objects.filter(parent=region).values_list("code", flat=True))
            else:
                codes.add(region.code)
        return sorted(codes)


class OrganisationRow(models.Model):
    """A tenant-owned row: it names its `organisation` and carries that organisation's
    `province_code` (the shard key), kept in step on every save. Subclasses declare both
    fields themselves, with the related names and indexes they need."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.derive()
        super().save(*args, **kwargs)

    def derive(self) -> None:
        """Set what follows from other fields: the shard key from the organisation. save()
        calls it; every write that skips save() (bulk_create) calls it on each row first."""
        # Derived, not business logic: the shard key always follows the organisation.
        self.province_code = self.organisation.province_code  # type: ignore[attr-defined]

    @classmethod
    def bulk_create_derived(cls, rows: Sequence[Self], *, batch_size: int = 1000) -> list[Self]:
        """`bulk_create` with each row's derived values set first, as save() would. Give
        each row its organisation as an instance, so that reading it costs no query."""
        for row in rows:
            row.derive()
        return cls._default_manager.bulk_create(rows, batch_size=batch_size)


class Bkk(OrganisationRow):
    """A school's or BLK's job exchange. Registration details are filled by the BKK register."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="bkk", verbose_name=_("sekolah")
    )
    province_code = models.CharField(max_length=2, db_index=True, editable=False)
    name = models.CharField(_("nama BKK"), max_length=200, blank=True)
    registration_number = models.CharField(_("nomor tanda daftar"), max_length=100, blank=True)
    registration_date = models.DateField(_("tanggal tanda daftar"), null=True, blank=True)
    registration_office = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registered_bkks",
        verbose_name=_("kantor penerbit"),
    )
    decree_number = models.CharField(_("nomor SK"), max_length=100, blank=True)
    decree_date = models.DateField(_("tanggal SK"), null=True, blank=True)
    active = models.BooleanField(_("aktif"), default=True)
    # Set when the person in charge changes; the labour office clears it by reissuing the
    # tanda daftar (Permenaker 39/2016 practice). A date, so the office sees how long it waits.
    reissue_needed_since = models.DateField(_("perlu terbit ulang sejak"), null=True, blank=True)
    # Issued with the tanda daftar (jejak.tandadaftar); empty when it has no end date.
    registration_valid_until = models.DateField(
        _("tanda daftar berlaku sampai"), null=True, blank=True
    )
    # The reminder already sent before the validity ends (days before; jejak.tandadaftar.expiry),
    # so each step goes out once; cleared when a new tanda daftar is issued.
    registration_reminded_days = models.PositiveSmallIntegerField(null=True, blank=True,
                                                                  editable=False)  # fmt: skip
    # A deactivated BKK posts no vacancies and files no reports until a new tanda daftar.
    deactivated_on = models.DateField(_("dinonaktifkan sejak"), null=True, blank=True)
    deactivation_reason = models.TextField(_("alasan dinonaktifkan"), blank=True)

    class Meta:
        verbose_name = _("BKK")
        verbose_name_plural = _("BKK")

    def __str__(self) -> str:
        return self.name or f"BKK {self.organisation.name}"
