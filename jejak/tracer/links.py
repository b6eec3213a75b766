"""Personal survey links: secrets derived, never stored (see SurveyLink's docstring)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from urllib.parse import quote

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from jejak.lib.codes import hash_token


def new_seed() -> str:
    return secrets.token_hex(16)  # 128 random bits


def token_for(seed: str) -> str:
    """The link's secret: HMAC-SHA256 of the seed under the server's survey key."""
    digest = hmac.new(settings.SURVEY_LINK_KEY.encode(), seed.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def seed_and_hash() -> tuple[str, str]:
    seed = new_seed()
    return seed, hash_token(token_for(seed))


def survey_url(seed: str, name: str = "tracer:survey") -> str:
    return settings.SITE_URL + reverse(name, args=[token_for(seed)])


def whatsapp_url(phone_e164: str, name: str, school: str, link: str) -> str:
    """A wa.me click-to-send link with the Indonesian invitation prefilled."""
    text = _(
        "Halo %(name)s, alumni %(school)s. Sekolah sedang menelusuri kabar lulusan. "
        "Mohon isi survei singkat ini (5 menit) lewat tautan pribadi Anda: %(link)s "
        "Terima kasih!"
    ) % {"name": name.split()[0], "school": school, "link": link}
    number = phone_e164.lstrip("+") if phone_e164.startswith("+628") else ""
    return f"https://wa.me/{number}?text={quote(text)}"


def employer_whatsapp_url(phone_e164: str, contact: str, school: str, link: str) -> str:
    """A wa.me link inviting an employer's contact to the satisfaction survey."""
    text = _(
        "Yth. %(contact)s, %(school)s memohon penilaian Bapak/Ibu atas lulusan kami yang "
        "bekerja di perusahaan Anda. Survei singkat (3 menit): %(link)s Terima kasih."
    ) % {"contact": contact, "school": school, "link": link}
    number = phone_e164.lstrip("+") if phone_e164.startswith("+62") else ""
    return f"https://wa.me/{number}?text={quote(text)}"
