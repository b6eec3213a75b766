"""A company's workers with disabilities against the UU 8/2016 Pasal 53 quota (1% private,
2% public), where the company reports its workforce."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from jejak.audit.models import AuditEvent
from jejak.companies.models import CompanyInfo
from jejak.companies.quota import disability_quota
from tests.bkk_support import labour_analyst
from tests.conftest import Tenant
from tests.jobs_factories import vet

pytestmark = pytest.mark.django_db


def _info(**values: Any) -> CompanyInfo:
    return CompanyInfo(**values)


@pytest.mark.parametrize(
    ("ownership", "headcount", "workers", "required", "met"),
    [("swasta", 150, 1, 2, False), ("swasta", 150, 2, 2, True), ("swasta", 100, 1, 1, True),
     ("bumn", 150, 2, 3, False), ("bumd", 50, 1, 1, True), ("pemerintah", 200, 4, 4, True),
     ("swasta", 0, 0, 0, True)],
)  # fmt: skip
def test_quota_is_one_percent_private_two_percent_public_rounded_up(
    ownership: str, headcount: int, workers: int, required: int, met: bool
) -> None:
    quota = disability_quota(
        _info(ownership=ownership, headcount=headcount, disabled_workers=workers)
    )
    assert quota is not None and (quota.required, quota.met) == (required, met)


def test_no_quota_until_the_company_reports_its_workforce() -> None:
    assert disability_quota(None) is None
    assert disability_quota(_info(ownership="swasta", headcount=None, disabled_workers=1)) is None
    assert disability_quota(_info(ownership="", headcount=100, disabled_workers=1)) is None
    assert disability_quota(_info(ownership="swasta", headcount=100)) is None


def _profile(t: Tenant, **more: Any) -> dict[str, Any]:
    return {"name": t.company.name, "region": t.region, "address": "Jl. Mawar 2",
            "nib": "", "contact_name": "Rina", "contact_email": "rina@ptjember.co.id",
            "contact_phone": "", **more}  # fmt: skip


def test_company_reports_its_workforce_and_schools_and_offices_see_the_quota(
    login: Any, jember: Tenant
) -> None:
    client = login(jember.recruiter)
    url = reverse("companies:profile", args=[jember.company.code])
    data = _profile(jember, ownership="swasta", headcount="250", disabled_workers="2")
    assert client.post(url, data).status_code == 302
    info = CompanyInfo.objects.get(organisation=jember.company)
    assert (info.ownership, info.headcount, info.disabled_workers) == ("swasta", 250, 2)
    assert info.workforce_reported_on == timezone.localdate()
    changes = AuditEvent.objects.get(action="company.updated").changes
    assert changes["headcount"] == ["", "250"] and changes["disabled_workers"] == ["", "2"]
    vet(jember)
    detail = reverse("companies:detail", args=[jember.school.code, jember.company.code])
    page = login(jember.bkk).get(detail).content.decode()
    assert "2 dari 250 pekerja penyandang disabilitas (kuota 1%: 3)" in page
    assert "Di bawah kuota" in page
    office_list = reverse("companies:list", args=[jember.labour_office.code])
    page = login(labour_analyst(jember)).get(office_list).content.decode()
    assert jember.company.name in page and "kuota 1%: 3" in page


def test_more_workers_with_disabilities_than_workers_is_refused_and_nothing_saved(
    login: Any, jember: Tenant
) -> None:
    client = login(jember.recruiter)
    url = reverse("companies:profile", args=[jember.company.code])
    data = _profile(jember, ownership="bumn", headcount="10", disabled_workers="11")
    response = client.post(url, data)
    assert response.status_code == 422
    assert "lebih banyak dari jumlah pekerja" in response.content.decode()
    assert not CompanyInfo.objects.filter(organisation=jember.company, headcount=10).exists()
