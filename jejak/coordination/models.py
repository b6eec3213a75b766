"""Coordination meetings (rapat koordinasi) run by a labour office.

A meeting belongs to its office (the tenant); each invited organisation (a school's or BLK's
BKK, the BKK association, a company) is an `Invitee` and sees the meeting, its minutes and its
follow-ups, nothing of other meetings. Rows carry the office's province code.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejak.lib.codes import new_code


class Meeting(models.Model):
    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    office = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    province_code = models.CharField(max_length=2, editable=False)
    title = models.CharField(_("judul"), max_length=200)
    starts_at = models.DateTimeField(_("mulai"))
    ends_at = models.DateTimeField(_("selesai"))
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    online_link = models.URLField(_("tautan daring"), blank=True)
    agenda = models.TextField(_("agenda"), max_length=5000)
    minutes = models.TextField(_("notulen"), blank=True, max_length=20000)
    minutes_updated_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("rapat koordinasi")
        verbose_name_plural = _("rapat koordinasi")
        indexes = [models.Index(fields=["office", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.province_code = self.office.province_code
        super().save(*args, **kwargs)

    @property
    def is_over(self) -> bool:
        return self.ends_at < timezone.now()


class Invitee(models.Model):
    """An organisation invited to a meeting, and its answer."""

    class Response(models.TextChoices):
        PENDING = "pending", _("Belum menjawab")
        COMING = "coming", _("Hadir")
        DECLINED = "declined", _("Tidak hadir")

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitees")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="meeting_invites"
    )
    province_code = models.CharField(max_length=2, editable=False)
    response = models.CharField(
        _("jawaban"), max_length=8, choices=Response.choices, default=Response.PENDING
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__kind", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "organisation"], name="invitee_unique")
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.province_code = self.meeting.province_code
        super().save(*args, **kwargs)


class Attendee(models.Model):
    """A person an invitee sends (announced by the invitee or added by the office at the
    door), and whether the office saw them there."""

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    invitee = models.ForeignKey(Invitee, on_delete=models.CASCADE, related_name="attendees")
    province_code = models.CharField(max_length=2, editable=False)
    name = models.CharField(_("nama"), max_length=150)
    position = models.CharField(_("jabatan"), max_length=150)
    attended = models.BooleanField(_("hadir"), null=True, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.position})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.province_code = self.invitee.province_code
        super().save(*args, **kwargs)


class FollowUp(models.Model):
    """An agreed action with an owner (an invitee or the office), a due date and a state."""

    class Kind(models.TextChoices):
        VACANCY = "vacancy", _("Lowongan yang akan diunggah")
        MOU = "mou", _("MoU yang akan ditandatangani")
        TRAINING = "training", _("Pelatihan yang akan dipesan")
        CAPACITY = "capacity", _("Penguatan kapasitas BKK")
        OTHER = "other", _("Lainnya")

    class State(models.TextChoices):
        OPEN = "open", _("Terbuka")
        DONE = "done", _("Selesai")

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="follow_ups")
    province_code = models.CharField(max_length=2, editable=False)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    description = models.TextField(_("uraian"), max_length=2000)
    owner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="meeting_follow_ups",
        verbose_name=_("penanggung jawab"),
    )
    due_on = models.DateField(_("tenggat"))
    state = models.CharField(_("status"), max_length=4, choices=State.choices, default="open")
    done_on = models.DateField(_("tanggal selesai"), null=True, blank=True)
    done_note = models.TextField(_("catatan penyelesaian"), blank=True, max_length=2000)
    vacancy = models.ForeignKey(
        "jobs.Vacancy",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lowongan"),
    )
    partnership = models.ForeignKey(
        "companies.Partnership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("MoU"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["meeting", "state"]),
            models.Index(fields=["owner", "state", "due_on"]),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.province_code = self.meeting.province_code
        super().save(*args, **kwargs)

    @property
    def is_overdue(self) -> bool:
        return self.state == self.State.OPEN and self.due_on < timezone.localdate()


class Evaluation(models.Model):
    """A BKK's programme evaluation for the meeting: how it prepared its alumni (mentally and
    in skills), as text and an optional PDF/JPG/PNG kept through Django's storage."""

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    invitee = models.OneToOneField(Invitee, on_delete=models.CASCADE, related_name="evaluation")
    province_code = models.CharField(max_length=2, editable=False)
    text = models.TextField(_("evaluasi program kerja"), max_length=10000)
    file_name = models.CharField(max_length=120, blank=True)  # the name in default_storage
    content_type = models.CharField(max_length=60, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return str(self.invitee)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.province_code = self.invitee.province_code
        super().save(*args, **kwargs)
