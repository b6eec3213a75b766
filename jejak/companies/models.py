"""What schools know about companies: evidence they checked, warnings, partnerships.

A company is an `Organisation` of kind company; its recruiters are memberships in it. Vetting
and flags carry the province of the school that wrote them: the trust record is shared by
every school and office of that province, and by no other.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jejak.lib.codes import new_code
from jejak.organisations.models import Organisation, OrganisationRow


class Ownership(models.TextChoices):
    """Who owns the company, as UU 8/2016 Pasal 53 sets the quota apart."""

    PRIVATE = "swasta", _("Swasta")
    BUMN = "bumn", _("BUMN")
    BUMD = "bumd", _("BUMD")
    GOVERNMENT = "pemerintah", _("Pemerintah")


class CompanyInfo(OrganisationRow):
    """The company's own details, given at sign-up or by the BKK that registered it."""

    class Source(models.TextChoices):
        SELF = "self", _("Mendaftar sendiri")
        SCHOOL = "school", _("Didaftarkan BKK")

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="company_info"
    )
    province_code = models.CharField(max_length=2, editable=False)
    nib = models.CharField(_("NIB (Nomor Induk Berusaha)"), max_length=13, blank=True)
    # Its line of business as the OSS/NIB gives it (KBLI 2020, up to 5 digits): the default
    # for its vacancies and placements, which may say otherwise.
    kbli = models.CharField(_("KBLI 2020"), max_length=5, blank=True)
    email_domain = models.CharField(_("domain email"), max_length=100, blank=True)
    website = models.URLField(_("situs web"), blank=True)
    contact_name = models.CharField(_("nama kontak"), max_length=150, blank=True)
    contact_email = models.EmailField(_("email kontak"), blank=True)
    contact_phone = models.CharField(_("nomor HP kontak"), max_length=16, blank=True)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.SELF)
    # The workforce the company reports, for the disability quota of UU 8/2016 Pasal 53
    # (jejak.companies.quota): left empty until the company says.
    ownership = models.CharField(
        _("kepemilikan"), max_length=12, choices=Ownership.choices, blank=True
    )
    headcount = models.PositiveIntegerField(_("jumlah pekerja"), null=True, blank=True)
    disabled_workers = models.PositiveIntegerField(
        _("pekerja penyandang disabilitas"), null=True, blank=True
    )
    workforce_reported_on = models.DateField(_("tanggal data pekerja"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.organisation)


class Vetting(OrganisationRow):
    """A school checked the company: which evidence, who, when, with a note."""

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    company = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="vettings")
    # The school whose BKK vetted; the province is the school's, the scope of the trust.
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    province_code = models.CharField(max_length=2, editable=False)
    nib = models.CharField(_("NIB yang diperiksa"), max_length=13, blank=True)
    email_domain = models.CharField(_("domain email yang diperiksa"), max_length=100, blank=True)
    visited_on = models.DateField(_("tanggal kunjungan"), null=True, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    vetted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["province_code", "company"])]

    def __str__(self) -> str:
        return f"{self.company} · {self.organisation}"


class Flag(OrganisationRow):
    """A warning about a company (suspected fake, unpaid wages, …), open until resolved."""

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    company = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="flags")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    province_code = models.CharField(max_length=2, editable=False)
    reason = models.TextField(_("alasan"))
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolution = models.TextField(_("penyelesaian"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["province_code", "company", "resolved_at"])]

    def __str__(self) -> str:
        return f"{self.company}: {self.reason[:60]}"


class Partnership(OrganisationRow):
    """A partnership agreement (MoU) between a company and a school."""

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="partnerships",
        verbose_name=_("sekolah"),
    )
    province_code = models.CharField(max_length=2, editable=False)
    company = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    number = models.CharField(_("nomor MoU"), max_length=100, blank=True)
    starts_on = models.DateField(_("berlaku mulai"))
    ends_on = models.DateField(_("berlaku sampai"), null=True, blank=True)
    scope = models.TextField(_("ruang lingkup"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on"]
        indexes = [models.Index(fields=["organisation", "company"])]

    def __str__(self) -> str:
        return f"{self.company} · {self.organisation}"
