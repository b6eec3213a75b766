"""Ask once before an action that cannot be taken back.

A view handling such a POST starts with::

    if not confirmed(request):
        return ask(request, access=access, title=..., consequence=..., button=..., back=...)

Without `confirm=1` in the POST nothing changes: the person gets a page that says exactly what
will happen, with one button posting the same fields again plus `confirm=1`, and a way back.
It is a plain form, so it works without JavaScript; the first button may carry `hx-confirm`
for convenience, never as the only guard. Where undo is cheap, offer undo instead of this.

Every POST in the app, sorted (tests/test_confirmations.py pins the first two groups):
- asks first: tracer reissue (old link dies), tracer remind (mail cannot be recalled),
  bkkreports submit (frozen and sent), jobs fill (cannot reopen), jobs move to a final stage
  (cannot leave it; the alumnus is told), invitation revoke, the alumnus's withdraw, CV entry
  and document delete, erasure request, tanda daftar submission (documents frozen while the
  office reviews), BKK deactivation (no vacancies or reports until a new tanda daftar),
  declining a BLK sign-up, linking a trainee to another organisation's record as the same
  person, and undoing such a link (the two histories part; what was seen cannot be unseen),
  declining a company's training order (final, the company is told), the company
  cancelling its order (cannot be reopened), and telling the company a batch's graduates
  (once per batch, cannot be recalled).
- undo instead: tracer close (tracer reopen); answering "bukan orang yang sama" for a
  trainee and a record elsewhere (withdraw the answer on the same page).
- already a confirmation page or a filled-in form: alumni delete and merge (a page with the
  consequence and a reason), import confirm (after the dry run), vet, flag, flag resolve, MoU,
  person in charge, plan, review, reissue of a tanda daftar, tanda daftar issue and return
  (the office's review form), staff answer entry.
- cheap to redo or reverse, so no question: moves between middle stages, fair registration and
  cancelling, attendance toggles, class teacher, consent record, generate a report (again),
  start a tanda daftar application and upload its attachments (replaced while a draft),
  indicator report, password reset link (the password is unchanged until used), apply,
  accepting a BLK sign-up (results can be recorded or corrected after), accepting a training
  order, linking a batch to it, opening a batch for it, the BLK's note on it, uploading a
  file for an import (only its dry run runs; the import confirm writes),
  alerts, logout, language.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

_NOT_REPEATED = {"csrfmiddlewaretoken", "confirm"}


def confirmed(request: HttpRequest) -> bool:
    """True when the POST is the second, confirming step."""
    return request.POST.get("confirm") == "1"


def ask(
    request: HttpRequest,
    *,
    title: str,
    consequence: str,
    button: str,
    back: str,
    access: Any = None,
) -> HttpResponse:
    """The confirmation page for the POST in `request`, re-posting its fields to the same URL.

    `consequence` says what will happen in the person's words ("Tautan lama berhenti
    berlaku ..."); `button` names the action ("Ya, buat tautan baru"); `back` is where
    "Batal" leads.
    """
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in _NOT_REPEATED
        for value in values
    ]
    context = {
        "title": title, "consequence": consequence, "button": button, "back": back,
        "fields": fields, "action": request.get_full_path(), "access": access,
        "org": getattr(access, "organisation", None),
    }  # fmt: skip
    return render(request, "confirm.html", context)
