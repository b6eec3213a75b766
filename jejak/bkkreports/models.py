"""The BKK register's history (persons in charge, placement plans) and the placement reports a
BKK files with the labour office, each a frozen JSON snapshot once submitted."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jejak.bkkreports.periods import Period, PeriodKind
from jejak.lib.codes import new_code
from jejak.organisations.models import Organisation, OrganisationRow
from jejak.reference.models import Major


class PersonInCharge(OrganisationRow):
    """Who led the BKK from `start_date` to `end_date` (open while current)."""

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    province_code = models.CharField(max_length=2, editable=False)
    name = models.CharField(_("nama penanggung jawab"), max_length=150)
    phone = models.CharField(_("nomor HP"), max_length=20, blank=True)
    position = models.CharField(_("jabatan"), max_length=100, blank=True)
    start_date = models.DateField(_("sejak"))
    end_date = models.DateField(_("sampai"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["province_code", "organisation", "start_date"])]

    def __str__(self) -> str:
        return self.name


class PlacementPlan(OrganisationRow):
    """Target placements for a year, for the whole BKK (no major) or for one major."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    province_code = models.CharField(max_length=2, editable=False)
    year = models.PositiveSmallIntegerField(_("tahun"))
    major = models.ForeignKey(
        Major, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("jurusan")
    )
    target = models.PositiveIntegerField(_("target penempatan"))

    class Meta:
        ordering = ["-year", "major__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["province_code", "organisation", "year", "major"],
                name="plan_unique_major",
            ),
            models.UniqueConstraint(
                fields=["province_code", "organisation", "year"],
                condition=models.Q(major=None),
                name="plan_unique_whole",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.target}"


class PlacementReport(OrganisationRow):
    """One version of a BKK's IPK III report for a period: generated in the background,
    reviewed, submitted (frozen), then acknowledged or returned by the labour office."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Menunggu")
        RUNNING = "running", _("Disusun")
        READY = "ready", _("Siap diperiksa")
        FAILED = "failed", _("Gagal")
        SUBMITTED = "submitted", _("Dikirim")
        ACKNOWLEDGED = "acknowledged", _("Diterima Disnaker")
        RETURNED = "returned", _("Dikembalikan")

    SENT = (State.SUBMITTED, State.ACKNOWLEDGED, State.RETURNED)

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    province_code = models.CharField(max_length=2, editable=False)
    period_kind = models.CharField(_("jenis laporan"), max_length=8, choices=PeriodKind.choices)
    period_start = models.DateField(_("awal periode"))
    version = models.PositiveSmallIntegerField(_("versi"), default=1)
    state = models.CharField(max_length=12, choices=State.choices, default=State.QUEUED)
    done_steps = models.PositiveIntegerField(default=0)
    total_steps = models.PositiveIntegerField(default=0)
    data = models.JSONField(default=dict, blank=True)
    message = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    generated_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    review_office = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(_("catatan Disnaker"), blank=True)

    class Meta:
        ordering = ["-period_start", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["province_code", "organisation", "period_kind", "period_start", "version"],
                name="report_unique_version",
            )
        ]
        indexes = [
            models.Index(fields=["province_code", "period_kind", "period_start", "state"]),
            models.Index(fields=["province_code", "organisation", "submitted_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.period.label} v{self.version}"

    @property
    def period(self) -> Period:
        return Period(self.period_kind, self.period_start)

    @property
    def percent(self) -> int:
        return int(100 * self.done_steps / self.total_steps) if self.total_steps else 0

    @property
    def finished(self) -> bool:
        return self.state not in {self.State.QUEUED, self.State.RUNNING}

    @property
    def sent(self) -> bool:
        return self.state in self.SENT


class PeriodFigures(OrganisationRow):
    """One BKK's IPK III tables for a period, in the command-line contract's shape, stored
    when a report is generated and frozen while its report is submitted or acknowledged. The
    regency and province sums read these rows; the next period opens with their closing
    balances."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    province_code = models.CharField(max_length=2, editable=False)
    period_kind = models.CharField(max_length=8, choices=PeriodKind.choices)
    period_start = models.DateField()
    tables = models.JSONField(default=dict)
    corrections = models.JSONField(default=list, blank=True)
    report = models.ForeignKey(
        PlacementReport, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    computed_at = models.DateTimeField()
    frozen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period_kind", "period_start"],
                name="period_figures_unique",
            )
        ]
        indexes = [models.Index(fields=["province_code", "period_kind", "period_start"])]

    def __str__(self) -> str:
        return f"{self.period.label}"

    @property
    def period(self) -> Period:
        return Period(self.period_kind, self.period_start)
