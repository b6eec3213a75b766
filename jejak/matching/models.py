"""A BKK's shortlist for a vacancy, and the candidates it offered to the company."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jejak.lib.codes import new_code
from jejak.organisations.models import Organisation, OrganisationRow


class Shortlisted(OrganisationRow):
    """One candidate a BKK put on its shortlist for a vacancy; `offered_at` once the BKK
    offered them to the company, which may then see what the candidate shares."""

    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    province_code = models.CharField(max_length=2, editable=False)
    vacancy = models.ForeignKey("jobs.Vacancy", on_delete=models.CASCADE, related_name="+")
    alumnus = models.ForeignKey("alumni.Alumnus", on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(_("skor"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    offered_at = models.DateTimeField(_("ditawarkan"), null=True, blank=True)

    class Meta:
        ordering = ["-score", "added_at"]
        verbose_name = _("kandidat pilihan")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "vacancy", "alumnus"], name="shortlisted_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} → {self.vacancy_id}"  # no name: audit labels outlive erasure


class PoolOptIn(OrganisationRow):
    """The person agreed to be found by vetted companies in the talent pool. Registering as a
    job seeker is not that agreement; this row is, until the person removes it."""

    alumnus = models.OneToOneField(
        "alumni.Alumnus", on_delete=models.CASCADE, related_name="pool_opt_in"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    province_code = models.CharField(max_length=2, editable=False)
    opted_in_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("persetujuan bursa talenta")

    def __str__(self) -> str:
        return f"{self.alumnus_id} · {self.opted_in_at:%Y-%m-%d}"
