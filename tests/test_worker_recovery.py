"""A task whose worker died is failed (with its reason, on its page) when a worker starts or
beats again, the next tasks run, and a task another live worker is running is left alone."""

from __future__ import annotations

import datetime as dt
import os
import socket
from io import BytesIO
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jejak.alumni.models import ImportJob
from jejak.alumni.tasks import run_import
from jejak.demo.dapodik import person_row, write_dapodik_xlsx
from jejak.demo.people import make_person
from jejak.worker import recovery
from jejak.worker.models import WorkerHeartbeat
from tests.conftest import Tenant

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _upload(client: Any, tenant: Tenant, count: int) -> str:
    import random

    rng = random.Random(count)
    rows = [person_row(n, make_person(rng, 2025, 700 + n), "XII TKJ 1") for n in range(count)]
    upload = BytesIO(write_dapodik_xlsx(rows))
    upload.name = "dapodik.xlsx"
    response = client.post(
        reverse("alumni:import", args=[tenant.school.code]), {"file": upload, "cohort": 2025}
    )
    return str(response["Location"])


@pytest.mark.django_db(transaction=True)
def test_a_task_left_running_by_a_dead_worker_fails_on_start_and_the_next_runs(
    login: Any, jember: Tenant, settings: Any
) -> None:
    settings.TASKS = DB_TASKS
    client = login(jember.bkk)
    first_page = _upload(client, jember, 2)
    # The worker that claimed it was killed: the task and its job stay RUNNING.
    DBTaskResult.objects.update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now(), worker_ids=["gone:1:x"]
    )
    ImportJob.objects.update(state=ImportJob.State.RUNNING)
    _upload(client, jember, 3)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    lost, done = ImportJob.objects.order_by("created_at")
    assert lost.state == "failed" and "proses latar belakang mati" in lost.message
    assert lost.message in client.get(first_page).content.decode()
    assert done.state == "done" and done.summary["created"] == 3
    failed = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
    assert failed.exception_class_path == "jejak.worker.recovery.WorkerLost"
    assert "gone:1:x" in failed.traceback
    assert not WorkerHeartbeat.objects.exists()  # the worker left cleanly


def _running(worker_id: str) -> DBTaskResult:
    return DBTaskResult.objects.create(
        task_path=run_import.module_path,
        args_kwargs={"args": ["nojob"], "kwargs": {}},
        status=TaskResultStatus.RUNNING,
        worker_ids=[worker_id],
        queue_name="default",
        backend_name="default",
        run_after=timezone.now(),
        started_at=timezone.now(),
    )


def _beat(worker_id: str, host: str, pid: int, seen_ago: int, start: str = "") -> None:
    seen = timezone.now() - dt.timedelta(seconds=seen_ago)
    WorkerHeartbeat.objects.create(
        worker_id=worker_id, host=host, pid=pid, process_start=start, started_at=seen,
        seen_at=seen,
    )  # fmt: skip


@pytest.mark.django_db
def test_only_the_tasks_of_dead_workers_are_failed(settings: Any) -> None:
    settings.WORKER_STALE_SECONDS = 120
    here, me = socket.gethostname(), os.getpid()
    _beat("peer-live", "other-host", 1, seen_ago=10)
    _beat("peer-stale", "other-host", 1, seen_ago=600)
    # Same host: the process table decides, even with a stale heartbeat (a long SQLite
    # transaction can hold the heartbeat back).
    _beat("local-live", here, me, seen_ago=600, start=recovery._process_start(me))
    _beat("local-reused-pid", here, me, seen_ago=1, start="1")
    names = ("peer-live", "peer-stale", "local-live", "local-reused-pid", "never-registered")
    tasks = {name: _running(name) for name in names}
    lost = recovery.reclaim_lost_tasks()
    assert sorted(lost) == sorted(
        str(tasks[n].pk) for n in ("peer-stale", "local-reused-pid", "never-registered")
    )
    for name, task in tasks.items():
        task.refresh_from_db()
        expected = TaskResultStatus.FAILED if str(task.pk) in lost else TaskResultStatus.RUNNING
        assert task.status == expected, name
    assert recovery.reclaim_lost_tasks() == []  # failed once only


@pytest.mark.django_db
def test_a_task_finished_meanwhile_is_not_failed() -> None:
    task = _running("gone")
    DBTaskResult.objects.filter(pk=task.pk).update(status=TaskResultStatus.SUCCESSFUL)
    assert recovery._fail(task.pk, "gone", timezone.now()) is False
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL


@pytest.mark.django_db
def test_a_lost_report_job_says_so_on_its_page(jember: Tenant) -> None:
    from jejak.indicators.models import ReportJob
    from jejak.indicators.tasks import generate_report

    job = ReportJob.objects.create(
        organisation=jember.school, cohort=2025, state=ReportJob.State.RUNNING
    )
    task = _running("gone")
    task.task_path = generate_report.module_path
    task.args_kwargs = {"args": [job.code], "kwargs": {}}
    task.save()
    assert recovery.reclaim_lost_tasks() == [str(task.pk)]
    job.refresh_from_db()
    assert job.state == "failed" and "mati sebelum laporan selesai" in job.step


def _database_url() -> str | None:
    """The test database as a URL a subprocess can open; None for in-memory SQLite."""
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        name = str(db["NAME"])
        return None if "memory" in name or not name else f"sqlite:///{name}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_task_is_recovered_by_the_next_worker(
    login: Any, jember: Tenant, settings: Any, tmp_path: Any
) -> None:
    import subprocess
    import sys
    import time

    from tests.worker_tasks import hang

    url = _database_url()
    if url is None:
        pytest.skip("needs a database another process can open (PostgreSQL or a SQLite file)")
    settings.TASKS = DB_TASKS
    marker = tmp_path / "started"
    hang.enqueue(str(marker))
    env = {**os.environ, "DATABASE_URL": url, "TASKS_BACKEND": "django_tasks_db.DatabaseBackend"}
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay",
         "--interval", "0.2", "--verbosity", "0"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while not marker.exists() and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.2)
        assert marker.exists(), "the worker never started the task"
    finally:
        worker.kill()
        worker.wait()
    assert DBTaskResult.objects.get().status == TaskResultStatus.RUNNING  # what was left
    _upload(login(jember.bkk), jember, 2)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    hung = DBTaskResult.objects.get(task_path=hang.module_path)
    assert hung.status == TaskResultStatus.FAILED
    assert ImportJob.objects.get().state == "done"
