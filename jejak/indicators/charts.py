"""Light, accessible SVG charts drawn on the server: no JavaScript, a title and a description
for screen readers, and every chart sits beside a table with the same numbers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from jejak.lib.rounding import percent_text

BAR = "#0b6e4f"
LINE_COLOURS = ("#0b6e4f", "#0550ae", "#b35900", "#8250df")


def _n(value: float) -> str:
    """format_html escapes its arguments to text, so numbers are formatted beforehand."""
    return f"{value:.1f}"


def _frame(title: str, desc: str, width: int, height: int, body: SafeString) -> SafeString:
    return format_html(
        # Its natural width, shrunk to fit by `svg.chart` in jejak.css (a style attribute
        # would break the Content-Security-Policy).
        '<svg class="chart" role="img" viewBox="0 0 {} {}" width="{}" height="{}" '
        'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        "<title>{}</title><desc>{}</desc>{}</svg>",
        width, height, width, height, title, desc, body,
    )  # fmt: skip


def bar_chart(items: Sequence[tuple[str, float | None]], *, title: str, desc: str) -> SafeString:
    """Horizontal bars of shares (0-1), one per labelled item; no bar when there is no value.
    A bar's label is the share as the tables show it (half-up, one decimal, by locale)."""
    row, label_w, bar_w = 22, 280, 300
    height = max(row * len(items) + 10, 30)
    parts = []
    for index, (label, value) in enumerate(items):
        y = 5 + index * row
        shown = percent_text(value)
        width = 0 if value is None else max(value * bar_w, 1)
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="12" text-anchor="end">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
                '<text x="{}" y="{}" font-size="12">{}</text>',
                label_w - 6,
                y + 14,
                label[:40],
                label_w,
                y + 3,
                width,
                row - 8,
                BAR,
                label_w + width + 4,
                y + 14,
                shown,
            )
        )
    # Every part was built by format_html, which escaped the labels.
    return _frame(title, desc, label_w + bar_w + 60, height, mark_safe("".join(parts)))


def line_chart(
    labels: Sequence[str], series: Mapping[str, Sequence[float | None]], *, title: str, desc: str
) -> SafeString:
    """Lines of shares (0-1) over labelled points (cohorts), with a legend."""
    left, top, width, height = 40, 10, 420, 160
    step = width / max(len(labels) - 1, 1)

    def point(i: int, v: float) -> tuple[float, float]:
        return left + i * step, top + height * (1 - v)

    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#d0d7de"></line>'
        '<text x="{}" y="{}" font-size="11" text-anchor="end">{}%</text>',
        ((left, left + width, _n(top + height * (1 - g)), _n(top + height * (1 - g)), left - 4,
          _n(top + height * (1 - g) + 4), int(g * 100)) for g in (0, 0.25, 0.5, 0.75, 1)),
    )  # fmt: skip
    ticks = format_html_join(
        "",
        '<text x="{}" y="{}" font-size="11" text-anchor="middle">{}</text>',
        ((_n(left + i * step), top + height + 16, label) for i, label in enumerate(labels)),
    )
    lines = []
    for n, (name, values) in enumerate(series.items()):
        colour = LINE_COLOURS[n % len(LINE_COLOURS)]
        points = [point(i, v) for i, v in enumerate(values) if v is not None]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        dots = format_html_join(
            "", '<circle cx="{}" cy="{}" r="3" fill="{}"></circle>',
            ((_n(x), _n(y), colour) for x, y in points),
        )  # fmt: skip
        lines.append(
            format_html(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"></polyline>{}'
                '<rect x="{}" y="{}" width="10" height="10" fill="{}"></rect>'
                '<text x="{}" y="{}" font-size="12">{}</text>',
                path,
                colour,
                dots,
                left + width + 12,
                top + n * 18,
                colour,
                left + width + 26,
                top + n * 18 + 9,
                name,
            )
        )
    body = mark_safe(str(grid) + str(ticks) + "".join(lines))
    return _frame(title, desc, left + width + 170, top + height + 26, body)
