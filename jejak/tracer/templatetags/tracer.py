"""Render one survey question as plain, accessible HTML (no JavaScript)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string

from jejak.tracer.instrument import Question

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
    # The ids of the help and error texts the template renders, for aria-describedby.
    described = " ".join(
        name for name, shown in [(f"h-{q.key}", q.help), (f"e-{q.key}", error)] if shown
    )
    return render_to_string(
        "tracer/question.html",
        {"q": q, "value": value, "error": error, "described": described, "industries": industries},
    )
