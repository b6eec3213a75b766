"""Template helpers: permissions, Rupiah, masked values."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format
from lokal import parse_phone

from jejak.lib.rounding import percent_text
from jejak.outcomes.models import activity_text

register = template.Library()


@register.filter
def can(access: Any, permission: str) -> bool:
    """{% if access|can:"register.edit" %}"""
    return bool(access) and access.can(permission)


@register.filter
def office_sees(office: Any) -> str:
    """{{ access.as_office|office_sees }}: what this kind of office sees, in one sentence."""
    from jejak.accounts.access import OFFICE_SEES

    return str(OFFICE_SEES.get(getattr(office, "kind", ""), ""))


@register.filter
def phone(e164: str) -> str:
    """+6281234567890 -> 0812-3456-7890, the way Indonesians write and read it."""
    if not e164:
        return ""
    info = parse_phone(e164)
    return info.national or e164 if info.valid else e164


@register.filter
def rupiah(amount: Any) -> str:
    """Rp1.500.000 in Indonesian, Rp1,500,000 in English: grouping follows the locale."""
    if amount in (None, ""):
        return ""
    return "Rp" + number_format(amount, decimal_pos=0, force_grouping=True)


@register.filter
def share(numerator: Any, denominator: Any) -> str:
    """{{ r.submitted|share:r.total }} -> 88,9%: half-up to one decimal, by locale."""
    if not denominator:
        return "–"
    return percent_text({"numerator": int(numerator or 0), "denominator": int(denominator)})


@register.filter
def activity_label(code: Any) -> str:
    """mencari_kerja -> Mencari kerja: an outcome status in words, never its code."""
    return activity_text(code)


@register.filter
def get(mapping: Any, key: Any) -> Any:
    """{{ answers|get:key }}: a dictionary value whose key is itself a variable."""
    return mapping.get(key, "") if hasattr(mapping, "get") else ""
