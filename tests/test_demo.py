"""The demo shows what it claims: the homeroom teacher follows a class in a running campaign,
nothing is dated in the future, and links point where `make demo` serves."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any

from django.urls import reverse
from django.utils import timezone

from jejak.accounts.models import User
from jejak.alumni.models import SchoolClass
from jejak.bkkreports.models import PlacementReport
from jejak.demo.seed_bkkreports import seed_bkkreports
from jejak.demo.seeding import seed_demo
from jejak.outcomes.models import OutcomeEvent
from jejak.tracer import links
from jejak.tracer.models import Campaign
from tests.conftest import Tenant

ROOT = Path(__file__).resolve().parent.parent


def test_the_homeroom_teacher_follows_a_class_in_the_running_campaign(client: Any, db: Any) -> None:
    seed_demo(schools=2, cohorts=3, seed=7)
    teacher = User.objects.get(email="walikelas@smkn1-jember.demo")
    running = [c for c in Campaign.objects.all() if c.accepts_answers()]
    assert running
    classes = list(SchoolClass.objects.filter(homeroom_teacher=teacher))
    assert classes and all(k.cohort in running[0].cohorts for k in classes)
    client.force_login(teacher)
    page = client.get(reverse("tracer:follow_up", args=[
        classes[0].organisation.code, running[0].code, classes[0].code]))  # fmt: skip
    assert page.status_code == 200
    assert len(page.context["people"]) > 0
    today = timezone.localdate()
    assert not OutcomeEvent.objects.filter(start_date__gt=today).exists()
    assert not PlacementReport.objects.filter(submitted_at__gt=timezone.now()).exists()
    assert not Campaign.objects.filter(state="closed", end_date__gt=today).exists()


def test_demo_reports_are_never_sent_after_today(jember: Tenant) -> None:
    """On 2 December the November report is three days short of its due date: it was sent
    yesterday at the latest, not on the 7th."""
    today = dt.date(2026, 12, 2)
    seed_bkkreports(schools=[jember.school], office=jember.labour_office, today=today)
    start_of_today = timezone.make_aware(dt.datetime.combine(today, dt.time()))
    reports = PlacementReport.objects.all()
    assert reports.exists()
    assert all(r.submitted_at < start_of_today for r in reports)
    assert all(r.reviewed_at is None or r.reviewed_at < start_of_today for r in reports)


def test_make_demo_serves_links_at_the_port_it_runs_on() -> None:
    make = shutil.which("make")
    assert make is not None, "the Makefile is how the demo is started"
    plan = subprocess.run(  # noqa: S603 - a fixed command line, no input from outside
        [make, "-n", "demo", "PORT=8123"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "SITE_URL=http://127.0.0.1:8123" in plan
    assert "runserver 127.0.0.1:8123" in plan
    assert plan.count("SITE_URL=http://127.0.0.1:8123") == 4  # seed, worker, scheduler, server
    assert "manage.py scheduler" in plan


def test_message_links_carry_the_configured_site_url(settings: Any) -> None:
    settings.SITE_URL = "http://127.0.0.1:8123"
    url = links.survey_url("abc")
    assert url.startswith("http://127.0.0.1:8123/")
    assert "127.0.0.1%3A8123" in links.whatsapp_url("+6281234567890", "Siti", "SMK", url)
