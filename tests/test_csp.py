"""Content-Security-Policy: a strict header on every page of every role, and templates that
need nothing it forbids (the browser walks in tests/browser fail on any violation)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from jejak.tracer import links
from jejak.tracer.models import Campaign, SurveyLink
from tests.conftest import Tenant

ROOT = Path(__file__).resolve().parent.parent
# Rendered only into PDFs by WeasyPrint, never served as a page.
PDF_ONLY = {"indicators/report_pdf.html"}


def _policy(response: Any) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return {
        part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2] for part in header.split(";")
    }


def _assert_strict(response: Any) -> None:
    policy = _policy(response)
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'" and policy["base-uri"] == "'none'"
    assert "unsafe" not in response.headers["Content-Security-Policy"]


def test_every_role_gets_the_strict_policy(login: Any, jember: Tenant) -> None:
    for user in (jember.analyst, jember.bkk, jember.head, jember.teacher, jember.alumnus_user,
                 jember.recruiter, jember.blk_admin):  # fmt: skip
        client = login(user)
        response = client.get(reverse("home"), follow=True)
        assert response.status_code == 200, user
        _assert_strict(response)
        client.logout()


@pytest.mark.django_db
def test_public_pages_get_the_strict_policy(client: Any) -> None:
    for url in (reverse("accounts:login"), "/lowongan/", "/healthz"):
        _assert_strict(client.get(url))


def test_the_survey_style_block_carries_the_header_nonce(client: Any, campaign: Campaign,
                                                           jember: Tenant) -> None:  # fmt: skip
    link = SurveyLink.objects.get(campaign=campaign, alumnus=jember.alumnus)
    response = client.get(reverse("tracer:survey", args=[links.token_for(link.seed)]))
    assert response.status_code == 200
    _assert_strict(response)
    nonce = re.search(r"'nonce-([^']+)'", _policy(response)["style-src"])
    assert nonce is not None
    assert f'<style nonce="{nonce.group(1)}">' in response.content.decode()


def _templates() -> list[Path]:
    return sorted(ROOT.glob("jejak/templates/**/*.html")) + sorted(
        ROOT.glob("jejak/*/templates/**/*.html")
    )


def test_no_template_needs_inline_script_or_style_attributes() -> None:
    forbidden = re.compile(
        r"""\son[a-z]+\s*=|\sstyle\s*=|javascript:|<script(?![^>]*\ssrc=)|<style(?![^>]*nonce=)""",
        re.IGNORECASE,
    )
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in _templates()
        if not any(str(path).endswith(name) for name in PDF_ONLY)
        for match in forbidden.finditer(path.read_text())
    ]
    assert found == []
