"""Changes in the indicators app, and the hook other apps call when a cohort's data changes."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from jejak.audit.services import log_action
from jejak.indicators.models import Umk
from jejak.indicators.rollups import mark_all_stale, mark_stale
from jejak.organisations.models import Organisation
from jejak.reference.models import Region

__all__ = ["mark_stale", "umk_set"]


@transaction.atomic
def umk_set(
    *, office: Organisation, region: Region, year: int, amount: int, source: str, actor: Any
) -> Umk:
    """An analyst records (or corrects) a regency's UMK, or a province's UMP when `region` is
    a province; every school there is recomputed."""
    kind = Umk.Kind.UMP if region.level == Region.Level.PROVINCE else Umk.Kind.UMK
    umk, created = Umk.objects.get_or_create(
        region=region, year=year,
        defaults={"amount": amount, "source": source, "updated_by": actor, "kind": kind},
    )  # fmt: skip
    old = None if created else umk.amount
    if not created:
        umk.amount, umk.source, umk.updated_by = amount, source, actor
        umk.save()
    log_action(
        actor=actor, action="umk.set", obj=umk, organisation=office,
        changes={"region": region.code, "kind": kind, "year": year, "amount": [old, amount],
                 "source": source},
    )  # fmt: skip
    # A minimum wage stays in force in later years, so a change moves the income figure of
    # every cohort whose reference year is this one or later: let the periodic refresh
    # recompute them all rather than guess which ones here.
    mark_all_stale()
    return umk
