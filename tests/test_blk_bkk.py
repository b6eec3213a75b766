"""Issue 13 item 9: a BLK's BKK uses the school's vacancy, placement, seeker and IPK pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.conftest import Tenant

pytestmark = pytest.mark.django_db

PAGES = ["jobs:list", "jobs:placements", "jobs:placement_new", "seekers:list", "seekers:new",
         "bkkreports:register", "bkkreports:reports", "companies:list"]  # fmt: skip


@pytest.mark.parametrize("name", PAGES)
def test_blk_admin_opens_the_bkk_pages(login: Any, jember: Tenant, name: str) -> None:
    response = login(jember.blk_admin).get(reverse(name, args=[jember.blk.code]))
    assert response.status_code == 200, name
