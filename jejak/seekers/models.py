"""Registered job seekers (pencari kerja terdaftar): the AK/1 card a BKK keeps.

A registration is what the labour office counts in IPK III/1-III/3 and III/7: an alumnus who
registered with the BKK on `registered_on` and stays registered until a placement ends it
(`ended_on`, reason `placed`) or the BKK removes it with a reason (dihapus). It is distinct from
the outcome history: an alumnus may say "mencari kerja" in the tracer without registering, and a
registration is what makes them a job seeker of the BKK in the office's sense.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jejak.lib.codes import new_code
from jejak.organisations.models import Organisation, OrganisationRow
from jejak.reference.models import EducationLevel, Major, Occupation, Region

# An AK/1 card is valid two years; the holder reports every six months (Permenaker 39/2016).
AK1_VALID_DAYS = 2 * 365
AK1_REPORT_DAYS = 182
# A seeker who is hired must report it within 14 days.
HIRE_REPORT_DAYS = 14

# The age bands of IPK III/1, as the form prints them (age on the registration date).
AGE_BANDS = (("15-19", 15, 19), ("20-29", 20, 29), ("30-44", 30, 44), ("45-54", 45, 54),
             ("55+", 55, 200))  # fmt: skip


def age_on(birth_date: dt.date | None, day: dt.date) -> int | None:
    if birth_date is None:
        return None
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def age_band(birth_date: dt.date | None, day: dt.date) -> str:
    """The III/1 band of someone born on `birth_date`, on `day`; "?" when unknown or under 15."""
    age = age_on(birth_date, day)
    for key, low, high in AGE_BANDS:
        if age is not None and low <= age <= high:
            return key
    return "?"


class EndReason(models.TextChoices):
    """Why a registration ended. `placed` is a placement; the others are removals (dihapus),
    with the import contract's codes as values."""

    PLACED = "ditempatkan", _("Ditempatkan")
    EXPIRED = "kedaluwarsa", _("Kedaluwarsa / tidak diperpanjang")
    NOT_REPORTED = "tidak_melapor", _("Tidak melapor")
    STUDYING = "melanjutkan", _("Tidak lagi mencari: melanjutkan studi")
    SELF_EMPLOYED = "wirausaha", _("Tidak lagi mencari: wirausaha")
    MOVED = "pindah", _("Pindah domisili")
    OWN_REQUEST = "permintaan_sendiri", _("Atas permintaan sendiri")
    OTHER = "lainnya", _("Lainnya")


REMOVAL_REASONS = [reason for reason in EndReason if reason != EndReason.PLACED]


class RegistrationSource(models.TextChoices):
    SELF = "self", _("Didaftarkan sendiri")
    BKK = "bkk", _("Didaftarkan petugas BKK")
    IMPORT = "import", _("Impor")


class Registration(OrganisationRow):
    """One AK/1 registration of an alumnus with a BKK (the organisation that keeps it)."""

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    province_code = models.CharField(max_length=2, editable=False)
    alumnus = models.ForeignKey(
        "alumni.Alumnus", on_delete=models.CASCADE, related_name="registrations"
    )
    registered_on = models.DateField(_("tanggal pendaftaran"))
    ak1_number = models.CharField(_("nomor AK/1"), max_length=40, blank=True)
    ak1_office = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("Disnaker penerbit AK/1"),
    )  # fmt: skip
    last_reported_on = models.DateField(_("lapor terakhir"), null=True, blank=True)
    education = models.CharField(
        _("pendidikan"), max_length=5, choices=EducationLevel.choices, default=EducationLevel.SMK
    )
    # For SMK: the konsentrasi where known, else the program or bidang (a Major at any level).
    major = models.ForeignKey(
        Major, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("jurusan"), db_index=False,
    )  # fmt: skip
    skills = models.TextField(_("keterampilan"), blank=True)
    certificates = models.TextField(_("sertifikat"), blank=True)
    occupations_sought = models.ManyToManyField(
        Occupation, blank=True, related_name="+", verbose_name=_("jabatan yang dicari (KBJI)")
    )
    regions_sought = models.ManyToManyField(
        Region, blank=True, related_name="+", verbose_name=_("wilayah kerja yang dicari")
    )
    willing_to_relocate = models.BooleanField(_("bersedia pindah domisili"), default=False)
    # UU 8/2016 category, recorded only with the person's consent (sensitive data, UU PDP).
    disability_category = models.CharField(_("ragam disabilitas"), max_length=12, blank=True)
    disability_consent = models.BooleanField(_("setuju data disabilitas dicatat"), default=False)
    # The person agreed that their NIK may be forwarded to the labour office (Karirhub).
    forwarding_consent = models.BooleanField(_("setuju data diteruskan ke Disnaker"), default=False)
    ended_on = models.DateField(_("tanggal berakhir"), null=True, blank=True)
    end_reason = models.CharField(
        _("alasan berakhir"), max_length=20, choices=EndReason.choices, blank=True
    )
    end_note = models.CharField(_("keterangan"), max_length=200, blank=True)
    placement = models.ForeignKey(
        "jobs.Placement", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source = models.CharField(max_length=8, choices=RegistrationSource.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-registered_on", "-id"]
        verbose_name = _("pencari kerja terdaftar")
        verbose_name_plural = _("pencari kerja terdaftar")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "alumnus"],
                condition=models.Q(ended_on=None),
                name="registration_one_open_per_bkk",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on=None, end_reason="")
                | (~models.Q(ended_on=None) & ~models.Q(end_reason="")),
                name="registration_end_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "registered_on"]),
            models.Index(fields=["organisation", "ended_on"]),
            # Matching finds open registrations by the majors a vacancy accepts.
            models.Index(
                fields=["major"],
                condition=models.Q(ended_on=None),
                name="registration_open_major",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.registered_on}"  # no name: audit labels outlive erasure

    @property
    def is_open(self) -> bool:
        return self.ended_on is None

    @property
    def valid_until(self) -> dt.date:
        return self.registered_on + dt.timedelta(days=AK1_VALID_DAYS)

    def report_due_on(self) -> dt.date:
        return (self.last_reported_on or self.registered_on) + dt.timedelta(days=AK1_REPORT_DAYS)

    def sought_codes(self) -> list[str]:
        """The KBJI codes sought, in the order recorded (IPK III/3 counts the first)."""
        through = Registration.occupations_sought.through.objects.filter(registration=self)
        return list(through.order_by("pk").values_list("occupation_id", flat=True))

    def is_open_on(self, day: dt.date) -> bool:
        """Registered on `day` (from the registration date; until the end date, exclusive)."""
        return self.registered_on <= day and (self.ended_on is None or day < self.ended_on)
