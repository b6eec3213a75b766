"""seed_demo refuses a database that may be production: the demo logins share a published
password."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jejak.accounts.models import User
from jejak.organisations.models import Organisation
from tests.conftest import Tenant


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_without_debug(settings: Any) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG is off"):
        call_command("seed_demo", "--schools", "1", "--cohorts", "1")
    assert not Organisation.objects.exists() and not User.objects.exists()


def test_seed_demo_refuses_a_database_with_real_organisations(
    settings: Any, jember: Tenant
) -> None:
    settings.DEBUG = True
    before = Organisation.objects.count()
    with pytest.raises(CommandError, match="not the demo's"):
        call_command("seed_demo", "--schools", "1", "--cohorts", "1")
    assert Organisation.objects.count() == before


@pytest.mark.django_db
def test_seed_demo_runs_on_an_empty_development_database(settings: Any) -> None:
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", "--schools", "4", "--cohorts", "2", stdout=out)
    assert "Demo region loaded" in out.getvalue()
    again = StringIO()
    call_command("seed_demo", "--schools", "1", "--cohorts", "1", stdout=again)
    assert "already loaded" in again.getvalue()


@pytest.mark.django_db
def test_seed_demo_force_loads_a_throwaway_database_without_debug(settings: Any) -> None:
    settings.DEBUG = False
    call_command("seed_demo", "--schools", "4", "--cohorts", "2", "--force", stdout=StringIO())
    assert Organisation.objects.filter(kind=Organisation.Kind.SCHOOL).count() == 4


@pytest.mark.django_db(transaction=True)  # real commits: the services' mail goes on commit
def test_seed_demo_sends_no_mail_that_would_bury_the_logins(settings: Any) -> None:
    from django.core import mail

    from tests.conftest import ensure_reference_data

    ensure_reference_data()  # another transactional test may have flushed it
    settings.DEBUG = True
    call_command("seed_demo", "--schools", "2", "--cohorts", "2", stdout=StringIO())
    assert not mail.outbox
