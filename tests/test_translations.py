"""English is complete: every entry translated, placeholders kept, the .mo matches the .po.

Indonesian is the source language; jejak/locale/en/LC_MESSAGES/django.po holds the English.
`make messages` refreshes the catalogue from the code and compiles it; these tests fail when a
new string is left untranslated or fuzzy, or when the committed .mo was not compiled again.
"""

from __future__ import annotations

import gettext
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from tests.conftest import Tenant

MESSAGES = Path(settings.BASE_DIR) / "jejak" / "locale" / "en" / "LC_MESSAGES"
PO = MESSAGES / "django.po"
MO = MESSAGES / "django.mo"

ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


@dataclass
class Entry:
    line: int
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    def __str__(self) -> str:
        return f"line {self.line}: {self.msgid[:60]!r}"


def unquote(text: str) -> str:
    text = text.strip()
    assert text.startswith('"') and text.endswith('"'), text
    return re.sub(r"\\(.)", lambda m: ESCAPES[m.group(1)], text[1:-1])


def parse_po(path: Path) -> list[Entry]:
    """The entries of a .po file, header included (msgid ""); obsolete (#~) ones are skipped."""
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int] = ("msgid", 0)
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or (line.startswith("#") and not line.startswith("#,")):
            if not line and entry is not None:
                entries.append(entry)
                entry = None
            continue
        if entry is None:
            entry = Entry(line=number)
        if line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith('"'):  # continuation of the previous keyword's string
            value = unquote(line)
        else:
            keyword, _, rest = line.partition(" ")
            value = unquote(rest)
            match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            if match:
                target = ("msgstr", int(match.group(1)))
            elif keyword in {"msgid", "msgid_plural", "msgctxt", "msgstr"}:
                target = (keyword, 0)
            else:
                raise AssertionError(f"{path.name}:{number}: cannot read {raw!r}")
            if target[0] == "msgstr":
                entry.msgstr[target[1]] = ""
            else:
                setattr(entry, target[0], "")
        if target[0] == "msgstr":
            entry.msgstr[target[1]] += value
        else:
            setattr(entry, target[0], getattr(entry, target[0]) + value)
    if entry is not None:
        entries.append(entry)
    return entries


ENTRIES = parse_po(PO)
MESSAGES_ONLY = [e for e in ENTRIES if e.msgid]

# Python-format placeholders (%(name)s, %s, %d, %%), str.format fields ({name}) and HTML tags.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif%]|\{\w*\}|</?\w+[^>]*>")


def test_parser_reads_the_catalogue() -> None:
    header = ENTRIES[0]
    assert header.msgid == "" and "Language: en" in header.msgstr[0]
    assert "nplurals=2; plural=(n != 1);" in header.msgstr[0]
    assert len(MESSAGES_ONLY) > 500
    assert any(e.msgid_plural for e in MESSAGES_ONLY)
    login = next(e for e in MESSAGES_ONLY if e.msgid == "Kata sandi")
    assert login.msgstr == {0: "Password"}


def test_every_entry_is_translated_and_none_is_fuzzy() -> None:
    problems = [str(e) for e in ENTRIES if "fuzzy" in e.flags]
    for entry in MESSAGES_ONLY:
        forms = 2 if entry.msgid_plural is not None else 1
        if sorted(entry.msgstr) != list(range(forms)):
            found = sorted(entry.msgstr)
            problems.append(f"{entry}: expected {forms} msgstr form(s), found {found}")
        elif not all(text.strip() for text in entry.msgstr.values()):
            problems.append(f"{entry}: empty msgstr")
    assert not problems, "\n".join(problems)


def test_placeholders_and_tags_are_kept() -> None:
    problems = []
    for entry in MESSAGES_ONLY:
        sources = [entry.msgid] if entry.msgid_plural is None else [entry.msgid, entry.msgid_plural]
        for index, text in sorted(entry.msgstr.items()):
            source = sources[min(index, len(sources) - 1)]
            wanted, found = Counter(PLACEHOLDER.findall(source)), Counter(PLACEHOLDER.findall(text))
            if wanted != found:
                problems.append(f"{entry} [{index}]: wants {dict(wanted)}, has {dict(found)}")
            if source.endswith("\n") != text.endswith("\n"):
                problems.append(f"{entry} [{index}]: trailing newline differs")
            if "python-format" in entry.flags:
                names = dict.fromkeys(re.findall(r"%\((\w+)\)", source), "1")
                try:
                    _formatted = text % names  # what Django does with blocktranslate/format
                except (KeyError, ValueError, TypeError) as error:
                    problems.append(f"{entry} [{index}]: does not format ({error!r})")
    assert not problems, "\n".join(problems)


def test_compiled_catalogue_matches_the_po() -> None:
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    problems = []
    expected_keys: set[Any] = set()
    for entry in MESSAGES_ONLY:
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is None:
            expected_keys.add(key)
            got = (
                compiled.gettext(entry.msgid)
                if entry.msgctxt is None
                else compiled.pgettext(entry.msgctxt, entry.msgid)
            )
            if got != entry.msgstr[0]:
                problems.append(f"{entry}: .mo has {got!r}, .po has {entry.msgstr[0]!r}")
            continue
        for index, n in ((0, 1), (1, 2)):
            expected_keys.add((key, index))
            got = (
                compiled.ngettext(entry.msgid, entry.msgid_plural, n)
                if entry.msgctxt is None
                else compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
            )
            if got != entry.msgstr[index]:
                wanted = entry.msgstr[index]
                problems.append(f"{entry} [{index}]: .mo has {got!r}, .po has {wanted!r}")
    # Nothing stale left in the .mo either (its catalogue also holds the header under "").
    stale = set(compiled._catalog) - expected_keys - {""}  # type: ignore[attr-defined]
    problems += [f".mo only: {key!r}" for key in sorted(stale, key=repr)]
    assert not problems, "Run `make messages` and commit django.mo.\n" + "\n".join(problems)


@pytest.mark.django_db
def test_login_page_speaks_english_with_the_cookie(client: Any) -> None:
    indonesian = client.get(reverse("accounts:login")).content.decode()
    assert "Kata sandi" in indonesian and 'lang="id"' in indonesian

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("accounts:login")).content.decode()
    assert 'lang="en"' in english
    assert "Password" in english and "Sign in to Jejak" in english
    assert "Kata sandi" not in english and "Masuk ke Jejak" not in english


@pytest.mark.django_db
def test_password_reset_email_follows_the_language(
    client: Any, jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"identifier": jember.bkk.email})
    message = mail.outbox[-1]
    assert message.subject == "Reset your Jejak password"
    assert "Open this link to create a new password (it works once):" in message.body
    assert "Buka tautan" not in message.body
