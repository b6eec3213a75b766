"""The alumni register: one record per graduate per school, by name by address."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jejak.lib.codes import new_code
from jejak.lib.values import mask_nik
from jejak.organisations.models import Organisation, OrganisationRow
from jejak.reference.models import Major, Region


class SchoolClass(OrganisationRow):
    """A final-year class (rombel) of a cohort, followed up by its homeroom teacher."""

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    province_code = models.CharField(max_length=2, editable=False)
    cohort = models.PositiveSmallIntegerField(_("angkatan lulus"))
    name = models.CharField(_("rombel"), max_length=60)
    major = models.ForeignKey(
        Major, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("jurusan")
    )
    homeroom_teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="homeroom_classes",
        verbose_name=_("wali kelas"),
    )

    class Meta:
        ordering = ["-cohort", "name"]
        verbose_name = _("rombel")
        verbose_name_plural = _("rombel")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "cohort", "name"], name="class_unique_name"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.cohort})"


class Consent(models.TextChoices):
    UNKNOWN = "unknown", _("Belum ditanyakan")
    GIVEN = "given", _("Setuju")
    PARENT_GIVEN = "parent_given", _("Setuju (oleh orang tua/wali)")
    REFUSED = "refused", _("Menolak")
    WITHDRAWN = "withdrawn", _("Ditarik kembali")


class Alumnus(OrganisationRow):
    class Sex(models.TextChoices):
        MALE = "L", _("Laki-laki")
        FEMALE = "P", _("Perempuan")

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    # Indexed through the composite indexes below, which all lead with the organisation.
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="alumni",
        verbose_name=_("sekolah"),
        db_index=False,
    )
    province_code = models.CharField(max_length=2, editable=False)
    nisn = models.CharField(_("NISN"), max_length=10, blank=True)
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    name = models.CharField(_("nama"), max_length=150)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    birth_place = models.CharField(_("tempat lahir"), max_length=100, blank=True)
    birth_date = models.DateField(_("tanggal lahir"), null=True, blank=True)
    cohort = models.PositiveSmallIntegerField(_("angkatan lulus"))
    # Reference rows are never deleted in practice; no index needed to protect them.
    major = models.ForeignKey(
        Major,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("jurusan"),
        db_index=False,
    )
    school_class = models.ForeignKey(
        SchoolClass,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="alumni",
        verbose_name=_("rombel"),
    )
    phone = models.CharField(_("nomor HP"), max_length=16, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.TextField(_("alamat"), blank=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kabupaten/kota domisili"),
        db_index=False,
    )
    disability = models.CharField(_("kebutuhan khusus"), max_length=20, blank=True)
    consent = models.CharField(
        _("persetujuan data"), max_length=12, choices=Consent.choices, default=Consent.UNKNOWN
    )
    # The import that created this record (who, when, which file), if one did.
    source_import = models.ForeignKey(
        "ImportJob", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    consent_at = models.DateTimeField(_("waktu persetujuan"), null=True, blank=True)
    # One person, several registers (an SMK, later a BLK): records a staff member confirmed
    # to be the same person share this random key. Never set by matching alone.
    person_key = models.CharField(max_length=16, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("alumni")
        verbose_name_plural = _("alumni")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "nisn"],
                condition=~models.Q(nisn=""),
                name="alumnus_unique_nisn_per_school",
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "cohort", "name"]),
            models.Index(fields=["province_code", "cohort"]),
            models.Index(
                fields=["person_key"], condition=~models.Q(person_key=""), name="alumnus_person"
            ),
            models.Index(fields=["nik"], condition=~models.Q(nik=""), name="alumnus_nik"),
            # Matching's pool of people looking by their outcome (not registered): those who
            # agreed, of the majors a vacancy accepts, found without reading the province.
            models.Index(
                fields=["major"],
                condition=models.Q(consent__in=["given", "parent_given"]),
                name="alumnus_agreed_major",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def nik_masked(self) -> str:
        return mask_nik(self.nik)

    @property
    def whatsapp_number(self) -> str:
        return whatsapp_number_of(self.phone)


def whatsapp_number_of(phone: str) -> str:
    """The WhatsApp number of a stored phone (an Indonesian mobile), else ''."""
    return phone.lstrip("+") if phone.startswith("+628") else ""


# Fields an import or an edit may change, and that the history shows, in display order.
REGISTER_FIELDS = [
    "nisn", "nik", "name", "sex", "birth_place", "birth_date", "cohort", "major",
    "school_class", "phone", "email", "address", "region", "disability",
]  # fmt: skip


class ImportJob(OrganisationRow):
    """One uploaded file, its dry run and its real run, with progress and rejected rows."""

    class Kind(models.TextChoices):
        ALUMNI = "alumni", _("Data alumni")
        SCHOOLS = "schools", _("Data sekolah")
        RESPONSES = "responses", _("Jawaban penelusuran (kertas/telepon)")
        JOBSEEKERS = "jobseekers", _("Riwayat pencari kerja (AK/1)")
        VACANCIES = "vacancies", _("Riwayat lowongan")
        PLACEMENTS = "placements", _("Riwayat penempatan")
        TRAINEES = "trainees", _("Peserta pelatihan BLK")
        OUTCOMES = "outcomes", _("Kegiatan peserta BLK setelah pelatihan")

    class State(models.TextChoices):
        QUEUED = "queued", _("Menunggu")
        RUNNING = "running", _("Berjalan")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    province_code = models.CharField(max_length=2, editable=False)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    cohort = models.PositiveSmallIntegerField(null=True, blank=True)
    # For answers to a tracer campaign: its code (a plain code, since the tracer app builds
    # on this one and not the other way round).
    campaign_code = models.CharField(max_length=12, blank=True)
    # For trainees of a BLK batch: the batch's code (the training app builds on this one).
    batch_code = models.CharField(max_length=12, blank=True)
    filename = models.CharField(max_length=200)
    stored_path = models.CharField(max_length=300)
    dry_run = models.BooleanField(default=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    total_rows = models.PositiveIntegerField(default=0)
    done_rows = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict, blank=True)
    message = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # When the uploaded file and its rejects file left the disk (retention or erasure).
    files_deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "created_at"])]

    def __str__(self) -> str:
        return self.filename

    @property
    def percent(self) -> int:
        return int(100 * self.done_rows / self.total_rows) if self.total_rows else 0

    @property
    def finished(self) -> bool:
        return self.state in {self.State.DONE, self.State.FAILED}
