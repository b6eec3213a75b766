"""BLK training: programmes, their batches (gelombang) and each trainee's enrolment.

A trainee is an `alumni.Alumnus` row of the BLK (NIK required, NISN blank, cohort = the year
the batch ends), so the outcome history, tracer, job exchange and privacy machinery apply to
trainees unchanged. `Enrolment` joins a trainee to a batch and holds what the training itself
produced: attendance completion, graduation, the competency test and certificate, and what
the trainee told the BLK on entry (education, work before, disability with consent).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jejak.alumni.models import Alumnus
from jejak.lib.codes import new_code
from jejak.organisations.models import Organisation, OrganisationRow
from jejak.reference.models import DisabilityCategory, EducationLevel, Industry, Occupation


class Programme(OrganisationRow):
    """A training programme a BLK offers: kejuruan and programme name, with its standard."""

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="programmes", db_index=False
    )
    province_code = models.CharField(max_length=2, editable=False)
    own_code = models.CharField(_("kode program BLK"), max_length=30)
    national_code = models.CharField(_("kode program nasional"), max_length=30, blank=True)
    vocation = models.CharField(_("kejuruan"), max_length=100, blank=True)
    name = models.CharField(_("nama program"), max_length=200)
    competency_standard = models.CharField(
        _("standar kompetensi (SKKNI/KKNI)"), max_length=200, blank=True
    )
    hours = models.PositiveIntegerField(_("jam pelatihan (JP)"), null=True, blank=True)
    occupations = models.ManyToManyField(
        Occupation, blank=True, related_name="+", verbose_name=_("jabatan tujuan (KBJI)")
    )
    industries = models.ManyToManyField(
        Industry, blank=True, related_name="+", verbose_name=_("lapangan usaha (KBLI)")
    )
    active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["vocation", "name"]
        verbose_name = _("program pelatihan")
        verbose_name_plural = _("program pelatihan")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "own_code"], name="programme_unique_own_code"
            )
        ]

    def __str__(self) -> str:
        return f"{self.vocation} – {self.name}" if self.vocation else self.name


class Batch(OrganisationRow):
    """A gelombang of a programme. `code` is global (URLs, `--batch` on the command line);
    `own_code` is the BLK's label, unique within the BLK and generated when not given."""

    class Funding(models.TextChoices):
        APBN = "APBN", _("APBN")
        APBD = "APBD", _("APBD")
        OTHER = "LAINNYA", _("Lainnya")

    class Mode(models.TextChoices):
        INSTITUTIONAL = "institutional", _("Institusional (di BLK)")
        MOBILE = "mtu", _("Mobile Training Unit (MTU)")
        COMMUNITY = "community", _("BLK Komunitas")

    class State(models.TextChoices):
        PLANNED = "planned", _("Direncanakan")
        OPEN = "open", _("Pendaftaran dibuka")
        RUNNING = "running", _("Berjalan")
        DONE = "done", _("Selesai")

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="batches", db_index=False
    )
    province_code = models.CharField(max_length=2, editable=False)
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="batches", verbose_name=_("program")
    )
    own_code = models.CharField(_("kode gelombang BLK"), max_length=30)
    start_date = models.DateField(_("tanggal mulai"))
    end_date = models.DateField(_("tanggal selesai"))
    funding = models.CharField(
        _("sumber dana"), max_length=8, choices=Funding.choices, default=Funding.APBN
    )
    quota = models.PositiveIntegerField(_("kuota peserta"), null=True, blank=True)
    mode = models.CharField(
        _("moda"), max_length=14, choices=Mode.choices, default=Mode.INSTITUTIONAL
    )
    location = models.CharField(_("lokasi"), max_length=200, blank=True)
    accessibility_notes = models.TextField(_("catatan aksesibilitas"), blank=True)
    state = models.CharField(
        _("status"), max_length=8, choices=State.choices, default=State.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "own_code"]
        verbose_name = _("gelombang pelatihan")
        verbose_name_plural = _("gelombang pelatihan")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "own_code"], name="batch_unique_own_code"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="batch_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "start_date"])]

    def __str__(self) -> str:
        return f"{self.own_code} · {self.programme.name}"

    @property
    def cohort(self) -> int:
        """The register cohort of its trainees: the year the batch ends."""
        return self.end_date.year


# The labour office's education levels and the UU 8/2016 categories, as everywhere in Jejak.
Education = EducationLevel


class WorkBefore(models.TextChoices):
    EMPLOYED = "bekerja", _("Bekerja (buruh/karyawan)")
    SELF_EMPLOYED = "wirausaha", _("Berusaha sendiri")
    LOOKING = "mencari_kerja", _("Tidak bekerja, mencari kerja")
    STUDYING = "sekolah", _("Sekolah/kuliah")
    OTHER = "lainnya", _("Lainnya")


class Enrolment(OrganisationRow):
    """One trainee in one batch, with the training's results, each dated.

    `status` is `applied` for a public sign-up the officer has not accepted yet; only
    `enrolled` rows count as the batch's trainees. Results are tri-state: None = not
    recorded yet, True/False = the recorded result.
    """

    class Status(models.TextChoices):
        APPLIED = "applied", _("Mendaftar (menunggu diterima)")
        ENROLLED = "enrolled", _("Peserta")
        DECLINED = "declined", _("Tidak diterima")

    class Source(models.TextChoices):
        IMPORT = "import", _("Impor")
        SIGNUP = "signup", _("Pendaftaran daring")

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    province_code = models.CharField(max_length=2, editable=False)
    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="enrolments")
    alumnus = models.ForeignKey(Alumnus, on_delete=models.CASCADE, related_name="enrolments")
    status = models.CharField(
        _("status"), max_length=9, choices=Status.choices, default=Status.ENROLLED
    )
    source = models.CharField(max_length=7, choices=Source.choices, default=Source.IMPORT)
    education = models.CharField(
        _("pendidikan terakhir"), max_length=6, choices=Education.choices, blank=True
    )
    work_before = models.CharField(
        _("status sebelum pelatihan"), max_length=14, choices=WorkBefore.choices, blank=True
    )
    disability = models.CharField(
        _("disabilitas (UU 8/2016)"), max_length=12, choices=DisabilityCategory.choices,
        blank=True,
    )  # fmt: skip
    # Disability is sensitive data (UU PDP pasal 4): kept only with the trainee's consent.
    disability_consent_at = models.DateTimeField(null=True, blank=True)
    completed = models.BooleanField(_("menyelesaikan pelatihan"), null=True, blank=True)
    completed_on = models.DateField(_("tanggal selesai"), null=True, blank=True)
    graduated = models.BooleanField(_("lulus"), null=True, blank=True)
    graduated_on = models.DateField(_("tanggal kelulusan"), null=True, blank=True)
    competent = models.BooleanField(_("kompeten"), null=True, blank=True)
    assessed_on = models.DateField(_("tanggal uji kompetensi"), null=True, blank=True)
    certificate_number = models.CharField(_("nomor sertifikat"), max_length=60, blank=True)
    certification_scheme = models.CharField(_("skema sertifikasi"), max_length=200, blank=True)
    consent_at = models.DateTimeField(_("persetujuan data"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["alumnus__name"]
        verbose_name = _("peserta pelatihan")
        verbose_name_plural = _("peserta pelatihan")
        constraints = [
            models.UniqueConstraint(fields=["batch", "alumnus"], name="enrolment_unique")
        ]
        indexes = [models.Index(fields=["organisation", "batch", "status"])]

    def __str__(self) -> str:
        return f"{self.alumnus} · {self.batch}"


class Mentoring(OrganisationRow):
    """Mentoring after training for a trainee who started a business (issue 13 item 5)."""

    class Topic(models.TextChoices):
        TECHNICAL = "technical", _("Teknis")
        MANAGEMENT = "management", _("Manajemen usaha")
        CAPITAL = "capital", _("Permodalan")
        MARKETING = "marketing", _("Pemasaran")

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    province_code = models.CharField(max_length=2, editable=False)
    alumnus = models.ForeignKey(Alumnus, on_delete=models.CASCADE, related_name="mentorings")
    topic = models.CharField(_("jenis pendampingan"), max_length=10, choices=Topic.choices)
    date = models.DateField(_("tanggal"))
    mentor = models.CharField(_("pendamping"), max_length=150, blank=True)
    outcome = models.TextField(_("hasil"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        indexes = [models.Index(fields=["organisation", "alumnus"])]


class Referral(OrganisationRow):
    """A trainee's business referred to a partner: SME office, banks for KUR, KADIN, ..."""

    class Partner(models.TextChoices):
        COOPERATIVES = "koperasi_umkm", _("Dinas Koperasi dan UMKM")
        INDUSTRY = "perindustrian", _("Dinas Perindustrian")
        TRADE = "perdagangan", _("Dinas Perdagangan")
        KADIN = "kadin", _("KADIN")
        HIPMI = "hipmi", _("HIPMI")
        BANK_KUR = "bank_kur", _("Bank penyalur KUR")
        # Disability inclusion (item 7): the labour office's disability service unit.
        ULD = "uld", _("Unit Layanan Disabilitas (ULD) Disnaker")
        OTHER = "lainnya", _("Lainnya")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Menunggu tanggapan")
        ACCEPTED = "accepted", _("Diterima/dibantu")
        DECLINED = "declined", _("Tidak dapat dibantu")

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    province_code = models.CharField(max_length=2, editable=False)
    alumnus = models.ForeignKey(Alumnus, on_delete=models.CASCADE, related_name="referrals")
    partner = models.CharField(_("mitra rujukan"), max_length=14, choices=Partner.choices)
    partner_name = models.CharField(_("nama lembaga"), max_length=150, blank=True)
    date = models.DateField(_("tanggal rujukan"))
    outcome = models.CharField(
        _("hasil"), max_length=9, choices=Outcome.choices, default=Outcome.PENDING
    )
    outcome_notes = models.TextField(_("catatan hasil"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        indexes = [models.Index(fields=["organisation", "alumnus"])]


class NetworkMember(OrganisationRow):
    """A trainee in the BLK's alumni network, for one programme; the business is listed to
    other members only when `list_business` is set (the trainee's choice)."""

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    province_code = models.CharField(max_length=2, editable=False)
    alumnus = models.ForeignKey(Alumnus, on_delete=models.CASCADE, related_name="networks")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="members")
    list_business = models.BooleanField(_("tampilkan usaha saya"), default=False)
    business_name = models.CharField(_("nama usaha"), max_length=150, blank=True)
    business_description = models.CharField(_("usaha dan produk"), max_length=300, blank=True)
    business_contact = models.CharField(_("kontak usaha"), max_length=100, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)
    # The login that joined (or last changed the listing): when a person link is undone,
    # memberships made through the other record's login go with it.
    joined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ["programme", "-joined_at"]
        constraints = [
            models.UniqueConstraint(fields=["alumnus", "programme"], name="network_member_unique")
        ]
        indexes = [models.Index(fields=["organisation", "programme"])]


class TrainingOrder(OrganisationRow):
    """A company's order ("pesanan") for a training batch at a BLK: how many people, which
    competencies, by when. The BLK owns the row (`organisation`); the company that ordered
    it reads it through `company`. Each step is dated; linked batches live in `OrderBatch`.

    diajukan -> diterima | ditolak (with a reason, final) | dibatalkan (by the company, while
    diajukan) ; diterima -> dijadwalkan (a batch linked) -> selesai (every linked batch's
    graduates announced to the company).
    """

    class State(models.TextChoices):
        SUBMITTED = "diajukan", _("Diajukan")
        ACCEPTED = "diterima", _("Diterima")
        DECLINED = "ditolak", _("Ditolak")
        SCHEDULED = "dijadwalkan", _("Dijadwalkan")
        DONE = "selesai", _("Selesai")
        CANCELLED = "dibatalkan", _("Dibatalkan pemesan")

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="training_orders", db_index=False,
        verbose_name=_("BLK"),
    )  # fmt: skip
    province_code = models.CharField(max_length=2, editable=False)
    company = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="placed_training_orders",
        verbose_name=_("perusahaan"),
    )  # fmt: skip
    programme = models.ForeignKey(
        Programme, on_delete=models.SET_NULL, null=True, blank=True, related_name="orders",
        verbose_name=_("program yang diminta"),
    )  # fmt: skip
    competencies = models.TextField(_("kompetensi yang dibutuhkan"))
    occupation = models.ForeignKey(
        Occupation, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("jabatan (KBJI)"),
    )  # fmt: skip
    people = models.PositiveIntegerField(_("jumlah orang"))
    wanted_by = models.DateField(_("dibutuhkan paling lambat (bulan)"))
    location = models.CharField(_("lokasi kerja"), max_length=200, blank=True)
    notes = models.TextField(_("catatan pemesan"), blank=True)
    state = models.CharField(
        _("status"), max_length=11, choices=State.choices, default=State.SUBMITTED
    )
    decline_reason = models.TextField(_("alasan penolakan"), blank=True)
    blk_notes = models.TextField(_("catatan BLK untuk pemesan"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    submitted_at = models.DateTimeField(_("diajukan"), auto_now_add=True)
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    scheduled_at = models.DateTimeField(_("dijadwalkan"), null=True, blank=True)
    done_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("dibatalkan"), null=True, blank=True)
    batches = models.ManyToManyField(Batch, through="OrderBatch", related_name="orders")

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("pesanan pelatihan")
        verbose_name_plural = _("pesanan pelatihan")
        indexes = [
            models.Index(fields=["organisation", "state"]),
            models.Index(fields=["company", "submitted_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(people__gte=1), name="order_people_min")
        ]

    def __str__(self) -> str:
        return f"{self.company} · {self.people} · {self.organisation}"

    @property
    def open_for_batches(self) -> bool:
        """Batches may be linked once the BLK accepted, until the order is done."""
        return self.state in {self.State.ACCEPTED, self.State.SCHEDULED}


class OrderBatch(OrganisationRow):
    """A batch the BLK runs for an order, and the notice at graduation: sent once per batch
    (`notified_at`), with the counts it carried."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    province_code = models.CharField(max_length=2, editable=False)
    order = models.ForeignKey(TrainingOrder, on_delete=models.CASCADE, related_name="links")
    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="order_links")
    linked_at = models.DateTimeField(auto_now_add=True)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    notified_at = models.DateTimeField(_("pemesan diberi tahu"), null=True, blank=True)
    notified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    graduates = models.PositiveIntegerField(_("lulusan"), null=True, blank=True)
    competent = models.PositiveIntegerField(_("kompeten"), null=True, blank=True)

    class Meta:
        ordering = ["linked_at"]
        constraints = [
            models.UniqueConstraint(fields=["order", "batch"], name="order_batch_unique")
        ]
        indexes = [models.Index(fields=["organisation", "order"])]


class PersonLink(OrganisationRow):
    """An officer's answer to "is this trainee the same person as that record?" for one pair
    of register records: the BLK's own `alumnus` and `other` (an SMK's alumnus or another
    BLK's trainee). One row per pair, whichever way round; the latest answer replaces it.

    `same` rows are the edges of the person groups that `Alumnus.person_key` names: records
    share a key exactly when `same` answers connect them, so unlinking one pair can split a
    group without touching links others confirmed. `not_same` keeps the pair out of the
    "kemungkinan orang yang sama" suggestions for good (until an officer withdraws it).
    """

    class Answer(models.TextChoices):
        SAME = "same", _("Orang yang sama")
        NOT_SAME = "not_same", _("Bukan orang yang sama")

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    province_code = models.CharField(max_length=2, editable=False)
    alumnus = models.ForeignKey(Alumnus, on_delete=models.CASCADE, related_name="person_links")
    other = models.ForeignKey(Alumnus, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(_("jawaban"), max_length=8, choices=Answer.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("waktu keputusan"))

    class Meta:
        ordering = ["-decided_at"]
        constraints = [
            models.UniqueConstraint(fields=["alumnus", "other"], name="person_link_unique"),
            models.CheckConstraint(
                condition=~models.Q(alumnus=models.F("other")), name="person_link_two_records"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "decided_at"])]


class BlkRollup(OrganisationRow):
    """A BLK's indicator tallies on one day, kept so that office pages read figures and never
    compute them (training/rollups.py writes them; the scheduler refreshes them).

    `tallies` holds `BlkTally` JSON: "all", and per split (sex, age, disability, funding) one
    tally per value. Tallies add up, so a regency's or a province's figures are the sum of
    its BLKs' rows. `fingerprint` tells the refresh whether anything the figures read moved.
    """

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="blk_rollup"
    )
    province_code = models.CharField(max_length=2, editable=False)
    regency_code = models.CharField(max_length=5)
    as_of = models.DateField()
    tallies = models.JSONField(default=dict)
    fingerprint = models.CharField(max_length=200, blank=True)
    computed_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["province_code", "regency_code"])]

    def __str__(self) -> str:
        return f"{self.organisation_id} @ {self.as_of}"
