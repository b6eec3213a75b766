"""CV pages: the alumnus's own under /me/profile/, the school's read-only view, and document
downloads that check who is asking every time."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from jejak import files
from jejak.accounts.access import Access, organisation_access
from jejak.alumni.models import Alumnus
from jejak.alumni.selectors import own_record
from jejak.audit.services import log_action
from jejak.confirm import ask, confirmed
from jejak.profiles import services, uploads
from jejak.profiles.access import company_may_see
from jejak.profiles.forms import (
    ENTRY_FIELDS,
    DocumentForm,
    EntryForm,
    ProfileForm,
    SharingForm,
)
from jejak.profiles.models import Document, Entry
from jejak.profiles.selectors import (
    full_cv,
    own_document,
    own_entry,
    profile_of,
    school_alumnus,
    shared_profile,
)


@login_required
def me(request: HttpRequest) -> HttpResponse:
    alumnus = own_record(request.user)
    cv = full_cv(alumnus)
    return render(
        request,
        "profiles/me.html",
        {"alumnus": alumnus, "cv": cv, "sharing": cv.profile.sharing(), "kinds": Entry.Kind},
    )


@login_required
def edit(request: HttpRequest) -> HttpResponse:
    alumnus = own_record(request.user)
    form = ProfileForm.for_profile(profile_of(alumnus), request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.profile_update(
            alumnus=alumnus,
            actor=request.user,
            summary=form.cleaned_data["summary"],
            skills=form.cleaned_data["skills"],
        )
        messages.success(request, _("Profil tersimpan."))
        return redirect("profiles:me")
    return render(request, "profiles/edit.html", {"form": form, "title": _("Ubah ringkasan")})


@login_required
def entry_new(request: HttpRequest, kind: str) -> HttpResponse:
    alumnus = own_record(request.user)
    if kind not in Entry.Kind.values:
        raise Http404
    form = EntryForm(request.POST or None, kind=kind)
    if request.method == "POST" and form.is_valid():
        services.entry_add(alumnus=alumnus, actor=request.user, kind=kind, data=form.cleaned_data)
        messages.success(request, _("Tersimpan di CV Anda."))
        return redirect("profiles:me")
    title = Entry.Kind(kind).label
    return render(request, "profiles/edit.html", {"form": form, "title": title})


@login_required
def entry_edit(request: HttpRequest, code: str) -> HttpResponse:
    entry = own_entry(own_record(request.user), code)
    initial = {name: getattr(entry, name) for name, _label, _req in ENTRY_FIELDS[entry.kind]}
    form = EntryForm(request.POST or None, kind=entry.kind, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.entry_update(entry=entry, actor=request.user, data=form.cleaned_data)
        messages.success(request, _("Tersimpan di CV Anda."))
        return redirect("profiles:me")
    return render(request, "profiles/edit.html", {"form": form, "title": entry.get_kind_display()})


@login_required
@require_POST
def entry_delete(request: HttpRequest, code: str) -> HttpResponse:
    entry = own_entry(own_record(request.user), code)
    if not confirmed(request):
        return ask(
            request, title=_("Hapus dari CV?"),
            consequence=_("“%(entry)s” dihapus permanen dari CV Anda dan tidak bisa "
                          "dikembalikan.") % {"entry": entry},
            button=_("Ya, hapus"), back=reverse("profiles:me"),
        )  # fmt: skip
    services.entry_delete(entry=entry, actor=request.user)
    messages.success(request, _("Dihapus dari CV Anda."))
    return redirect("profiles:me")


@login_required
def document_new(request: HttpRequest) -> HttpResponse:
    alumnus = own_record(request.user)
    existing = Document.objects.filter(alumnus=alumnus).count()
    form = DocumentForm(request.POST or None, request.FILES or None, existing=existing)
    if request.method == "POST" and form.is_valid():
        assert form.file_type is not None  # set by a valid form
        services.document_upload(
            alumnus=alumnus,
            actor=request.user,
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            data=form.data_bytes,
            file_type=form.file_type,
        )
        messages.success(
            request, _("Dokumen tersimpan (%(type)s).") % {"type": form.file_type.label}
        )
        return redirect("profiles:me")
    return render(
        request,
        "profiles/edit.html",
        {"form": form, "title": _("Unggah dokumen"), "multipart": True},
    )


@login_required
@require_POST
def document_delete(request: HttpRequest, code: str) -> HttpResponse:
    document = own_document(own_record(request.user), code)
    if not confirmed(request):
        return ask(
            request, title=_("Hapus dokumen %(title)s?") % {"title": document.title},
            consequence=_("Berkas ini dihapus permanen dan tidak bisa dikembalikan; perusahaan "
                          "yang Anda beri akses tidak bisa membukanya lagi."),
            button=_("Ya, hapus dokumen"), back=reverse("profiles:me"),
        )  # fmt: skip
    services.document_delete(document=document, actor=request.user)
    messages.success(request, _("Dokumen dihapus."))
    return redirect("profiles:me")


def _serve(document: Document) -> FileResponse:
    try:
        handle = files.open_read(uploads.document_name(document.stored_name))
    except FileNotFoundError as missing:
        raise Http404 from missing
    name = f"{slugify(document.title) or 'dokumen'}.{document.extension}"
    response = FileResponse(
        handle, as_attachment=True, filename=name, content_type=document.content_type
    )
    # Never rendered by the browser as a page of this site, whatever the bytes hold (a PDF
    # can carry HTML, a polyglot can pass a magic-number check): attachment, no sniffing,
    # and a sandbox with no sources should a browser open it anyway.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@never_cache
def my_document(request: HttpRequest, code: str) -> FileResponse:
    return _serve(own_document(own_record(request.user), code))


@login_required
def sharing(request: HttpRequest) -> HttpResponse:
    alumnus = own_record(request.user)
    profile = profile_of(alumnus)
    form = SharingForm(request.POST or None, initial=profile.sharing())
    if request.method == "POST" and form.is_valid():
        services.sharing_set(alumnus=alumnus, actor=request.user, choices=form.cleaned_data)
        messages.success(request, _("Pilihan berbagi data tersimpan."))
        return redirect("profiles:me")
    return render(request, "profiles/sharing.html", {"form": form, "profile": profile})


def _cv_context(alumnus: Alumnus) -> dict[str, object]:
    cv = full_cv(alumnus)
    return {"alumnus": alumnus, "cv": cv, "sharing": cv.profile.sharing()}


@login_required
def cv(request: HttpRequest) -> HttpResponse:
    return render(request, "profiles/cv_print.html", _cv_context(own_record(request.user)))


@login_required
def cv_pdf(request: HttpRequest) -> HttpResponse:
    from weasyprint import HTML  # heavy import, only when a PDF is asked for

    alumnus = own_record(request.user)
    html = render_to_string("profiles/cv_print.html", _cv_context(alumnus), request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    name = slugify(alumnus.name) or "cv"
    response["Content-Disposition"] = f'attachment; filename="cv-{name}.pdf"'
    return response


@login_required
def alumnus_cv(request: HttpRequest, org: str, alumnus_code: str) -> HttpResponse:
    """One alumnus's CV: in full for their own school's BKK; for a recruiter of company
    `org`, only what the alumnus shares, and only once `company_may_see` links them."""
    access = organisation_access(request.user, org)
    alumnus = _alumnus_for(access, alumnus_code)
    # UU PDP: who looked at a person's CV is part of their school's trail.
    log_action(
        actor=request.user,
        action="profile.viewed",
        obj=alumnus,
        changes={"by": access.organisation.name},
    )
    context: dict[str, object] = {"access": access, "org": access.organisation}
    if access.can("profiles.view"):
        return render(request, "profiles/staff_cv.html", context | _cv_context(alumnus))
    shared = shared_profile(alumnus)
    return render(request, "profiles/company_cv.html", context | {"shared": shared})


@login_required
@never_cache
def company_document(
    request: HttpRequest, org: str, alumnus_code: str, doc_code: str
) -> FileResponse:
    """A document, for a recruiter of company `org` when the alumnus shares documents and
    `company_may_see` links them; or for the BKK of the alumnus's own school. 404 otherwise,
    the same as for a document that does not exist."""
    access = organisation_access(request.user, org)
    alumnus = _alumnus_for(access, alumnus_code)
    if not access.can("profiles.view") and not profile_of(alumnus).share_documents:
        raise Http404
    document = own_document(alumnus, doc_code)
    log_action(
        actor=request.user,
        action="profile.document_downloaded",
        obj=alumnus,
        changes={"document": document.code, "by": access.organisation.name},
    )
    return _serve(document)


def _alumnus_for(access: Access, code: str) -> Alumnus:
    """The alumnus as this organisation may reach them: a school's or BLK's own alumni for
    its BKK; for a company's recruiter, an alumnus `company_may_see` links it to."""
    if access.can("profiles.view"):
        return school_alumnus(access.organisation, code)
    if not access.can("profiles.view_shared"):
        raise Http404
    alumnus = (
        Alumnus.objects.filter(code=code)
        .select_related("organisation", "major", "school_class", "region")
        .first()
    )
    if alumnus is None or not company_may_see(access.organisation, alumnus):
        raise Http404
    return alumnus
