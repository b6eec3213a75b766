"""A query compiled once (jejak.lib.prepared) answers as its QuerySet would, for each value."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import QuerySet

from jejak.alumni.models import Alumnus
from jejak.lib.prepared import Prepared
from jejak.tracer.models import Campaign, SurveyLink
from tests.conftest import Tenant

pytestmark = pytest.mark.django_db


def _by_hash(value: str) -> QuerySet[SurveyLink]:
    return SurveyLink.objects.select_related("alumnus__organisation").filter(token_hash=value)[:1]


def test_each_value_finds_its_own_row_with_its_related_objects(
    campaign: Campaign, jember: Tenant
) -> None:
    prepared = Prepared(SurveyLink, _by_hash)
    rows = list(SurveyLink.objects.filter(campaign=campaign).order_by("pk"))
    assert len(rows) > 1
    for row in rows:
        found = prepared.first(row.token_hash)
        assert found is not None and found.pk == row.pk
        alumnus = Alumnus.objects.select_related("organisation").get(pk=row.alumnus_id)
        assert found.alumnus.name == alumnus.name
        assert found.alumnus.organisation.name == alumnus.organisation.name
    assert prepared.first("0" * 64) is None


def test_the_query_is_compiled_once_per_database(campaign: Campaign, jember: Tenant) -> None:
    built: list[str] = []

    def build(value: str) -> Any:
        built.append(value)
        return _by_hash(value)

    prepared = Prepared(SurveyLink, build)
    for row in SurveyLink.objects.filter(campaign=campaign):
        assert prepared.first(row.token_hash) is not None
    assert len(built) == 1


def test_a_query_that_ignores_its_value_is_refused(campaign: Campaign) -> None:
    prepared = Prepared(SurveyLink, lambda value: SurveyLink.objects.all()[:1])
    with pytest.raises(ValueError, match="does not use its value"):
        prepared.first("x")
