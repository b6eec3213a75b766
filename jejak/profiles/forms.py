from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jejak.profiles import uploads
from jejak.profiles.models import SHARING_DEFAULTS, Document, Entry, Profile

MAX_SKILLS = 30
MAX_DOCUMENTS = 20


# For each kind of CV entry: the columns it uses, with the label that column means there.
ENTRY_FIELDS: dict[str, list[tuple[str, Any, bool]]] = {
    Entry.Kind.CERTIFICATE: [
        ("title", _("Nama skema sertifikasi"), True),
        ("organisation_name", _("Penerbit (LSP/BNSP)"), True),
        ("number", _("Nomor sertifikat"), False),
        ("start_date", _("Tanggal terbit"), False),
        ("end_date", _("Berlaku sampai"), False),
    ],
    Entry.Kind.INTERNSHIP: [
        ("organisation_name", _("Tempat PKL (perusahaan)"), True),
        ("title", _("Bagian / tugas"), True),
        ("start_date", _("Mulai"), True),
        ("end_date", _("Selesai"), False),
        ("description", _("Yang dikerjakan"), False),
    ],
    Entry.Kind.EXPERIENCE: [
        ("title", _("Jabatan / kegiatan"), True),
        ("organisation_name", _("Tempat (perusahaan, usaha, organisasi)"), False),
        ("start_date", _("Mulai"), False),
        ("end_date", _("Selesai (kosongkan bila masih)"), False),
        ("description", _("Yang dikerjakan"), False),
    ],
    Entry.Kind.EDUCATION: [
        ("organisation_name", _("Kampus / lembaga"), True),
        ("title", _("Program studi / pelatihan"), True),
        ("level", _("Jenjang (D1–D4, S1, kursus)"), False),
        ("start_date", _("Mulai"), False),
        ("end_date", _("Selesai"), False),
    ],
    Entry.Kind.LANGUAGE: [
        ("title", _("Bahasa"), True),
        ("level", _("Kemampuan (dasar, menengah, lancar)"), False),
    ],
}


def parse_skills(text: str) -> list[str]:
    """'Las listrik, AutoCAD;  Excel' -> ['Las listrik', 'AutoCAD', 'Excel'], no duplicates."""
    seen: dict[str, str] = {}
    for part in text.replace(";", ",").replace("\n", ",").split(","):
        tag = " ".join(part.split())
        if tag and tag.lower() not in seen:
            seen[tag.lower()] = tag
    return list(seen.values())


class ProfileForm(forms.Form):
    summary = forms.CharField(
        label=_("Ringkasan diri"),
        required=False,
        max_length=800,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Dua atau tiga kalimat: keahlian utama dan pekerjaan yang Anda cari."),
    )
    skills = forms.CharField(
        label=_("Keahlian"),
        required=False,
        max_length=1200,
        help_text=_("Pisahkan dengan koma, misalnya: Las listrik, AutoCAD, Microsoft Excel"),
    )

    @classmethod
    def for_profile(cls, profile: Profile, data: Any = None) -> ProfileForm:
        initial = {"summary": profile.summary, "skills": ", ".join(profile.skills)}
        return cls(data, initial=initial)

    def clean_skills(self) -> list[str]:
        skills = parse_skills(self.cleaned_data["skills"])
        if len(skills) > MAX_SKILLS:
            raise forms.ValidationError(_("Keahlian paling banyak %(n)s.") % {"n": MAX_SKILLS})
        if any(len(tag) > 40 for tag in skills):
            raise forms.ValidationError(_("Setiap keahlian paling panjang 40 huruf."))
        return skills


class EntryForm(forms.Form):
    """One form for every kind of entry; the kind picks the fields and their labels."""

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        for name, label, required in ENTRY_FIELDS[kind]:
            model_field = Entry._meta.get_field(name)
            if name.endswith("_date"):
                self.fields[name] = forms.DateField(
                    label=label,
                    required=required,
                    widget=forms.DateInput(attrs={"type": "date"}),
                )
            elif name == "description":
                self.fields[name] = forms.CharField(
                    label=label, required=False, max_length=600,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )  # fmt: skip
            else:
                max_length = getattr(model_field, "max_length", None)
                self.fields[name] = forms.CharField(
                    label=label, required=required, max_length=max_length
                )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        if start and start > dt.date.today() + dt.timedelta(days=366):
            self.add_error("start_date", _("Tanggal mulai terlalu jauh di masa depan."))
        return data


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis dokumen"), choices=Document.Kind.choices)
    title = forms.CharField(label=_("Judul"), max_length=120, required=False)
    file = forms.FileField(
        label=_("Berkas (PDF, JPG atau PNG)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        help_text=_("Paling besar %(mb)s MB.") % {"mb": uploads.DOCUMENT_MAX_MB},
    )

    def __init__(self, *args: Any, existing: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.existing = existing
        self.file_type: uploads.FileType | None = None
        self.data_bytes = b""

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
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
                _("Jenis berkas tidak diterima. Unggah PDF, JPG atau PNG (isi berkas diperiksa, "
                  "bukan hanya namanya).")
            )  # fmt: skip
        self.file_type, self.data_bytes = file_type, data
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.existing >= MAX_DOCUMENTS:
            raise forms.ValidationError(
                _("Paling banyak %(n)s dokumen; hapus yang tidak perlu dulu.")
                % {"n": MAX_DOCUMENTS}
            )
        if not data.get("title") and data.get("kind"):
            data["title"] = str(dict(Document.Kind.choices)[data["kind"]])
        return data


class SharingForm(forms.Form):
    """What companies may see. Labels come from the model so the words stay the same."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in SHARING_DEFAULTS:
            self.fields[name] = forms.BooleanField(
                label=getattr(Profile._meta.get_field(name), "verbose_name", name), required=False
            )
