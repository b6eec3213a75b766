"""Template helpers for pages outside the jobs app that show job exchange data."""

from __future__ import annotations

from typing import Any

from django import template

from jejak.jobs.models import Placement

register = template.Library()


@register.simple_tag
def placements_of(alumnus: Any) -> list[Placement]:
    """An alumnus's placements, for their register page (already access-checked there)."""
    return list(
        Placement.objects.filter(alumnus=alumnus, organisation_id=alumnus.organisation_id)
        .select_related("work_region")
        .order_by("-start_date")
    )
