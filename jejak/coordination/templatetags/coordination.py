"""{% meeting_invitations access %}: an invitee's upcoming meetings and open follow-ups, for
its home page."""

from __future__ import annotations

from typing import Any

from django import template

from jejak.coordination import selectors

register = template.Library()


@register.inclusion_tag("coordination/home_invitations.html")
def meeting_invitations(access: Any) -> dict[str, Any]:
    if not access or not access.can("meetings.attend"):
        return {"invitations": [], "owned": 0}
    org = access.organisation
    return {
        "org": org,
        "invitations": list(selectors.pending_invitations(org)[:10]),
        "owned": selectors.open_follow_ups_owned(org).count(),
    }
