"""Find the company a spreadsheet names ("PT. Sinar Jaya Abadi", "sinar jaya abadi, pt"), or
register it for the BKK, so a history import never needs companies set up first."""

from __future__ import annotations

import re
from typing import Any

from jejak.audit.services import log_action
from jejak.companies.models import CompanyInfo, Partnership
from jejak.organisations.models import Organisation

_LEGAL_FORMS = re.compile(r"\b(pt|cv|ud|tbk|persero|koperasi|kop|perum|pd|fa)\b")


def company_key(name: str) -> str:
    text = re.sub(r"[^a-z0-9 ]+", " ", name.lower())
    return " ".join(_LEGAL_FORMS.sub(" ", text).split())


class CompanyFinder:
    """The companies a BKK can name: those of its province and its partners, by key."""

    def __init__(self, bkk: Organisation, actor: Any) -> None:
        self.bkk = bkk
        self.actor = actor
        partners = Partnership.objects.filter(organisation=bkk).values("company_id")
        companies = Organisation.objects.filter(kind=Organisation.Kind.COMPANY).filter(
            province_code=bkk.province_code
        ) | Organisation.objects.filter(pk__in=partners)
        self.known = {company_key(c.name): c for c in companies.order_by("-pk")}

    def find_or_register(self, name: str, kbli: str) -> Organisation:
        key = company_key(name)
        found = self.known.get(key)
        if found is not None:
            return found
        company = Organisation.objects.create(
            kind=Organisation.Kind.COMPANY, name=name[:200], region_id=self.bkk.region_id
        )
        CompanyInfo.objects.create(
            organisation=company, source=CompanyInfo.Source.SCHOOL, kbli=kbli
        )
        log_action(
            actor=self.actor, action="company.registered", obj=company, organisation=self.bkk,
            changes={"name": company.name, "by": "import"},
        )  # fmt: skip
        self.known[key] = company
        return company
