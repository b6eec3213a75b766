"""Bootstrapping a deployment: the first office and its analyst."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from jejak.accounts.models import Invitation
from jejak.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_create_office_prints_a_working_invitation(client: Any) -> None:
    out = StringIO()
    call_command(
        "create_office", "--kind", "labour_office", "--name", "Disnakertrans Jawa Timur",
        "--region", "35", "--analyst-name", "Sri", "--analyst-email", "sri@jatim.go.id",
        stdout=out,
    )  # fmt: skip
    office = Organisation.objects.get(name="Disnakertrans Jawa Timur")
    assert [r.code for r in office.area.all()] == ["35"]
    assert len(office.area_regency_codes()) == 38  # every regency and city of Jawa Timur
    link = out.getvalue().split("Tautan undangan analis: ")[1].strip()
    path = link.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path)
    assert page.status_code == 200 and Invitation.objects.get().role == "office_analyst"


def test_create_office_refuses_unknown_regions() -> None:
    with pytest.raises(CommandError, match=r"99\.99"):
        call_command(
            "create_office", "--kind", "edu_office", "--name", "X", "--region", "35",
            "--area", "35.09,99.99", "--analyst-name", "A", "--analyst-email", "a@b.id",
        )  # fmt: skip
    assert not Organisation.objects.exists()
