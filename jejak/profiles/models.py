"""An alumnus's CV: their own entries and documents on top of the register record, and what
they choose to share with companies (UU PDP: consent per section, recorded with its time)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from jejak.lib.codes import new_code
from jejak.organisations.models import OrganisationRow

# Sections an alumnus may share with companies, and whether each is shared by default.
# Conservative: what a recruiter needs to judge fit, nothing that lets them reach the person
# or learn something sensitive without the alumnus saying so.
SHARING_DEFAULTS: dict[str, bool] = {
    "share_skills": True,
    "share_certificates": True,
    "share_experience": True,
    "share_contact": False,
    "share_documents": False,
    "share_disability": False,
}


class Profile(OrganisationRow):
    """The alumnus's summary, skills and sharing choices. Created on first edit."""

    alumnus = models.OneToOneField(
        "alumni.Alumnus", on_delete=models.CASCADE, related_name="profile"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    province_code = models.CharField(max_length=2, editable=False)
    summary = models.TextField(_("ringkasan diri"), max_length=800, blank=True)
    skills = models.JSONField(_("keahlian"), default=list, blank=True)
    share_skills = models.BooleanField(_("keahlian dan bahasa"), default=True)
    share_certificates = models.BooleanField(_("sertifikat kompetensi"), default=True)
    share_experience = models.BooleanField(
        _("pengalaman (PKL, kerja) dan pendidikan lanjutan"), default=True
    )
    share_contact = models.BooleanField(_("nomor HP dan email"), default=False)
    share_documents = models.BooleanField(_("dokumen unggahan"), default=False)
    share_disability = models.BooleanField(_("kebutuhan khusus (disabilitas)"), default=False)
    # When the alumnus last stated their sharing choices; None: never asked, defaults apply.
    sharing_consent_at = models.DateTimeField(_("waktu persetujuan berbagi"), null=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profil alumni")
        verbose_name_plural = _("profil alumni")
        indexes = [models.Index(fields=["organisation", "updated_at"])]

    def __str__(self) -> str:
        return str(self.alumnus)

    def sharing(self) -> dict[str, bool]:
        return {name: bool(getattr(self, name)) for name in SHARING_DEFAULTS}


class Entry(OrganisationRow):
    """One line of the CV. The kinds share columns; `ENTRY_FIELDS` in forms.py says which
    columns each kind uses and what they mean (a certificate's `organisation_name` is its
    issuer, an internship's the company)."""

    class Kind(models.TextChoices):
        CERTIFICATE = "certificate", _("Sertifikat kompetensi (LSP/BNSP)")
        INTERNSHIP = "internship", _("Praktik kerja lapangan (PKL)")
        EXPERIENCE = "experience", _("Pengalaman kerja dan lainnya")
        EDUCATION = "education", _("Pendidikan setelah SMK")
        LANGUAGE = "language", _("Bahasa")

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    alumnus = models.ForeignKey(
        "alumni.Alumnus", on_delete=models.CASCADE, related_name="cv_entries"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    province_code = models.CharField(max_length=2, editable=False)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("nama"), max_length=150)
    organisation_name = models.CharField(_("lembaga"), max_length=150, blank=True)
    number = models.CharField(_("nomor"), max_length=80, blank=True)
    level = models.CharField(_("tingkat"), max_length=60, blank=True)
    start_date = models.DateField(_("mulai"), null=True, blank=True)
    end_date = models.DateField(_("selesai"), null=True, blank=True)
    description = models.TextField(_("keterangan"), max_length=600, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "-start_date", "-created_at"]
        verbose_name = _("entri CV")
        verbose_name_plural = _("entri CV")
        indexes = [models.Index(fields=["organisation", "alumnus", "kind"])]

    def __str__(self) -> str:
        return self.title


class Document(OrganisationRow):
    """An uploaded file. Its type comes from its content, never from the name it came with;
    it is stored under a random name in PRIVATE_MEDIA_ROOT and served only through a view."""

    class Kind(models.TextChoices):
        CV = "cv", _("CV / daftar riwayat hidup")
        CERTIFICATE = "certificate", _("Sertifikat")
        DIPLOMA = "diploma", _("Ijazah / transkrip")
        ID_CARD = "id_card", _("Kartu (AK/1, KTP)")
        OTHER = "other", _("Lainnya")

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    alumnus = models.ForeignKey(
        "alumni.Alumnus", on_delete=models.CASCADE, related_name="cv_documents"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    province_code = models.CharField(max_length=2, editable=False)
    kind = models.CharField(_("jenis dokumen"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("judul"), max_length=120)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    # Relative to PRIVATE_MEDIA_ROOT, random; the uploaded name is never used on disk.
    stored_name = models.CharField(max_length=80, unique=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("dokumen")
        verbose_name_plural = _("dokumen")
        indexes = [models.Index(fields=["organisation", "alumnus"])]

    def __str__(self) -> str:
        return self.title

    @property
    def extension(self) -> str:
        return self.stored_name.rsplit(".", 1)[-1]
