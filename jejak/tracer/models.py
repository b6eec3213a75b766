"""Tracer study: campaigns, personal survey links, responses and the employer survey."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejak.lib.codes import new_code
from jejak.organisations.models import OrganisationRow
from jejak.tracer.instrument import CORE_VERSION

DEFAULT_GRADUATION = (5, 31)  # 31 May, unless the school says otherwise for a cohort


class GraduationDate(OrganisationRow):
    """The day a school's cohort graduated; the reference date is one year later."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    province_code = models.CharField(max_length=2, editable=False)
    cohort = models.PositiveSmallIntegerField(_("angkatan"))
    date = models.DateField(_("tanggal kelulusan"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "cohort"], name="graduation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.cohort}: {self.date}"


class Campaign(models.Model):
    """A tracer round for one or more cohorts of one school, or of every school in a region."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draf")
        OPEN = "open", _("Berjalan")
        CLOSED = "closed", _("Ditutup")

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    owner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("pengelola"),
    )
    province_code = models.CharField(max_length=2, editable=False, db_index=True)
    name = models.CharField(_("nama kampanye"), max_length=150)
    school = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Satu sekolah; kosong bila kampanye untuk satu wilayah."),
    )
    region = models.ForeignKey(
        "reference.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cohorts = models.JSONField(_("angkatan"), default=list)
    # A BLK's campaign follows one batch (gelombang): its trainees, not a yearly cohort, and
    # the batch's end date is their graduation date.
    batch = models.ForeignKey(
        "training.Batch",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="campaigns",
        verbose_name=_("gelombang pelatihan"),
    )
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("berakhir"))
    # Indicators read outcomes at this date; default one year after graduation.
    reference_date = models.DateField(_("tanggal acuan"), null=True, blank=True)
    core_version = models.CharField(max_length=20, default=CORE_VERSION, editable=False)
    # The school's or office's own questions, frozen when the campaign opens.
    extra_questions = models.JSONField(default=list, blank=True)
    state = models.CharField(max_length=8, choices=State.choices, default=State.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "-created_at"]
        indexes = [models.Index(fields=["owner", "state"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.province_code = (self.school or self.owner).province_code
        super().save(*args, **kwargs)

    def accepts_answers(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.state == self.State.OPEN and self.start_date <= today <= self.end_date


class SurveyLink(models.Model):
    """An alumnus's personal link to a campaign's survey.

    The secret in the link is never stored: the database keeps its SHA-256 (to find the
    link) and a random 128-bit seed; the secret is HMAC-SHA256(server key, seed). So the
    school can show the same link again for WhatsApp, and a copy of the database alone
    opens no survey. Reissuing draws a new seed, which revokes the old link.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="links")
    alumnus = models.ForeignKey("alumni.Alumnus", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    province_code = models.CharField(max_length=2, editable=False)
    seed = models.CharField(max_length=32)
    token_hash = models.CharField(max_length=64, unique=True)
    issued_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # The alumnus also filled in the national Tracer Study Vokasi form (ticked by staff or
    # imported), so the school does not chase the same person on both.
    national_filled = models.BooleanField(_("sudah mengisi formulir nasional"), default=False)
    national_filled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "alumnus"], name="link_unique_per_alumnus")
        ]
        indexes = [models.Index(fields=["organisation", "campaign"])]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.alumnus_id}"


class Response(models.Model):
    """One alumnus's answers in one campaign: saved as they go, editable until it closes."""

    class State(models.TextChoices):
        PARTIAL = "partial", _("Belum selesai")
        SUBMITTED = "submitted", _("Terkirim")

    class Source(models.TextChoices):
        SELF = "self", _("Diisi alumni")
        PHONE = "telepon", _("Lewat telepon")
        PAPER = "kertas", _("Formulir kertas")

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    # The campaign's own index would repeat the unique (campaign, alumnus) one below.
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="responses", db_index=False
    )
    alumnus = models.ForeignKey("alumni.Alumnus", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    province_code = models.CharField(max_length=2, editable=False)
    answers = models.JSONField(default=dict)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PARTIAL)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.SELF)
    entered_by = models.ForeignKey(  # indexed below where set
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "alumnus"], name="response_unique_per_alumnus"
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "campaign", "state"]),
            # Only answers a teacher typed name a user: the alumni's own skip this index.
            models.Index(
                fields=["entered_by"],
                condition=models.Q(entered_by__isnull=False),
                name="response_entered_by",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.alumnus_id} {self.state}"


class Dispatch(models.Model):
    """One message of an invitation or reminder round, sent at its paced time."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")

    class State(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        SENT = "sent", _("Terkirim")
        SKIPPED = "skipped", _("Dilewati")
        FAILED = "failed", _("Gagal")

    link = models.ForeignKey(SurveyLink, on_delete=models.CASCADE, related_name="dispatches")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    province_code = models.CharField(max_length=2, editable=False)
    round_number = models.PositiveSmallIntegerField(default=1)
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.EMAIL)
    due_at = models.DateTimeField()
    state = models.CharField(max_length=8, choices=State.choices, default=State.PENDING)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["state", "due_at"]),
            models.Index(fields=["organisation", "link"]),
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.state} {self.due_at:%Y-%m-%d %H:%M}"


class EmployerSurvey(models.Model):
    """The DUDI satisfaction survey: one employer rates a school's graduates it employs."""

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="employers")
    school = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    province_code = models.CharField(max_length=2, editable=False)
    employer_name = models.CharField(_("nama perusahaan"), max_length=200)
    contact_name = models.CharField(_("nama kontak"), max_length=150, blank=True)
    contact_email = models.EmailField(_("email kontak"), blank=True)
    contact_phone = models.CharField(_("HP kontak"), max_length=16, blank=True)
    seed = models.CharField(max_length=32)
    token_hash = models.CharField(max_length=64, unique=True)
    answers = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["employer_name"]
        constraints = [
            # One invitation per employer per school and campaign, whatever the letter case.
            models.UniqueConstraint(
                "campaign", "school", Lower("employer_name"), name="employer_survey_unique"
            )
        ]

    def __str__(self) -> str:
        return self.employer_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.province_code = self.school.province_code
        super().save(*args, **kwargs)
