"""Personal survey links: secrets derived, never stored (see SurveyLink's docstring), and
what a link opens."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.db.models import F, FilteredRelation, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from jejak.lib.codes import hash_token
from jejak.lib.prepared import Prepared
from jejak.tracer.models import Response, SurveyLink


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


def whatsapp_url(phone_e164: str, name: str, school: str, link: str, *,
                 training: bool = False) -> str:  # fmt: skip
    """A wa.me click-to-send link with the Indonesian invitation prefilled; `training` words
    it for a BLK's trainees rather than a school's alumni."""
    values = {"name": name.split()[0], "school": school, "link": link}
    if training:
        text = (
            _(
                "Halo %(name)s, peserta pelatihan %(school)s. %(school)s sedang menelusuri kabar "
                "lulusan pelatihannya. Mohon isi survei singkat ini (5 menit) lewat tautan pribadi "
                "Anda: %(link)s Terima kasih!"
            )
            % values
        )
    else:
        text = (
            _(
                "Halo %(name)s, alumni %(school)s. Sekolah sedang menelusuri kabar lulusan. "
                "Mohon isi survei singkat ini (5 menit) lewat tautan pribadi Anda: %(link)s "
                "Terima kasih!"
            )
            % values
        )
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
_OPENED = (
    "id", "campaign_id", "alumnus_id", "organisation_id", "province_code", "revoked_at",
    *(f"campaign__{name}" for name in (
        "id", "code", "owner_id", "school_id", "region_id", "province_code", "name", "cohorts",
        "start_date", "end_date", "reference_date", "core_version", "extra_questions", "state",
    )),
    *(f"alumnus__{name}" for name in (
        "id", "code", "organisation_id", "province_code", "name", "cohort", "birth_date",
        "consent", "consent_at",
    )),
    *(f"alumnus__organisation__{name}" for name in ("id", "code", "kind", "name",
                                                    "province_code")),
)  # fmt: skip


def _answer() -> FilteredRelation:
    """The alumnus's response to the link's campaign (one at most: the pair is unique), to
    join into the link's query with all its fields (only() does not reach through it). A new
    one per query: a query takes its FilteredRelation over."""
    return FilteredRelation(
        "campaign__responses", condition=Q(campaign__responses__alumnus=F("alumnus"))
    )


@dataclass
class Opened:
    """A usable link, with its campaign and alumnus (and the alumnus's school) attached,
    and the alumnus's response to the campaign if there is one."""

    link: SurveyLink
    response: Response | None


def _opened(token_hash: str) -> QuerySet[SurveyLink]:
    return (
        SurveyLink.objects.annotate(answer=_answer())
        # django-stubs does not know select_related can follow a FilteredRelation.
        .select_related("campaign", "alumnus__organisation", "answer")  # type: ignore[misc]
        .only(*_OPENED)
        .filter(token_hash=token_hash)[:1]
    )


# Compiled once per process: the busiest query of the survey (every request of every
# alumnus) costs far more to compile than to run (see jejak.lib.prepared).
_by_hash = Prepared(SurveyLink, _opened)


def open_link(token: str) -> Opened | None:
    """What a personal link opens while its campaign takes answers; None for a wrong,
    revoked or expired link alike. One query, the response joined in; whether the link
    is usable today is checked on the row, so that the query never changes."""
    link = _by_hash.first(hash_token(token))
    if link is None or link.revoked_at is not None or not link.campaign.accepts_answers():
        return None
    # Django sets the joined response only when there is one.
    return Opened(link, getattr(link, "answer", None))
