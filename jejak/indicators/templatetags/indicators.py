"""Showing figures: a rate as a percentage with what it rests on, months with a comma.

Rounding is half-up to one decimal in the active locale (jejak.lib.rounding), the same as in
charts and exports."""

from __future__ import annotations

from typing import Any

from django import template

from jejak.indicators.definitions import ACTIVITY_LABELS, EMPLOYMENT_LABELS
from jejak.lib.rounding import decimal_text, percent_text

register = template.Library()


@register.filter
def pct(rate: Any) -> str:
    """{"value": 0.8889, "numerator": 40, "denominator": 45} -> 88,9% (locale decimal mark);
    a plain share (0.8889) works too; '–' when there is no value."""
    return percent_text(rate)


@register.filter
def nd(rate: Any) -> str:
    """{"numerator": 12, "denominator": 40} -> 12/40."""
    if not isinstance(rate, dict):
        return ""
    return f"{rate['numerator']}/{rate['denominator']}"


@register.filter
def months(value: Any) -> str:
    return decimal_text(value)


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
