"""Render one survey question as plain, accessible HTML (no JavaScript)."""

from __future__ import annotations

import functools
from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from jejak.tracer.instrument import Question
from jejak.tracer.resolvers import job_titles

register = template.Library()


@register.simple_tag
def question(q: Question, answers: dict[str, Any], errors: dict[str, str], industries: Any) -> str:
    value = answers.get(q.key, "")
    if q.kind == "kbji" and isinstance(value, dict):
        value = value.get("title", "")
    if q.kind == "region" and isinstance(value, dict):
        value = value.get("name") or (
            f"luar negeri {value['country']}" if value.get("country") else value.get("code", "")
        )
    error = errors.get(q.key, "")
    listed = tuple((i.code, i.name) for i in industries) if q.kind == "kbli" else ()
    if not error and _everyones(q, value, listed):
        return _shared(get_language(), q, value, listed)
    return _render(q, value, error, industries)


def _everyones(q: Question, value: Any, listed: tuple[tuple[str, str], ...]) -> bool:
    """Nothing of the person's own: a blank field, or one of the question's listed choices.
    Most of a questions page, and the same for every alumnus."""
    if value == "":
        return True
    if q.kind == "kbli":
        return any(code == value for code, _ in listed)
    if q.kind in {"choice", "scale"} and isinstance(value, str | int):
        return any(str(code) == str(value) for code, _ in q.options)
    return False


def _render(q: Question, value: Any, error: str, industries: Any) -> str:
    # The ids of the help and error texts the template renders, for aria-describedby.
    described = " ".join(
        name for name, shown in [(f"h-{q.key}", q.help), (f"e-{q.key}", error)] if shown
    )
    return render_to_string(
        "tracer/question.html",
        {"q": q, "value": value, "error": error, "described": described, "industries": industries},
    )


@functools.lru_cache(maxsize=1024)
def _shared(language: str | None, q: Question, value: str, industries: tuple[Any, ...]) -> str:
    """A question as everyone sees it, rendered once per process: kept per language (the
    labels are translated) and per list of industries (the KBLI list's own question)."""
    listed = [_Industry(code, name) for code, name in industries]
    return SafeString(_render(q, value, "", listed))


class _Industry:
    """What the template reads of an industry, from the cache key's (code, name) pairs."""

    def __init__(self, code: str, name: str) -> None:
        self.code, self.name = code, name


@register.simple_tag
def job_title_list() -> str:
    """The job titles a KBJI question suggests (a <datalist>), rendered once per process."""
    return _job_title_list(tuple(sorted(job_titles())))


@functools.lru_cache(maxsize=4)
def _job_title_list(titles: tuple[str, ...]) -> str:
    if not titles:
        return ""
    options = format_html_join("", '<option value="{}">', ((title,) for title in titles))
    return format_html('<datalist id="jabatan-daftar">{}</datalist>', options)
