"""One way to round and show shares and decimals everywhere: half-up, one decimal, by locale.

Python's `round` and format strings round half to even on binary floats (1/16 = 6.25% shows
as 6.2%) and Django's `number_format` cuts a float's extra digits (40/45 = 0.8889 shows as
88,8%). Tables, charts and exports all go through `percent` and `one_decimal` instead, so the
same figure reads the same on a page, in a chart and in a workbook.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.formats import number_format

ONE_DECIMAL = Decimal("0.1")


def one_decimal(value: float | Decimal | int | None) -> Decimal | None:
    """`value` rounded half-up to one decimal (as written in decimal, not as a binary float)."""
    if value is None:
        return None
    return Decimal(str(value)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def percent(rate: Any) -> Decimal | None:
    """A share as a percentage rounded half-up to one decimal: 40/45 -> 88.9.

    `rate` is a figure ({"value", "numerator", "denominator"}: the exact fraction is used) or
    a plain share between 0 and 1 (a benchmark quartile). None when there is no value.
    """
    if isinstance(rate, dict):
        numerator, denominator = rate.get("numerator"), rate.get("denominator")
        if numerator is not None and denominator:
            exact = Decimal(numerator) * 100 / Decimal(denominator)
            return exact.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
        rate = rate.get("value")
    if rate is None:
        return None
    return one_decimal(Decimal(str(rate)) * 100)


def share(numerator: int, denominator: int) -> Decimal | None:
    """numerator/denominator as a percentage, rounded half-up to one decimal."""
    return percent({"numerator": numerator, "denominator": denominator})


def percent_text(rate: Any) -> str:
    """A share shown in the active locale: 88,9% (id), 88.9% (en); '–' when there is none."""
    value = percent(rate)
    return "–" if value is None else number_format(value, decimal_pos=1) + "%"


def decimal_text(value: float | None) -> str:
    """A decimal (months) rounded half-up to one place, in the active locale; '–' if none."""
    rounded = one_decimal(value)
    return "–" if rounded is None else number_format(rounded, decimal_pos=1)
