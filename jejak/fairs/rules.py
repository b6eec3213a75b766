"""Who may register for a fair. Plain functions returning the reason for a refusal, so the
service, the alumnus's list and the tests all read the same rule."""

from __future__ import annotations

from django.utils.translation import gettext as _

from jejak.alumni.models import Alumnus
from jejak.fairs.models import Fair


def in_fair_region(fair: Fair, alumnus: Alumnus) -> bool:
    """The alumnus's school sits in the fair's regency, or province when the fair's region is
    a whole province (two-digit code)."""
    school = alumnus.organisation
    if len(fair.region_id) == 2:
        return school.province_code == fair.region_id
    return school.region_id == fair.region_id


def alumnus_refusal(fair: Fair, alumnus: Alumnus) -> str | None:
    """Why this alumnus may not register (ignoring capacity), or None if they may."""
    if fair.is_over:
        return _("Acara ini sudah selesai.")
    if fair.audience == Fair.Audience.OWN_SCHOOL:
        if alumnus.organisation_id != fair.organiser_id:
            return _("Acara ini hanya untuk alumni %(school)s.") % {"school": fair.organiser}
        return None
    if not in_fair_region(fair, alumnus):
        return _("Acara ini hanya untuk alumni sekolah di %(region)s.") % {
            "region": fair.region.name
        }
    return None
