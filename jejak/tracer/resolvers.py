"""Turn what a respondent types into reference codes: a regency, a KBJI group, a KBLI section."""

from __future__ import annotations

import functools

from django.utils.translation import gettext
from rapidfuzz import fuzz, process

from jejak.lib.values import ValueProblem
from jejak.outcomes.models import OutcomeEvent
from jejak.reference.loading import read_data_file
from jejak.reference.lookup import normalise
from jejak.reference.models import Industry, Region
from jejak.tracer.instrument import Resolvers

ABROAD_WORDS = ("luar negeri", "negara", "abroad")


@functools.cache
def _regency_by_code() -> dict[str, str]:
    return dict(Region.objects.filter(level=Region.Level.REGENCY).values_list("code", "name"))


def _found(code: str) -> dict[str, str]:
    return {"code": code, "name": _regency_by_code()[code]}


@functools.cache
def _regency_names() -> dict[str, str]:
    """Normalised name -> code, with and without 'kabupaten'/'kota' in front."""
    names: dict[str, str] = {}
    for code, name in Region.objects.filter(level=Region.Level.REGENCY).values_list("code", "name"):
        key = normalise(name)
        names[key] = code
        bare = key.removeprefix("kabupaten ").removeprefix("kota ")
        names.setdefault(bare, code)  # "jember" means Kabupaten Jember; "kota" wins its own
        names[key.replace("kabupaten ", "kab ")] = code
    return names


def resolve_region(text: str) -> dict[str, str]:
    """{'code': '35.09'} for a regency, {'country': 'Malaysia'} for work abroad."""
    key = normalise(text)
    for word in ABROAD_WORDS:
        if key.startswith(word):
            country = text.strip()[len(word) :].strip(" :,-").title()
            if not country:
                raise ValueProblem(gettext("Tulis nama negaranya, misalnya: luar negeri Malaysia."))
            # The outcome keeps the country in a short column; PostgreSQL refuses more.
            limit = OutcomeEvent._meta.get_field("work_country").max_length or 0
            if len(country) > limit:
                raise ValueProblem(
                    gettext("Isinya %(length)s karakter; paling banyak %(limit)s.")
                    % {"length": len(country), "limit": limit}
                )
            return {"country": country}
    if key.replace(" ", "").replace(".", "").isdigit() and len(key.replace(" ", "")) == 4:
        digits = key.replace(" ", "")
        key_code = f"{digits[:2]}.{digits[2:]}"
        if key_code in _regency_by_code():
            return _found(key_code)
    if text.strip() in _regency_by_code():
        return _found(text.strip())
    names = _regency_names()
    if key in names:
        return _found(names[key])
    match = process.extractOne(key, names.keys(), scorer=fuzz.WRatio, score_cutoff=88)
    if match is None:
        raise ValueProblem(
            gettext(
                "Kabupaten/kota “%(text)s” tidak dikenal; tulis seperti 'Kabupaten Jember' atau "
                "'Kota Surabaya', atau 'luar negeri Malaysia'."
            )
            % {"text": text}
        )
    return _found(names[match[0]])


@functools.cache
def job_titles() -> dict[str, str]:
    return {normalise(r["title"]): r["kbji"] for r in read_data_file("kbji_2014_job_titles.csv")}


def resolve_kbji(text: str) -> str:
    """The KBJI 2014 major group of a typed job title, or '' when it cannot be told."""
    key = normalise(text)
    if key.isdigit() and len(key) == 1:
        return key
    titles = job_titles()
    if key in titles:
        return titles[key]
    match = process.extractOne(key, titles.keys(), scorer=fuzz.token_set_ratio, score_cutoff=85)
    return titles[match[0]] if match else ""


@functools.cache
def _industries() -> dict[str, str]:
    return {normalise(name): code for code, name in Industry.objects.values_list("code", "name")}


@functools.cache
def industries() -> list[Industry]:
    """The KBLI sections for the survey's list, read once per process (reference data)."""
    return list(Industry.objects.order_by("code"))


def resolve_kbli(text: str) -> str:
    letter = text.strip().upper()
    if len(letter) == 1 and letter in set(_industries().values()):
        return letter
    industries = _industries()
    match = process.extractOne(normalise(text), industries.keys(), scorer=fuzz.WRatio,
                               score_cutoff=80)  # fmt: skip
    if match is None:
        raise ValueProblem(
            gettext("Bidang usaha “%(text)s” tidak dikenal; pilih dari daftar KBLI.")
            % {"text": text}
        )
    return industries[match[0]]


def database_resolvers() -> Resolvers:
    return Resolvers(region=resolve_region, kbji=resolve_kbji, kbli=resolve_kbli)


def clear_caches() -> None:
    """Reference data changed (tests reload it); forget what was cached."""
    for cached in (_regency_by_code, _regency_names, job_titles, _industries, industries):
        cached.cache_clear()
