"""The disability quota of UU 8/2016 tentang Penyandang Disabilitas, Pasal 53: the government,
regional governments, BUMN and BUMD employ at least 2% people with disabilities among their
workers (ayat 1); private companies at least 1% (ayat 2)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from jejak.companies.models import Ownership

PUBLIC = {Ownership.BUMN, Ownership.BUMD, Ownership.GOVERNMENT}


@dataclass(frozen=True)
class Quota:
    percent: int  # 1 or 2
    required: int  # workers with disabilities the quota asks for, rounded up
    workers: int  # workers with disabilities the company reports
    headcount: int

    @property
    def met(self) -> bool:
        return self.workers >= self.required

    @property
    def share(self) -> float:
        """Workers with disabilities as a percentage of all workers."""
        return 100 * self.workers / self.headcount if self.headcount else 0.0


def quota_percent(ownership: str) -> int:
    return 2 if ownership in PUBLIC else 1


def disability_quota(info: Any) -> Quota | None:
    """The quota of a company's `CompanyInfo`, or None until it reports its ownership,
    headcount and workers with disabilities. "At least 1%" of a whole person rounds up: a
    private company of 150 needs 2."""
    if info is None or not info.ownership or info.headcount is None:
        return None
    if info.disabled_workers is None:
        return None
    percent = quota_percent(info.ownership)
    required = math.ceil(info.headcount * percent / 100)
    return Quota(percent, required, info.disabled_workers, info.headcount)
