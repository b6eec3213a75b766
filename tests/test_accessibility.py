"""Accessibility the browser walk (tests/browser/test_accessibility.py) cannot see or would see
slowly: ids that descriptions point at, the survey's error summary, the language of the plain
pages, polling that leaves focus alone and can be stopped, and the palette's contrast."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

from jejak.tracer import links, services
from jejak.tracer.models import Campaign, SurveyLink
from tests.conftest import Tenant

pytestmark = pytest.mark.django_db

IDREF_ATTRIBUTES = ("aria-describedby", "aria-labelledby", "aria-controls", "for")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


def tags(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def dangling_idrefs(html: str) -> list[str]:
    """Each `attribute=id` on the page naming an id no element has, and each in-page link
    (#id) that leads nowhere."""
    found = tags(html)
    ids = {attrs["id"] for _, attrs in found if attrs.get("id")}
    dangling = []
    for tag, attrs in found:
        for name in IDREF_ATTRIBUTES:
            dangling += [
                f"{tag}[{name}={ref}]" for ref in attrs.get(name, "").split() if ref not in ids
            ]
        href = attrs.get("href", "")
        if tag == "a" and href.startswith("#") and len(href) > 1 and href[1:] not in ids:
            dangling.append(f"a[href={href}]")
    return dangling


def with_id(html: str, element_id: str) -> dict[str, str]:
    return next(attrs for _, attrs in tags(html) if attrs.get("id") == element_id)


# Staff forms


def test_staff_form_descriptions_point_at_rendered_help_and_errors(
    client: Any, login: Any, jember: Tenant
) -> None:
    login(jember.bkk)
    page = client.post(reverse("jobs:new", args=[jember.school.code]), {"title": ""})
    html = page.content.decode()
    assert page.status_code in {200, 422} and 'aria-invalid="true"' in html
    assert dangling_idrefs(html) == []
    described = [a["aria-describedby"] for _, a in tags(html) if a.get("aria-describedby")]
    assert any(d.endswith("_helptext") for d in " ".join(described).split())
    assert any(d.endswith("_error") for d in " ".join(described).split())


def test_radio_groups_in_staff_forms_are_fieldsets_named_by_a_legend(
    client: Any, login: Any, jember: Tenant
) -> None:
    login(jember.bkk)
    html = client.get(reverse("tracer:campaign_new", args=[jember.school.code])).content.decode()
    assert "<legend>" in html and 'for=""' not in html and dangling_idrefs(html) == []


# The survey's error pages


def _survey(campaign: Campaign, jember: Tenant) -> str:
    link = SurveyLink.objects.get(campaign=campaign, alumnus=jember.alumnus)
    return reverse("tracer:survey", args=[links.token_for(link.seed)])


def test_survey_error_page_summarises_errors_with_links_and_takes_focus(
    client: Any, campaign: Campaign, jember: Tenant
) -> None:
    url = _survey(campaign, jember)
    client.post(url, {"persetujuan": "setuju", "kegiatan": "bekerja", "aksi": "simpan"})
    page = client.post(url, {"kegiatan": "bekerja", "aksi": "kirim"})
    html = page.content.decode()
    assert page.status_code == 422
    summary = re.search(r'<section class="errsum"[^>]*>(.*?)</section>', html, re.S)
    assert summary is not None
    assert "autofocus" in summary.group(0) and 'tabindex="-1"' in summary.group(0)
    anchors = re.findall(r'href="#(f-[\w-]+)"', summary.group(1))
    invalid = [a for _, a in tags(html) if a.get("aria-invalid") == "true"]
    assert len(anchors) >= 5 and "f-nama_instansi" in anchors
    assert dangling_idrefs(html) == []
    # Each field the summary names is marked invalid and described by its own message.
    for anchor in anchors:
        field = with_id(html, anchor)
        assert field.get("aria-invalid") == "true", anchor
    assert all(
        "e-" in (a.get("aria-describedby") or "") for a in invalid if a.get("type") != "radio"
    )
    assert 'role="alert"' not in html  # one summary, not an alert per field
    assert html.index("errsum") < html.index("<form")


def test_survey_text_field_keeps_its_help_when_it_has_an_error(
    client: Any, campaign: Campaign, jember: Tenant
) -> None:
    url = _survey(campaign, jember)
    client.post(url, {"persetujuan": "setuju", "kegiatan": "bekerja", "aksi": "simpan"})
    html = client.post(url, {"kegiatan": "bekerja", "aksi": "kirim"}).content.decode()
    assert with_id(html, "f-jabatan")["aria-describedby"] == "h-jabatan e-jabatan"


def test_survey_consent_error_is_summarised_and_tied_to_the_checkbox(
    client: Any, campaign: Campaign, jember: Tenant
) -> None:
    page = client.post(_survey(campaign, jember), {"kegiatan": "bekerja", "aksi": "simpan"})
    html = page.content.decode()
    assert page.status_code == 422 and 'href="#f-persetujuan"' in html
    checkbox = with_id(html, "f-persetujuan")
    assert checkbox["aria-invalid"] == "true" and checkbox["aria-describedby"] == "e-p"
    assert dangling_idrefs(html) == []


def test_employer_survey_errors_are_summarised_with_links(
    client: Any, campaign: Campaign, jember: Tenant
) -> None:
    survey = services.employer_survey_add(
        campaign=campaign, school=jember.school, employer_name="PT Kopi", actor=jember.bkk
    )
    url = reverse("tracer:employer_survey", args=[links.token_for(survey.seed)])
    html = client.post(url, {}).content.decode()
    assert 'href="#f-nama_responden"' in html and 'href="#f-etika"' in html
    assert with_id(html, "f-etika")["aria-invalid"] == "true"
    assert dangling_idrefs(html) == []


# Language


@pytest.mark.parametrize("language", ["id", "en"])
def test_invalid_link_page_speaks_the_requests_language(client: Any, language: str) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("tracer:survey", args=["no-such-link"]))
    html = page.content.decode()
    assert page.status_code == 404 and f'<html lang="{language}">' in html
    assert ("Survey link" in html or "survey link" in html) == (language == "en")
    assert "<main>" in html


# Pages that refresh themselves


def test_follow_up_polls_only_the_status_tags_and_can_be_stopped(
    client: Any, login: Any, jember: Tenant, campaign: Campaign
) -> None:
    login(jember.teacher)
    url = reverse(
        "tracer:follow_up", args=[jember.school.code, campaign.code, jember.own_class.code]
    )
    html = client.get(url).content.decode()
    people = re.search(r'<ul class="people" id="people"[^>]*>', html)
    assert people is not None and "hx-" not in people.group(0)  # the list is never replaced
    poll = with_id(html, "status-poll")
    assert poll["hx-trigger"] == "every 20s" and poll["hx-swap"] == "none"
    status = f"#status-{jember.alumnus.code}"
    assert poll["hx-select-oob"] == status and with_id(html, status[1:])
    assert 'href="?segar=0"' in html
    stopped = client.get(url + "?segar=0").content.decode()
    assert "hx-trigger" not in stopped and 'href="?"' in stopped


def test_campaign_progress_keeps_focus_by_ids_and_can_be_stopped(
    client: Any, login: Any, jember: Tenant, campaign: Campaign
) -> None:
    login(jember.bkk)
    url = reverse("tracer:campaign", args=[jember.school.code, campaign.code])
    html = client.get(url + "?per=class").content.decode()
    assert with_id(html, "progress")["hx-trigger"] == "every 15s"
    assert with_id(html, f"kelas-{jember.own_class.code}")  # htmx refocuses by id
    assert 'href="?per=class&amp;segar=0"' in html
    stopped = client.get(url + "?per=class&segar=0").content.decode()
    assert "hx-trigger" not in with_id(stopped, "progress")
    assert 'href="?per=class&amp;"' in stopped


# The palette


def _contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        hex_digits = colour.lstrip("#")
        if len(hex_digits) == 3:
            hex_digits = "".join(c * 2 for c in hex_digits)
        channels = [int(hex_digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted([luminance(a), luminance(b)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _palette() -> dict[str, str]:
    css = (Path(settings.BASE_DIR) / "jejak/static/css/jejak.css").read_text()
    return dict(re.findall(r"--([\w-]+):(#[0-9a-fA-F]{3,6})", css))


def test_focus_ring_stands_out_three_to_one_where_it_is_drawn() -> None:
    colours = _palette()
    assert _contrast(colours["focus"], "#fff") >= 3  # WCAG 1.4.11 / 2.4.7
    assert _contrast(colours["focus"], colours["bg"]) >= 3
    # On the green header bar the ring is drawn in the bar's text colour.
    css = (Path(settings.BASE_DIR) / "jejak/static/css/jejak.css").read_text()
    assert ".top :focus-visible{outline-color:var(--brand-ink)}" in css
    assert _contrast(colours["brand-ink"], colours["brand"]) >= 3


def test_text_colours_meet_four_and_a_half_to_one() -> None:
    colours = _palette()
    for text, background in [
        ("ink", "bg"), ("muted", "#fff"), ("muted", "bg"), ("bad", "#fff"), ("ok", "#fff"),
        ("brand-ink", "brand"),
    ]:  # fmt: skip
        ratio = _contrast(colours[text], colours.get(background, background))
        assert ratio >= 4.5, f"{text} on {background}: {ratio:.2f}"


def test_survey_pages_focus_ring_meets_three_to_one() -> None:
    template = Path(settings.BASE_DIR) / "jejak/templates/tracer/survey_base.html"
    ring = re.search(r":focus-visible\{outline:3px solid (#[0-9a-f]{6})", template.read_text())
    assert ring is not None and _contrast(ring.group(1), "#fff") >= 3
