"""The printable tanda daftar: an A4 PDF (WeasyPrint) with a QR code (segno) that opens the
public verification page."""

from __future__ import annotations

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from jejak.tandadaftar.models import Application


def verify_url(application: Application) -> str:
    return settings.SITE_URL + reverse("tandadaftar:verify", args=[application.verify_token])


def certificate_html(application: Application) -> str:
    url = verify_url(application)
    qr = segno.make(url, error="m").svg_inline(scale=3, border=2)
    return render_to_string(
        "tandadaftar/certificate.html",
        {"application": application, "bkk": getattr(application.organisation, "bkk", None),
         "verify_url": url, "qr": qr},
    )  # fmt: skip


def certificate_pdf(application: Application) -> bytes:
    import weasyprint  # heavy import, only when a certificate is asked for

    return weasyprint.HTML(string=certificate_html(application)).write_pdf()
