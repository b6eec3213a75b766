"""Retention notes on the import pages."""

from __future__ import annotations

import datetime as dt

from django import template

from jejak.alumni.models import ImportJob
from jejak.organisations.models import Organisation
from jejak.privacy import retention

register = template.Library()


@register.simple_tag
def import_retention_days(organisation: Organisation) -> int:
    return retention.import_retention_days(organisation)


@register.simple_tag
def import_files_expire(job: ImportJob) -> dt.date:
    return retention.expires_on(job)
