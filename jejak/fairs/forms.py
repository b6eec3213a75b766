from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejak.alumni.models import Alumnus
from jejak.fairs.models import Fair, FairCompany, FairRegistration
from jejak.organisations.models import Organisation
from jejak.reference.models import Region

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def _datetime_field(label: Any) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


def region_choices(organiser: Organisation) -> QuerySet[Region]:
    """A school holds fairs in its own regency; an office in any regency of its area."""
    codes = {organiser.region_id}
    if organiser.is_office:
        codes |= set(organiser.area_regency_codes()) | set(
            organiser.area.values_list("code", flat=True)
        )
    return Region.objects.filter(code__in=codes).order_by("code")


class FairForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis acara"), choices=Fair.Kind.choices)
    title = forms.CharField(label=_("Nama acara"), max_length=150)
    starts_at = _datetime_field(_("Mulai (tanggal dan jam)"))
    ends_at = _datetime_field(_("Selesai (tanggal dan jam)"))
    venue = forms.CharField(label=_("Tempat"), max_length=200)
    region = forms.ModelChoiceField(
        label=_("Wilayah"), queryset=Region.objects.none(), empty_label=None
    )
    audience = forms.ChoiceField(label=_("Terbuka untuk"), choices=Fair.Audience.choices)
    capacity = forms.IntegerField(
        label=_("Kapasitas alumni"),
        required=False,
        min_value=1,
        max_value=100000,
        help_text=_("Kosongkan bila tidak dibatasi."),
    )
    description = forms.CharField(
        label=_("Keterangan"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Syarat, berkas yang dibawa, perusahaan yang diundang."),
    )

    def __init__(self, *args: Any, organiser: Organisation, fair: Fair | None = None,
                 **kwargs: Any) -> None:  # fmt: skip
        if fair is not None:
            kwargs.setdefault(
                "initial",
                {name: getattr(fair, name) for name in
                 ["kind", "title", "starts_at", "ends_at", "venue", "region", "audience",
                  "capacity", "description"]},
            )  # fmt: skip
        super().__init__(*args, **kwargs)
        self.fair = fair
        self.fields["region"].queryset = region_choices(organiser)  # type: ignore[attr-defined]
        self.fields["region"].initial = self.initial.get("region") or organiser.region_id
        if organiser.is_office:
            del self.fields["audience"]  # an office's fairs are for its whole region

    def clean_starts_at(self) -> dt.datetime:
        starts: dt.datetime = self.cleaned_data["starts_at"]
        unchanged = self.fair is not None and self.fair.starts_at == starts
        if not unchanged and starts < timezone.now():
            raise forms.ValidationError(_("Waktu mulai tidak boleh di masa lalu."))
        return starts

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Waktu selesai harus setelah waktu mulai."))
        if starts and ends and ends - starts > dt.timedelta(days=14):
            self.add_error("ends_at", _("Satu acara paling lama 14 hari."))
        data.setdefault("audience", Fair.Audience.REGION)
        return data


class CompanyAddForm(forms.Form):
    company = forms.ModelChoiceField(
        label=_("Perusahaan"), queryset=Organisation.objects.none(), to_field_name="code"
    )

    def __init__(self, *args: Any, fair: Fair, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        taken = FairCompany.objects.filter(fair=fair).values("company")
        self.fields["company"].queryset = (  # type: ignore[attr-defined]
            Organisation.objects.filter(
                kind=Organisation.Kind.COMPANY, province_code=fair.province_code
            )
            .exclude(pk__in=taken)
            .order_by("name")
        )


class HireForm(forms.Form):
    alumnus = forms.ModelChoiceField(
        label=_("Alumni (yang hadir)"), queryset=Alumnus.objects.none(), to_field_name="code"
    )
    company = forms.ModelChoiceField(
        label=_("Perusahaan"), queryset=Organisation.objects.none(), to_field_name="code"
    )
    job_title = forms.CharField(label=_("Jabatan"), max_length=150)
    start_date = forms.DateField(
        label=_("Mulai kerja"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(
        self, *args: Any, fair: Fair, company: Organisation | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        attended = FairRegistration.objects.filter(fair=fair, attended_at__isnull=False)
        self.fields["alumnus"].queryset = (  # type: ignore[attr-defined]
            Alumnus.objects.filter(pk__in=attended.values("alumnus")).order_by("name")
        )
        companies = Organisation.objects.filter(
            pk__in=FairCompany.objects.filter(fair=fair).values("company")
        ).order_by("name")
        if company is not None:  # a recruiter records hires for their own company only
            companies = companies.filter(pk=company.pk)
            self.fields["company"].initial = company.code
            self.fields["company"].widget = forms.HiddenInput()
        self.fields["company"].queryset = companies  # type: ignore[attr-defined]
