from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jejak.organisations.models import Organisation
from jejak.profiles import uploads
from jejak.tandadaftar.models import Attachment


def _date() -> forms.DateInput:
    # ISO, the one value format an <input type="date"> accepts, whatever the page's language.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StartForm(forms.Form):
    office = forms.ModelChoiceField(
        label=_("Dinas tenaga kerja tujuan"), queryset=Organisation.objects.none(),
        empty_label=None,
    )  # fmt: skip

    def __init__(self, *args: Any, offices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]


class AttachmentForm(forms.Form):
    """A PDF or image, its type read from the first bytes (as for CV documents)."""

    kind = forms.ChoiceField(label=_("Jenis lampiran"), choices=Attachment.Kind.choices)
    file = forms.FileField(
        label=_("Berkas (PDF, JPG atau PNG)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        help_text=_("Paling besar %(mb)s MB.") % {"mb": uploads.DOCUMENT_MAX_MB},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
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


class SubmitForm(forms.Form):
    plan_year = forms.IntegerField(
        label=_("Tahun rencana penempatan di register BKK"), required=False,
        min_value=2000, max_value=2100,
        help_text=_("Dipakai bila rencana penempatan tidak diunggah sebagai berkas."),
    )  # fmt: skip
    note = forms.CharField(
        label=_("Catatan untuk dinas"), required=False, widget=forms.Textarea({"rows": 2})
    )


class IssueForm(forms.Form):
    number = forms.CharField(label=_("Nomor tanda daftar"), max_length=100)
    issued_on = forms.DateField(label=_("Tanggal terbit"), widget=_date())
    valid_until = forms.DateField(
        label=_("Berlaku sampai"), required=False, widget=_date(),
        help_text=_("Kosongkan bila tanda daftar tidak memiliki batas waktu."),
    )  # fmt: skip


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea({"rows": 3}))
