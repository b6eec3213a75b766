"""UMK values, indicator rollups and their freshness, and generated tracer reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jejak.lib.codes import new_code
from jejak.organisations.models import OrganisationRow


class Umk(models.Model):
    """A minimum wage set for one year, in Rupiah: a regency's UMK (Upah Minimum
    Kabupaten/Kota) or, on a province's row, its UMP (Upah Minimum Provinsi)."""

    class Kind(models.TextChoices):
        UMK = "UMK", _("UMK")
        UMP = "UMP", _("UMP")

    region = models.ForeignKey(
        "reference.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("wilayah")
    )
    kind = models.CharField(_("jenis"), max_length=3, choices=Kind.choices, default=Kind.UMK)
    year = models.PositiveSmallIntegerField(_("tahun"))
    amount = models.PositiveBigIntegerField(_("besaran (Rp)"))
    source = models.CharField(_("sumber"), max_length=200, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["region", "-year"]
        verbose_name = _("UMK")
        verbose_name_plural = _("UMK")
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="umk_unique")]

    def __str__(self) -> str:
        return f"{self.kind} {self.region_id} {self.year}: {self.amount}"


class Split(models.TextChoices):
    ALL = "", _("Semua")
    MAJOR = "major", _("Jurusan")
    CLASS = "class", _("Rombel")
    SEX = "sex", _("Jenis kelamin")
    DISABILITY = "disability", _("Disabilitas")


class Rollup(models.Model):
    """A school's tally for one cohort at its default reference date, whole or split.

    `tally` holds additive counts and a histogram of waiting days (see compute.Tally), so
    any region's figures are the sum of its schools' rows: no raw rows are read on a view.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    province_code = models.CharField(max_length=2)
    regency_code = models.CharField(max_length=13)
    school_status = models.CharField(max_length=6, blank=True)
    cohort = models.PositiveSmallIntegerField()
    reference_date = models.DateField()
    split = models.CharField(max_length=12, choices=Split.choices, blank=True)
    split_value = models.CharField(max_length=40, blank=True)
    tally = models.JSONField(default=dict)
    # figures(tally) of the whole (split ""; {} on split rows, which are read as tallies),
    # without the definition texts: stored so a table of schools never parses histograms.
    figures = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "cohort", "split", "split_value"], name="rollup_unique"
            )
        ]
        indexes = [models.Index(fields=["province_code", "cohort", "split", "regency_code"])]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.cohort} {self.split}={self.split_value}"


class AreaRollup(models.Model):
    """The sum of a regency's school rollups for one cohort, whole or split.

    Offices read these (a province sums its regencies' rows), so an area dashboard reads a
    number of rows that does not grow with its alumni or its schools' histograms.
    """

    province_code = models.CharField(max_length=2)
    regency_code = models.CharField(max_length=13)
    cohort = models.PositiveSmallIntegerField()
    split = models.CharField(max_length=12, choices=Split.choices, blank=True)
    split_value = models.CharField(max_length=40, blank=True)
    tally = models.JSONField(default=dict)
    figures = models.JSONField(default=dict)  # as on Rollup: the whole's, without definitions

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["province_code", "regency_code", "cohort", "split", "split_value"],
                name="area_rollup_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.regency_code} {self.cohort} {self.split}={self.split_value}"


class RollupState(models.Model):
    """Whether a (school, cohort) rollup is current. `version` grows with every change, so
    a refresh that raced a change leaves the state stale for the next run."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    province_code = models.CharField(max_length=2)
    cohort = models.PositiveSmallIntegerField()
    stale = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=200, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "cohort"], name="rollup_state_unique")
        ]
        indexes = [models.Index(fields=["province_code", "stale"])]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.cohort} {'stale' if self.stale else 'fresh'}"


class ReportJob(OrganisationRow):
    """A school's tracer study report (PDF and XLSX), generated in the background."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Menunggu")
        RUNNING = "running", _("Berjalan")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    province_code = models.CharField(max_length=2, editable=False)
    cohort = models.PositiveSmallIntegerField(_("angkatan"))
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    percent = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=100, blank=True)
    pdf_path = models.CharField(max_length=300, blank=True)
    xlsx_path = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "created_at"])]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.cohort} {self.state}"

    @property
    def finished(self) -> bool:
        return self.state in {self.State.DONE, self.State.FAILED}
