"""The survey's question fragments rendered once per process are the ones a fresh render
gives, and nothing a person typed is kept between requests."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from jejak.tracer.instrument import questions_for
from jejak.tracer.resolvers import industries, job_titles
from jejak.tracer.templatetags import tracer as tags

pytestmark = pytest.mark.django_db


def _page(answers: dict[str, Any], errors: dict[str, str] | None = None) -> str:
    kinds = industries()
    return "".join(tags.question(q, answers, errors or {}, kinds) for q in questions_for("bekerja"))


def _fresh(answers: dict[str, Any], errors: dict[str, str] | None = None) -> str:
    kinds = industries()
    return "".join(
        tags._render(q, answers.get(q.key, ""), (errors or {}).get(q.key, ""), kinds)
        for q in questions_for("bekerja")
    )


def test_blank_and_chosen_questions_from_the_cache_match_a_fresh_render(db: Any) -> None:
    chosen = {"status_pekerjaan": "buruh", "kbli": "C", "keselarasan": "3"}
    for answers in ({}, chosen):
        assert _page(answers) == _page(answers) == _fresh(answers)
    assert 'value="buruh" checked' in _page(chosen)


def test_the_cache_keeps_each_language_apart(db: Any) -> None:
    indonesian = _page({})
    with translation.override("en"):
        english = _page({})
    assert english != indonesian
    assert _page({}) == indonesian


def test_what_a_person_typed_or_got_wrong_is_rendered_not_kept(db: Any) -> None:
    _page({})
    kept = tags._shared.cache_info().currsize
    typed = {"nama_instansi": "PT Rahasia Pribadi", "penghasilan": 2800000, "kbli": "bukan-kode"}
    errors = {"jabatan": "Tulis nama pekerjaan Anda."}
    page = _page(typed, errors)
    assert "PT Rahasia Pribadi" in page and "Tulis nama pekerjaan Anda." in page
    assert page == _fresh(typed, errors)
    assert tags._shared.cache_info().currsize == kept


def test_the_job_title_list_offers_every_title_escaped(db: Any) -> None:
    listed = tags.job_title_list()
    assert listed.startswith('<datalist id="jabatan-daftar">')
    assert listed.count("<option ") == len(job_titles())
    assert "<script" not in listed
