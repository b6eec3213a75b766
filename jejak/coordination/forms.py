from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejak.companies.models import Partnership
from jejak.coordination.models import FollowUp, Invitee, Meeting
from jejak.coordination.selectors import invitable
from jejak.fairs.forms import _datetime_field
from jejak.jobs.models import Vacancy
from jejak.organisations.models import Organisation
from jejak.profiles import uploads
from jejak.reference.models import Region

BKK_KINDS = {Organisation.Kind.SCHOOL, Organisation.Kind.TRAINING_CENTRE}


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Judul rapat"), max_length=200)
    starts_at = _datetime_field(_("Mulai (tanggal dan jam)"))
    ends_at = _datetime_field(_("Selesai (tanggal dan jam)"))
    place = forms.CharField(label=_("Tempat"), max_length=200, required=False)
    online_link = forms.URLField(
        label=_("Tautan rapat daring"), required=False, assume_scheme="https"
    )
    agenda = forms.CharField(
        label=_("Agenda"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args: Any, meeting: Meeting | None = None, **kwargs: Any) -> None:
        if meeting is not None:
            kwargs.setdefault("initial", {f: getattr(meeting, f) for f in self.base_fields})
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Waktu selesai harus sesudah waktu mulai."))
        if not data.get("place") and not data.get("online_link") and "online_link" in data:
            self.add_error("place", _("Isi tempat rapat atau tautan rapat daring."))
        return data


class InviteForm(forms.Form):
    """Pick BKKs by regency, all of them, or one by one, plus the association and companies."""

    all_bkks = forms.BooleanField(label=_("Semua BKK di wilayah kerja"), required=False)
    regencies = forms.MultipleChoiceField(
        label=_("Semua BKK di kabupaten/kota"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Pilih satu per satu (BKK, asosiasi BKK, perusahaan)"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, office: Organisation, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        invited = Invitee.objects.filter(meeting=meeting).values("organisation")
        self.candidates = invitable(office).exclude(pk__in=invited)
        codes = office.area_regency_codes()
        self.fields["regencies"].choices = list(  # type: ignore[attr-defined]
            Region.objects.filter(code__in=codes).order_by("code").values_list("code", "name")
        )
        self.fields["organisations"].queryset = self.candidates  # type: ignore[attr-defined]
        self.fields["organisations"].label_from_instance = lambda org: (  # type: ignore[attr-defined]
            f"{org.name} ({org.get_kind_display()}, {org.region.name})"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        bkks = self.candidates.filter(kind__in=BKK_KINDS)
        chosen = set(data.get("organisations") or [])
        if data.get("all_bkks"):
            chosen |= set(bkks)
        if data.get("regencies"):
            chosen |= set(bkks.filter(region_id__in=data["regencies"]))
        if not chosen and not self.errors:
            raise forms.ValidationError(_("Pilih paling sedikit satu undangan baru."))
        data["chosen"] = sorted(chosen, key=lambda org: (org.kind, org.name))
        return data


class RespondForm(forms.Form):
    coming = forms.TypedChoiceField(
        label=_("Kehadiran"),
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        choices=[("yes", _("Kami hadir")), ("no", _("Kami tidak hadir"))],
    )
    people = forms.CharField(
        label=_("Yang akan hadir"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Satu orang per baris: nama, jabatan (contoh: Siti Aminah, Ketua BKK)."),
    )

    def clean_people(self) -> list[tuple[str, str]]:
        people = []
        for number, line in enumerate(self.cleaned_data["people"].splitlines(), start=1):
            if not line.strip():
                continue
            name, _sep, position = (part.strip() for part in line.partition(","))
            if not name or not position:
                raise forms.ValidationError(
                    _("Baris %(n)s: tulis nama dan jabatan dipisah koma.") % {"n": number}
                )
            if len(name) > 150 or len(position) > 150:
                raise forms.ValidationError(
                    _("Baris %(n)s: nama atau jabatan lebih dari 150 huruf.") % {"n": number}
                )
            people.append((name, position))
        return people

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("coming") and not data.get("people") and "people" not in self.errors:
            self.add_error("people", _("Tuliskan paling sedikit satu nama yang akan hadir."))
        return data


class WalkInForm(forms.Form):
    invitee = forms.ModelChoiceField(label=_("Dari"), queryset=Invitee.objects.none())
    name = forms.CharField(label=_("Nama"), max_length=150)
    position = forms.CharField(label=_("Jabatan"), max_length=150)

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["invitee"]
        field.queryset = Invitee.objects.filter(meeting=meeting).select_related("organisation")  # type: ignore[attr-defined]
        field.label_from_instance = lambda invitee: invitee.organisation.name  # type: ignore[attr-defined]


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Notulen"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )


class FollowUpForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis tindak lanjut"), choices=FollowUp.Kind.choices)
    description = forms.CharField(
        label=_("Uraian"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = forms.ModelChoiceField(
        label=_("Penanggung jawab"), queryset=Organisation.objects.none()
    )
    due_on = forms.DateField(label=_("Tenggat"), widget=_date_input())

    def __init__(self, *args: Any, owners: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=[o.pk for o in owners]
        ).order_by("kind", "name")


class DoneForm(forms.Form):
    done_on = forms.DateField(label=_("Tanggal selesai"), widget=_date_input())
    note = forms.CharField(
        label=_("Catatan"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    vacancy = forms.ModelChoiceField(
        label=_("Lowongan yang diunggah"), required=False, queryset=Vacancy.objects.none()
    )
    partnership = forms.ModelChoiceField(
        label=_("MoU yang ditandatangani"), required=False, queryset=Partnership.objects.none()
    )

    def __init__(self, *args: Any, follow_up: FollowUp, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"done_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        owner = follow_up.owner
        if follow_up.kind == FollowUp.Kind.VACANCY:
            self.fields["vacancy"].queryset = (  # type: ignore[attr-defined]
                Vacancy.objects.filter(Q(company=owner) | Q(posted_by_org=owner))
                .select_related("company")
                .order_by("-pk")
            )
        else:
            del self.fields["vacancy"]
        if follow_up.kind == FollowUp.Kind.MOU:
            self.fields["partnership"].queryset = Partnership.objects.filter(  # type: ignore[attr-defined]
                Q(organisation=owner) | Q(company=owner)
            ).select_related("company", "organisation")
        else:
            del self.fields["partnership"]


class EvaluationForm(forms.Form):
    text = forms.CharField(
        label=_("Evaluasi program kerja BKK"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Apa yang dilakukan BKK untuk menyiapkan alumni siap kerja, secara mental "
            "dan keterampilan; hasil dan kendalanya."
        ),
    )
    file = forms.FileField(
        label=_("Lampiran (PDF, JPG atau PNG, tidak wajib)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        help_text=_("Paling besar %(mb)s MB.") % {"mb": uploads.DOCUMENT_MAX_MB},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.file_type: uploads.FileType | None = None
        self.data_bytes = b""

    def clean_file(self) -> Any:
        """The same checks as a CV document: size first, then the type from the bytes."""
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        limit = uploads.max_document_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                _("Berkas terlalu besar (%(size)s MB); paling besar %(mb)s MB.")
                % {"size": round(upload.size / 1024 / 1024, 1), "mb": limit // (1024 * 1024)}
            )
        data = upload.read(limit + 1)
        file_type = uploads.detect_type(data[:16])
        if file_type is None:
            raise forms.ValidationError(
                _(
                    "Jenis berkas tidak diterima. Unggah PDF, JPG atau PNG (isi berkas diperiksa, "
                    "bukan hanya namanya)."
                )
            )
        self.file_type, self.data_bytes = file_type, data
        return upload


class AssociationForm(forms.Form):
    """An office registers the BKK association of its area and invites its officer."""

    name = forms.CharField(label=_("Nama asosiasi"), max_length=200)
    region = forms.ModelChoiceField(
        label=_("Wilayah"), queryset=Region.objects.none(), empty_label=None
    )
    officer_name = forms.CharField(label=_("Nama pengurus"), max_length=150)
    officer_email = forms.EmailField(label=_("Email pengurus"))

    def __init__(self, *args: Any, office: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        codes = {office.region_id, *office.area.values_list("code", flat=True)}
        self.fields["region"].queryset = Region.objects.filter(code__in=codes)  # type: ignore[attr-defined]
