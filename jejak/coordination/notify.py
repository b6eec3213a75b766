"""Tell an organisation's people about a meeting: an in-app message each, and an email after
the change is committed (never for a change that was rolled back)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from jejak.accounts.access import PERMISSIONS
from jejak.accounts.models import Membership
from jejak.jobs.models import Notification
from jejak.organisations.models import Organisation

# The roles that take part in meetings for their organisation.
ATTENDING_ROLES = sorted(PERMISSIONS["meetings.attend"])


def tell_members(*, organisation: Organisation, meeting: Any, text: str) -> int:
    """Message everyone holding a meeting role in `organisation`; the number told."""
    url = reverse("coordination:detail", args=[organisation.code, meeting.code])
    members = Membership.objects.filter(
        organisation=organisation, role__in=ATTENDING_ROLES
    ).select_related("user")
    people = {m.user_id: m.user for m in members}
    Notification.objects.bulk_create(
        [
            Notification(
                user=user, province_code=organisation.province_code, text=text[:300], url=url
            )
            for user in people.values()
        ]
    )
    addresses = sorted({user.email for user in people.values() if user.email})
    if addresses:
        subject = _("Rapat koordinasi: %(title)s") % {"title": meeting.title}
        body = _("%(text)s\n\nLihat rincian: %(link)s\n") % {
            "text": text,
            "link": settings.SITE_URL + url,
        }
        # One message per person: invitees must not see each other's addresses.
        transaction.on_commit(
            lambda: [send_mail(subject, body, None, [a], fail_silently=True) for a in addresses]
        )
    return len(people)
