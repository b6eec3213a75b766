"""Job fairs, company meetings and recruitment tests at school: who registered, who came,
and who was hired there (so a placement can say where it came from)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejak.lib.codes import new_code


class Fair(models.Model):
    class Kind(models.TextChoices):
        JOB_FAIR = "job_fair", _("Bursa kerja (job fair)")
        COMPANY_MEETING = "meeting", _("Temu perusahaan")
        RECRUITMENT_TEST = "test", _("Tes rekrutmen di sekolah")

    class Audience(models.TextChoices):
        REGION = "region", _("Alumni semua sekolah di wilayah")
        OWN_SCHOOL = "school", _("Hanya alumni sekolah penyelenggara")

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    organiser = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("penyelenggara"),
        db_index=False,
    )
    province_code = models.CharField(max_length=2, editable=False)
    kind = models.CharField(_("jenis acara"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("nama acara"), max_length=150)
    starts_at = models.DateTimeField(_("mulai"))
    ends_at = models.DateTimeField(_("selesai"))
    venue = models.CharField(_("tempat"), max_length=200)
    # Regency (or province) whose alumni may come when the audience is the region.
    region = models.ForeignKey(
        "reference.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("wilayah")
    )
    description = models.TextField(_("keterangan"), blank=True, max_length=3000)
    audience = models.CharField(
        _("terbuka untuk"), max_length=8, choices=Audience.choices, default=Audience.REGION
    )
    capacity = models.PositiveIntegerField(
        _("kapasitas alumni"), null=True, blank=True, help_text=_("Kosongkan bila tidak dibatasi.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("bursa kerja")
        verbose_name_plural = _("bursa kerja")
        indexes = [
            models.Index(fields=["organiser", "starts_at"]),
            models.Index(fields=["province_code", "region", "starts_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.province_code = self.organiser.province_code
        super().save(*args, **kwargs)

    @property
    def is_over(self) -> bool:
        return self.ends_at < timezone.now()


class FairCompany(models.Model):
    """A company taking part, registered by its recruiter or by the organiser."""

    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="companies")
    company = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    province_code = models.CharField(max_length=2, editable=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)
    attended_at = models.DateTimeField(_("hadir"), null=True, blank=True)

    class Meta:
        ordering = ["company__name"]
        constraints = [
            models.UniqueConstraint(fields=["fair", "company"], name="fair_company_unique")
        ]

    def __str__(self) -> str:
        return f"{self.fair_id}/{self.company_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.province_code = self.fair.province_code
        super().save(*args, **kwargs)


class FairRegistration(models.Model):
    """An alumnus registered for the fair, and whether they came."""

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="registrations")
    alumnus = models.ForeignKey(
        "alumni.Alumnus", on_delete=models.CASCADE, related_name="fair_registrations"
    )
    province_code = models.CharField(max_length=2, editable=False)
    registered_at = models.DateTimeField(auto_now_add=True)
    attended_at = models.DateTimeField(_("hadir"), null=True, blank=True)

    class Meta:
        ordering = ["alumnus__name"]
        constraints = [
            models.UniqueConstraint(fields=["fair", "alumnus"], name="fair_registration_unique")
        ]

    def __str__(self) -> str:
        return f"{self.fair_id}/{self.alumnus_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.province_code = self.fair.province_code
        super().save(*args, **kwargs)


class FairHire(models.Model):
    """An alumnus hired at the fair by a company taking part."""

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="hires")
    alumnus = models.ForeignKey(
        "alumni.Alumnus", on_delete=models.CASCADE, related_name="fair_hires"
    )
    company = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    province_code = models.CharField(max_length=2, editable=False)
    job_title = models.CharField(_("jabatan"), max_length=150)
    start_date = models.DateField(_("mulai kerja"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at"]
        constraints = [
            models.UniqueConstraint(fields=["fair", "alumnus", "company"], name="fair_hire_unique")
        ]

    def __str__(self) -> str:
        return f"{self.alumnus} · {self.job_title}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.province_code = self.fair.province_code
        super().save(*args, **kwargs)
