"""Showing figures: a rate as a percentage with what it rests on, months with a comma."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format

from jejak.indicators.definitions import ACTIVITY_LABELS, EMPLOYMENT_LABELS

register = template.Library()


@register.filter
def pct(rate: Any) -> str:
    """{"value": 0.4531, …} -> 45,3% (locale decimal mark); '–' when there is no value."""
    value = rate.get("value") if isinstance(rate, dict) else rate
    if value is None:
        return "–"
    return number_format(value * 100, decimal_pos=1) + "%"


@register.filter
def nd(rate: Any) -> str:
    """{"numerator": 12, "denominator": 40} -> 12/40."""
    if not isinstance(rate, dict):
        return ""
    return f"{rate['numerator']}/{rate['denominator']}"


@register.filter
def months(value: Any) -> str:
    return "–" if value is None else number_format(value, decimal_pos=1)


@register.filter
def get(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if isinstance(mapping, dict) else None


@register.filter
def activity_label(code: str) -> Any:
    """An activity code (or a pair "bekerja+melanjutkan") in words."""
    return " + ".join(str(ACTIVITY_LABELS.get(part, part)) for part in str(code).split("+"))


@register.filter
def employment_label(code: str) -> Any:
    return EMPLOYMENT_LABELS.get(code, code)
