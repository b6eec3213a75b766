"""A NUL byte (`%00`) in a URL part or a query parameter answers 404 or 400, never 500.

PostgreSQL refuses strings holding NUL, so any such value that reached a query was a server
error there (SQLite just found nothing). Every URL pattern is walked, so a new one is covered
the day it is added; CI runs this on both databases.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from tests.conftest import Tenant

_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")
SAMPLES = {"code": "abcdefghjk", "token": "abcDEF_123", "region": "35.09", "word": "xlsx"}


def _routes(patterns: list[Any] | None = None, prefix: str = "") -> Iterator[str]:
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


ROUTES_WITH_PARTS = sorted({r for r in _routes() if _PARAM.search(r)})


def _fill(route: str, org: str, poisoned: str | None) -> str:
    def part(match: re.Match[str]) -> str:
        converter, name = match.group(1) or "str", match.group(2)
        if name == poisoned:
            return "abc%00def"
        return org if name == "org" else SAMPLES.get(converter, "abc")

    return "/" + _PARAM.sub(part, route)


def test_every_url_part_is_typed() -> None:
    """No `<str:...>` left: each part matches only its own alphabet."""
    assert ROUTES_WITH_PARTS
    untyped = [r for r in ROUTES_WITH_PARTS if any(
        (m.group(1) or "str") in {"str", "path"} for m in _PARAM.finditer(r))]  # fmt: skip
    assert untyped == []


@pytest.mark.parametrize("route", ROUTES_WITH_PARTS)
def test_a_nul_in_any_url_part_does_not_resolve(route: str) -> None:
    for match in _PARAM.finditer(route):
        with pytest.raises(Resolver404):
            resolve(_fill(route, "abcdefghjk", match.group(2)).replace("%00", "\x00"))


def test_a_nul_in_any_url_part_answers_404_to_a_member(login: Any, jember: Tenant) -> None:
    client = login(jember.bkk)
    wrong = []
    for route in ROUTES_WITH_PARTS:
        for match in _PARAM.finditer(route):
            url = _fill(route, jember.school.code, match.group(2))
            # A POST may meet the CSRF check (403) first; neither may reach a query.
            answers = (client.get(url).status_code, client.post(url).status_code)
            if answers[0] != 404 or answers[1] not in {403, 404}:
                wrong.append((url, answers))
    assert wrong == []


ORG_PAGES = sorted(r for r in ROUTES_WITH_PARTS if [m.group(2) for m in _PARAM.finditer(r)]
                   == ["org"])  # fmt: skip
POISON = "&".join(
    f"{name}=a%00b"
    for name in ("q", "action", "state", "stage", "flag", "kind", "key", "cohort", "sort",
                 "dir", "page", "per", "nisn", "filled", "as_of", "untuk", "next")
)  # fmt: skip


def test_a_nul_in_a_query_parameter_answers_400(login: Any, jember: Tenant) -> None:
    client = login(jember.bkk)
    checked = 0
    for route in ORG_PAGES:
        for org in (jember.school, jember.office, jember.labour_office, jember.company):
            url = _fill(route, org.code, None) + "?" + POISON
            assert client.get(url).status_code == 400, url
            checked += 1
    for url in ("/", "/lowongan/", "/accounts/login/", "/me/lowongan/", "/fairs/"):
        assert client.get(url + "?" + POISON).status_code == 400, url
    assert checked > 40


def test_a_query_parameter_without_nul_still_works(login: Any, jember: Tenant) -> None:
    client = login(jember.bkk)
    assert client.get(f"/o/{jember.school.code}/audit/?action=x&page=2").status_code == 200


@pytest.mark.parametrize(
    "header", ["HTTP_USER_AGENT", "HTTP_ACCEPT", "HTTP_X_FORWARDED_FOR", "HTTP_COOKIE"]
)
def test_a_nul_in_a_request_header_answers_400_before_axes_stores_it(
    client: Any, jember: Tenant, header: str
) -> None:
    """Axes keeps the User-Agent and Accept of every failed login: on PostgreSQL a NUL
    there was a 500 (and the failure went uncounted)."""
    value = "sessionid=abcdefgh\x00ijkl" if header == "HTTP_COOKIE" else "a\x00b"
    response = client.post(
        "/accounts/login/", {"identifier": jember.bkk.email, "password": "salah"},
        **{header: value},
    )  # fmt: skip
    assert response.status_code == 400


def test_a_nul_in_a_form_field_answers_400(login: Any, jember: Tenant) -> None:
    client = login(jember.bkk)
    response = client.post("/accounts/login/", {"identifier": "x", "password": "a\x00"})
    assert response.status_code == 400
    plain = client.post("/accounts/login/", {"identifier": "x", "password": "a"})
    assert plain.status_code == 200
