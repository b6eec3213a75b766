"""URL path converters: each URL part matches only what it can hold, so anything else (a NUL
byte, a quote, a slash-encoded path) answers 404 before a view or a query sees it.

Registered by `jejak.urls` before the apps' URL modules load. PostgreSQL refuses strings with
NUL bytes outright, so a `<str:code>` that reached a query with `%00` was a 500, not a 404.
"""

from __future__ import annotations

from django.urls import register_converter


class _Pattern:
    regex = ""

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class CodeConverter(_Pattern):
    """A public code from `jejak.lib.codes.new_code`: its 31-letter alphabet only."""

    regex = "[2-9a-hjkmnp-z]{1,32}"


class TokenConverter(_Pattern):
    """A secret link token: URL-safe base64, and the `:` Django's signer puts between parts."""

    regex = "[A-Za-z0-9_:-]{1,200}"


class RegionConverter(_Pattern):
    """A Kemendagri region code: 35, 35.09, 35.09.01, 35.09.01.2001."""

    regex = r"[0-9]{2}(?:\.[0-9]{2,4}){0,3}"


class WordConverter(_Pattern):
    """A fixed keyword chosen by the code (a format, a kind): lower-case letters and `_`."""

    regex = "[a-z_]{1,32}"


register_converter(CodeConverter, "code")
register_converter(TokenConverter, "token")
register_converter(RegionConverter, "region")
register_converter(WordConverter, "word")
