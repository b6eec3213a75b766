"""Personal survey links: secrets derived, never stored (see SurveyLink's docstring), and
what a link opens."""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jejak.alumni.models import Alumnus
from jejak.db import Columns, read_joined
from jejak.lib.codes import hash_token
from jejak.organisations.models import Organisation
from jejak.tracer.models import Campaign, Response, SurveyLink


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


# What the survey page and its answers need; any other field loads on first use.
_LINK = Columns(SurveyLink, ("id", "campaign_id", "alumnus_id", "organisation_id",
                             "province_code", "revoked_at"))  # fmt: skip
_CAMPAIGN = Columns(Campaign, (
    "id", "code", "owner_id", "school_id", "region_id", "province_code", "name", "cohorts",
    "start_date", "end_date", "reference_date", "core_version", "extra_questions", "state",
))  # fmt: skip
_ALUMNUS = Columns(Alumnus, ("id", "code", "organisation_id", "province_code", "name",
                             "cohort", "birth_date", "consent", "consent_at"))  # fmt: skip
_SCHOOL = Columns(Organisation, ("id", "code", "kind", "name", "province_code"))
_RESPONSE = Columns(Response, (
    "id", "code", "campaign_id", "alumnus_id", "organisation_id", "province_code", "answers",
    "state", "source", "entered_by_id", "started_at", "submitted_at",
))  # fmt: skip


@dataclass
class Opened:
    """A usable link, with its campaign and alumnus (and the alumnus's school) attached,
    and the alumnus's response to the campaign if there is one."""

    link: SurveyLink
    response: Response | None


@functools.cache
def _opened_sql() -> str:
    tables = {columns: str(columns.model._meta.db_table) for columns in
              (_LINK, _CAMPAIGN, _ALUMNUS, _SCHOOL, _RESPONSE)}  # fmt: skip
    return (
        f"SELECT {_LINK.select('l')}, {_CAMPAIGN.select('c')}, {_ALUMNUS.select('a')}, "  # noqa: S608
        f"{_SCHOOL.select('o')}, {_RESPONSE.select('r')} FROM {tables[_LINK]} l "
        f"JOIN {tables[_CAMPAIGN]} c ON c.id = l.campaign_id "
        f"JOIN {tables[_ALUMNUS]} a ON a.id = l.alumnus_id "
        f"JOIN {tables[_SCHOOL]} o ON o.id = a.organisation_id "
        f"LEFT JOIN {tables[_RESPONSE]} r ON r.campaign_id = l.campaign_id "
        "AND r.alumnus_id = l.alumnus_id "
        "WHERE l.token_hash = %s AND l.revoked_at IS NULL AND c.state = %s "
        "AND c.start_date <= %s AND c.end_date >= %s"
    )


def open_link(token: str) -> Opened | None:
    """What a personal link opens while its campaign takes answers; None for a wrong,
    revoked or expired link alike.

    One hand-written query: the survey is the busiest page on a campaign's first day, and
    compiling the same lookup through the ORM cost more than the database work.
    """
    today = connection.ops.adapt_datefield_value(timezone.localdate())
    with connection.cursor() as cursor:
        cursor.execute(_opened_sql(), [hash_token(token), Campaign.State.OPEN, today, today])
        row = cursor.fetchone()
    if row is None:
        return None
    link, campaign, alumnus, school, response = read_joined(
        row, _LINK, _CAMPAIGN, _ALUMNUS, _SCHOOL, _RESPONSE
    )
    alumnus.organisation = school
    link.campaign, link.alumnus = campaign, alumnus
    return Opened(link, response)
