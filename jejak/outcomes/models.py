"""The dated history of what each alumnus is doing. Current status is derived, never stored.

Each event is one thing a source reported: "from `start_date` on, the alumnus is doing
`activity`", reported at `reported_at`. Nothing is overwritten by a later report: a new
report adds its own events, and the older ones stay with their source. The status at a
reference date R is what the most recently made report, among those whose activity had
started by R, says (see `jejak.indicators.compute.current_report`). An event's end is
derived, not stored: it stops holding on the start date of the first report made after it
(`compute.superseded_on`), so correcting a report's date never leaves a stale end behind.

One report can hold two concurrent activities (working while studying): the second is an
event whose `alongside` points at the report's main event and shares its `reported_at`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejak.lib.codes import new_code
from jejak.organisations.models import OrganisationRow


class Activity(models.TextChoices):
    WORKING = "bekerja", _("Bekerja")
    STUDYING = "melanjutkan", _("Melanjutkan studi")
    SELF_EMPLOYED = "wirausaha", _("Wirausaha")
    LOOKING = "mencari_kerja", _("Mencari kerja")
    NOT_YET = "belum_memungkinkan", _("Belum memungkinkan bekerja")
    COURSE = "kursus", _("Kursus/pelatihan")
    OTHER = "lainnya", _("Lainnya")


def activity_text(code: object) -> str:
    """An activity code in words in the active language ('' for none); an unknown code is
    shown as it is rather than hidden."""
    if not code:
        return ""
    return str(dict(Activity.choices).get(str(code), code))


class Source(models.TextChoices):
    SELF_REPORTED = "self", _("Diisi alumni")
    TEACHER = "teacher", _("Dicatat wali kelas")
    BKK = "bkk", _("Dicatat BKK")  # an answer a BKK officer took by phone or on paper
    STAFF = "staff", _("Dicatat staf sekolah")  # the same by other school staff
    PLACEMENT = "placement", _("Penempatan BKK")
    IMPORT = "import", _("Impor")


# Answers the person gave (on the survey, or to staff by phone or on paper): they rest on the
# person's consent and go when it is refused or withdrawn. Placements and imports do not.
ANSWER_SOURCES = (Source.SELF_REPORTED, Source.TEACHER, Source.BKK, Source.STAFF)


class OutcomeEvent(OrganisationRow):
    """From `start_date` on, the alumnus was doing `activity`, as `source` reported."""

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    # Indexed through (organisation, alumnus, start_date) below.
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    province_code = models.CharField(max_length=2, editable=False)
    alumnus = models.ForeignKey(
        "alumni.Alumnus", on_delete=models.CASCADE, related_name="outcome_events"
    )
    activity = models.CharField(_("kegiatan"), max_length=20, choices=Activity.choices)
    start_date = models.DateField(_("tanggal mulai"))
    source = models.CharField(_("sumber"), max_length=10, choices=Source.choices)
    # Where it came from: a tracer response (one event per response, updated when the
    # response is edited), a placement (issue: job exchange) or an import.
    campaign = models.ForeignKey(
        "tracer.Campaign", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    response = models.OneToOneField(
        "tracer.Response", on_delete=models.CASCADE, null=True, blank=True, related_name="event"
    )
    # The details every indicator reads.
    employer = models.CharField(_("tempat kerja/usaha/kampus"), max_length=200, blank=True)
    industry = models.ForeignKey(
        "reference.Industry", on_delete=models.PROTECT, null=True, blank=True, db_index=False
    )
    occupation = models.ForeignKey(
        "reference.Occupation", on_delete=models.PROTECT, null=True, blank=True, db_index=False
    )
    job_title = models.CharField(_("jabatan"), max_length=150, blank=True)
    work_region = models.ForeignKey(
        "reference.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    work_country = models.CharField(_("negara (jika di luar negeri)"), max_length=60, blank=True)
    formal = models.BooleanField(_("pekerjaan formal"), null=True, blank=True)
    # BPS Sakernas employment status (tracer.instrument.EMPLOYMENT_STATUS); "" = not asked.
    employment_status = models.CharField(_("status pekerjaan"), max_length=20, blank=True)
    # For masa tunggu: the first job's start when the current job is not the first one,
    # and how many times the alumnus changed jobs since graduating (None: not asked).
    first_job_start = models.DateField(_("mulai pekerjaan pertama"), null=True, blank=True)
    job_changes = models.PositiveSmallIntegerField(_("jumlah pindah kerja"), null=True, blank=True)
    income = models.PositiveBigIntegerField(_("penghasilan per bulan"), null=True, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(_("jam per minggu"), null=True, blank=True)
    alignment = models.PositiveSmallIntegerField(_("keselarasan (1-4)"), null=True, blank=True)
    recorded_by = models.ForeignKey(  # indexed below where set
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    # When the report was made: the survey's submit (or edit) time, a paper answer's date,
    # the placement's recording. Orders reports for the status; see the module docstring.
    reported_at = models.DateTimeField(_("waktu laporan"), default=timezone.now)
    # Set on the second of two concurrent activities of one report: the report's main event.
    alongside = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="concurrent",
        db_index=False,  # indexed below where set
    )

    class Meta:
        ordering = ["alumnus", "start_date", "recorded_at"]
        indexes = [
            models.Index(fields=["organisation", "alumnus", "start_date"]),
            # Self-reported events name no user and skip this index.
            models.Index(
                fields=["recorded_by"],
                condition=models.Q(recorded_by__isnull=False),
                name="outcome_recorded_by",
            ),
            models.Index(
                fields=["alongside"],
                condition=models.Q(alongside__isnull=False),
                name="outcome_alongside",
            ),
            # Matching finds the people whose reports say they are looking for work.
            models.Index(
                fields=["activity", "organisation"],
                condition=models.Q(alongside__isnull=True),
                name="outcome_main_by_activity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_activity_display()} {self.start_date:%Y-%m-%d}"
