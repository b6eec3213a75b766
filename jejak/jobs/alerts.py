"""Job alert links and messages: the unsubscribe token and the WhatsApp text."""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext as _

from jejak.alumni.models import Alumnus
from jejak.jobs.models import Vacancy

_SALT = "jejak.jobs.unsubscribe"


def unsubscribe_token(alumnus: Alumnus) -> str:
    return signing.dumps(alumnus.code, salt=_SALT)


def alumnus_code_from(token: str) -> str | None:
    try:
        return str(signing.loads(token, salt=_SALT))
    except signing.BadSignature:
        return None


def unsubscribe_url(alumnus: Alumnus) -> str:
    return settings.SITE_URL + reverse("jobs:unsubscribe", args=[unsubscribe_token(alumnus)])


def public_url(vacancy: Vacancy) -> str:
    return settings.SITE_URL + reverse("jobs:public_detail", args=[vacancy.code])


def whatsapp_url(alumnus: Alumnus, vacancy: Vacancy, school: str) -> str:
    """A wa.me click-to-send link with the vacancy and its public page, in Indonesian."""
    text = _(
        "Halo %(name)s, alumni %(school)s. Ada lowongan yang cocok untuk Anda: %(title)s di "
        "%(company)s, lamaran paling lambat %(deadline)s. Lihat dan lamar di sini: %(link)s"
    ) % {
        "name": alumnus.name.split()[0],
        "school": school,
        "title": vacancy.title,
        "company": vacancy.company.name,
        "deadline": vacancy.closes_on.strftime("%d-%m-%Y"),
        "link": public_url(vacancy),
    }
    return f"https://wa.me/{alumnus.whatsapp_number}?text={quote(text)}"
