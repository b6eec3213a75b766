"""Data and checks for `make test-cluster`, run inside Jejak's environment:

    python deploy/cluster/fixtures.py seed | vacancy TITLE | enqueue N | probe N | counts

Prints one JSON document. Not part of Jejak: a test helper (it reuses the test suite's
named tenant and factories).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(Path(__file__).parent)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jejak.settings")

import django  # noqa: E402

django.setup()

PASSWORD = "kata-sandi-klaster-123"  # noqa: S105 - a throwaway test cluster


def seed() -> dict[str, Any]:
    from urllib.parse import urlsplit

    from jejak.tracer import links
    from jejak.tracer.models import SurveyLink
    from tests import conftest
    from tests.jobs_factories import vet

    tenant = conftest.make_tenant("Klaster", "35.09", "20523001")
    conftest.running_campaign(tenant)
    for user in (tenant.alumnus_user, tenant.bkk):
        user.set_password(PASSWORD)
        user.save()
    vet(tenant)
    seeds = SurveyLink.objects.values_list("seed", flat=True)
    return {
        "school": tenant.school.code,
        "alumnus_email": tenant.alumnus_user.email,
        "password": PASSWORD,
        "survey_paths": [urlsplit(links.survey_url(seed)).path for seed in seeds],
    }


def vacancy(title: str) -> dict[str, Any]:
    from jejak.organisations.models import Organisation
    from tests.conftest import Tenant
    from tests.jobs_factories import post

    school = Organisation.objects.get(npsn="20523001")
    company = Organisation.objects.get(name="PT Klaster")
    recruiter = company.memberships.first().user  # type: ignore[attr-defined,union-attr]
    fake: Any = Tenant.__new__(Tenant)
    fake.school, fake.company, fake.recruiter, fake.region = school, company, recruiter, "35.09"
    return {"code": post(fake, title=title).code}


def enqueue(count: int) -> dict[str, Any]:
    from probe_tasks import record

    for number in range(count):
        record.enqueue(number)
    return {"queued": count}


def probe(count: int) -> dict[str, Any]:
    from django.core.cache import cache
    from django_tasks_db.models import DBTaskResult

    runs = [cache.get(f"cluster-probe:{number}") for number in range(count)]
    results = DBTaskResult.objects.filter(task_path="probe_tasks.record")
    workers = {worker for ids in results.values_list("worker_ids", flat=True) for worker in ids}
    statuses = sorted(set(results.values_list("status", flat=True)))
    return {"runs": runs, "workers": len(workers), "statuses": statuses}


def counts() -> dict[str, Any]:
    from jejak.backups import database

    return {"counts": database.current_counts()}


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    actions: dict[str, Any] = {
        "seed": seed,
        "vacancy": lambda: vacancy(rest[0]),
        "enqueue": lambda: enqueue(int(rest[0])),
        "probe": lambda: probe(int(rest[0])),
        "counts": counts,
    }
    print(json.dumps(actions[command]()))
