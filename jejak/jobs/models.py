"""Vacancies (with the Perpres 57/2023 fields), applications, placements and job alerts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejak.lib.codes import new_code
from jejak.organisations.models import Organisation, OrganisationRow
from jejak.reference.models import EducationLevel, Industry, Major, Occupation, Region

# The old name, for code that says what a vacancy asks.
Education = EducationLevel


class Vacancy(models.Model):
    """A vacancy of one company, posted by its recruiter or by a school's BKK."""

    class Sex(models.TextChoices):
        ANY = "", _("Laki-laki atau perempuan")
        MALE = "L", _("Laki-laki")
        FEMALE = "P", _("Perempuan")

    class State(models.TextChoices):
        OPEN = "open", _("Dibuka")
        FILLED = "filled", _("Terisi")
        CLOSED = "closed", _("Ditutup")

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    company = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="vacancies", db_index=False
    )
    province_code = models.CharField(max_length=2, editable=False)
    # The company itself, or the school whose BKK posted it for the company.
    posted_by_org = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("jabatan/posisi"), max_length=150)
    # The total; the form counts positions by the sex they are open to (IPK III/1, III/4-6):
    # for men, for women, for either. `save` keeps `openings` their sum and `sex` in step.
    openings = models.PositiveSmallIntegerField(_("jumlah dibutuhkan"))
    openings_male = models.PositiveIntegerField(_("jumlah untuk laki-laki"), default=0)
    openings_female = models.PositiveIntegerField(_("jumlah untuk perempuan"), default=0)
    openings_any = models.PositiveIntegerField(
        _("jumlah untuk laki-laki atau perempuan"), default=0
    )
    opens_on = models.DateField(_("berlaku mulai"))
    closes_on = models.DateField(_("batas akhir lamaran"))
    age_min = models.PositiveSmallIntegerField(_("usia minimal"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("usia maksimal"), null=True, blank=True)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices, blank=True)
    education = models.CharField(
        _("pendidikan"), max_length=5, choices=EducationLevel.choices, default=EducationLevel.SMK
    )
    # How the labour office codes it: the job (KBJI 2014, unit group where known, at least the
    # major group) and the employer's line of business (KBLI 2020: the code as given, up to five
    # digits, and its section A-U that the IPK tables count by).
    occupation = models.ForeignKey(
        Occupation, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("jabatan (KBJI 2014)"), db_index=False,
    )  # fmt: skip
    kbli = models.CharField(_("KBLI 2020"), max_length=5, blank=True)
    industry = models.ForeignKey(
        Industry, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("kategori KBLI"), db_index=False,
    )  # fmt: skip
    majors = models.ManyToManyField(Major, blank=True, verbose_name=_("jurusan yang dicari"))
    skills = models.TextField(_("keterampilan"), blank=True)
    experience = models.CharField(_("pengalaman"), max_length=200, blank=True)
    wage_min = models.PositiveBigIntegerField(_("upah minimal (Rp/bulan)"), null=True, blank=True)
    wage_max = models.PositiveBigIntegerField(_("upah maksimal (Rp/bulan)"), null=True, blank=True)
    work_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lokasi kerja"),
        db_index=False,
    )
    work_country = models.CharField(_("negara (jika di luar negeri)"), max_length=60, blank=True)
    work_address = models.CharField(_("alamat tempat kerja"), max_length=200, blank=True)
    formal = models.BooleanField(_("pekerjaan formal"), default=True)
    disability_friendly = models.BooleanField(_("ramah disabilitas"), default=False)
    description = models.TextField(_("deskripsi pekerjaan"), blank=True)
    state = models.CharField(max_length=8, choices=State.choices, default=State.OPEN)
    filled_on = models.DateField(_("tanggal terisi"), null=True, blank=True)
    # The labour office's dates: registered with the BKK (defaults to `opens_on`), and closed
    # (filled or withdrawn; positions still unfilled then are removed, "dihapus").
    registered_on = models.DateField(_("tanggal pendaftaran"), null=True, blank=True)
    closed_on = models.DateField(_("tanggal ditutup"), null=True, blank=True)
    # The code the BKK gave it in its own books (imports keep it, so re-imports update).
    external_code = models.CharField(_("kode lowongan BKK"), max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("lowongan")
        verbose_name_plural = _("lowongan")
        indexes = [
            models.Index(fields=["province_code", "state", "closes_on"]),
            models.Index(fields=["company", "created_at"]),
            models.Index(fields=["posted_by_org", "registered_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["posted_by_org", "external_code"],
                condition=~models.Q(external_code=""),
                name="vacancy_unique_external_code",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} · {self.company}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.province_code = self.company.province_code
        self.split_openings()
        if self.registered_on is None:
            self.registered_on = self.opens_on
        super().save(*args, **kwargs)

    def split_openings(self) -> None:
        """Keep the total and the split by sex in step. A vacancy given only a total and the
        sex wanted (the older form) puts the total in that sex's column; one given the split
        gets its total and the sex wanted from it."""
        split = (self.openings_male, self.openings_female, self.openings_any)
        if not any(split):
            bucket = {"L": "openings_male", "P": "openings_female"}.get(self.sex, "openings_any")
            setattr(self, bucket, self.openings or 0)
            return
        self.openings = sum(split)
        only_male = self.openings_male and not (self.openings_female or self.openings_any)
        only_female = self.openings_female and not (self.openings_male or self.openings_any)
        self.sex = "L" if only_male else "P" if only_female else ""

    @property
    def kbji_major_group(self) -> str:
        """The KBJI 2014 golongan pokok (one digit) the IPK tables count by; "" if uncoded."""
        return self.occupation_id[:1] if self.occupation_id else ""

    def is_open_on(self, day: dt.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.state == self.State.OPEN and self.opens_on <= day <= self.closes_on

    @property
    def location(self) -> str:
        if self.work_country:
            return str(_("Luar negeri: %(country)s") % {"country": self.work_country})
        return self.work_region.name if self.work_region else ""


class VacancyTarget(models.Model):
    """Where a vacancy is posted: one school, or every school of a regency or province."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="targets")
    province_code = models.CharField(max_length=2, editable=False)
    school = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(school__isnull=True, region__isnull=False)
                | models.Q(school__isnull=False, region__isnull=True),
                name="vacancy_target_school_or_region",
            )
        ]
        indexes = [models.Index(fields=["province_code", "region"])]

    def __str__(self) -> str:
        return str(self.school or self.region)

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The province where it is shown (the school's or the region's): its boards' shard.
        self.province_code = self.school.province_code if self.school else str(self.region_id)[:2]
        super().save(*args, **kwargs)


class Stage(models.TextChoices):
    APPLIED = "applied", _("Melamar")
    SHORTLISTED = "shortlisted", _("Lolos seleksi berkas")
    TEST = "test", _("Tes")
    INTERVIEW = "interview", _("Wawancara")
    ACCEPTED = "accepted", _("Diterima")
    REJECTED = "rejected", _("Tidak diterima")
    WITHDRAWN = "withdrawn", _("Dibatalkan pelamar")


FINAL_STAGES = {Stage.ACCEPTED, Stage.REJECTED, Stage.WITHDRAWN}


class Application(OrganisationRow):
    """One alumnus's application to one vacancy. The school is the tenant: its register."""

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="applications")
    alumnus = models.ForeignKey(
        "alumni.Alumnus", on_delete=models.CASCADE, related_name="applications"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    province_code = models.CharField(max_length=2, editable=False)
    stage = models.CharField(
        _("tahap"), max_length=12, choices=Stage.choices, default=Stage.APPLIED
    )
    cover_note = models.TextField(_("catatan lamaran"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "alumnus"], name="application_once")
        ]
        indexes = [models.Index(fields=["organisation", "created_at"])]

    def __str__(self) -> str:
        # No name: this label goes into the audit trail, which erasure (UU PDP) must not miss.
        return f"{self.code} → {self.vacancy}"


class ApplicationStep(models.Model):
    """One move of an application through the pipeline: from where to where, by whom."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="steps")
    province_code = models.CharField(max_length=2, editable=False)
    from_stage = models.CharField(max_length=12, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=12, choices=Stage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_stage} → {self.to_stage}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.province_code = self.application.province_code
        super().save(*args, **kwargs)


class Notification(models.Model):
    """A message for one person in the app (their list under /me/)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    province_code = models.CharField(max_length=2, blank=True)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self) -> str:
        return self.text


class Placement(OrganisationRow):
    """A placement "by name by address" in a school's register; AKL or AKAD, never AKAN."""

    class Kind(models.TextChoices):
        AKL = "AKL", _("AKL (dalam provinsi)")
        AKAD = "AKAD", _("AKAD (antarprovinsi)")
        AKAN = "AKAN", _("AKAN (luar negeri)")

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("sekolah")
    )
    province_code = models.CharField(max_length=2, editable=False)
    alumnus = models.ForeignKey(
        "alumni.Alumnus", on_delete=models.CASCADE, related_name="placements"
    )
    application = models.OneToOneField(
        Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="placement"
    )
    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.SET_NULL, null=True, blank=True, related_name="placements"
    )
    employer = models.CharField(_("pemberi kerja"), max_length=200)
    industry = models.ForeignKey(
        Industry, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("KBLI")
    )
    occupation = models.ForeignKey(
        Occupation, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("KBJI")
    )
    kbli = models.CharField(_("KBLI 2020"), max_length=5, blank=True)
    job_title = models.CharField(_("jabatan"), max_length=150, blank=True)
    work_region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("wilayah tempat kerja"),
    )  # fmt: skip
    work_country = models.CharField(_("negara"), max_length=60, blank=True)
    kind = models.CharField(_("jenis penempatan"), max_length=4, choices=Kind.choices)
    start_date = models.DateField(_("mulai bekerja"))
    wage = models.PositiveBigIntegerField(_("upah per bulan"), null=True, blank=True)
    # The officer says which; None = not recorded, shown as such (never assumed formal).
    formal = models.BooleanField(_("pekerjaan formal"), null=True, blank=True, default=None)
    follow_up_on = models.DateField(_("tanggal cek lanjutan"))
    outcome_event = models.OneToOneField(
        "outcomes.OutcomeEvent", on_delete=models.SET_NULL, null=True, related_name="placement"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_by_org = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date", "-created_at"]
        verbose_name = _("penempatan")
        verbose_name_plural = _("penempatan")
        indexes = [models.Index(fields=["organisation", "start_date"])]

    def __str__(self) -> str:
        return f"{self.code} · {self.employer}"  # no name, as for Application


class AlertSetting(models.Model):
    """Whether an alumnus wants job alerts, and when the last digest went out. No row: on."""

    alumnus = models.OneToOneField(
        "alumni.Alumnus", on_delete=models.CASCADE, related_name="alert_setting"
    )
    province_code = models.CharField(max_length=2, editable=False)
    enabled = models.BooleanField(default=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.alumnus}: {'on' if self.enabled else 'off'}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.province_code = self.alumnus.province_code
        super().save(*args, **kwargs)


class AlertSent(models.Model):
    """A vacancy already sent to an alumnus in a digest, so it goes out once."""

    alumnus = models.ForeignKey("alumni.Alumnus", on_delete=models.CASCADE, related_name="+")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="+")
    province_code = models.CharField(max_length=2)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "alumnus"], name="alert_sent_once")
        ]

    def __str__(self) -> str:
        return f"{self.vacancy_id} → {self.alumnus_id}"
