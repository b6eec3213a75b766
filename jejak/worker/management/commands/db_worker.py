"""`manage.py db_worker`: django-tasks-db's worker, plus a heartbeat and the recovery of
tasks whose worker died (jejak.worker.recovery). Same options as the library's command."""

from __future__ import annotations

import logging
import os
import threading
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.db import close_old_connections, connection
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from jejak.worker import recovery

logger = logging.getLogger(__name__)


class Worker(db_worker.Worker):
    def run(self) -> None:
        recovery.heartbeat_register(self.worker_id)
        lost = recovery.reclaim_lost_tasks()
        if lost:
            logger.warning("Failed %d task(s) left running by a dead worker", len(lost))
        stop = threading.Event()
        beating = threading.Thread(target=self._beat, args=(stop,), daemon=True)
        beating.start()
        try:
            super().run()
        finally:
            stop.set()
            beating.join(timeout=5)
            recovery.heartbeat_remove(self.worker_id)

    def _beat(self, stop: threading.Event) -> None:
        """Say this worker is alive, and fail the tasks of peers that are not."""
        while not stop.wait(settings.WORKER_HEARTBEAT_SECONDS):
            try:
                recovery.heartbeat_beat(self.worker_id)
                recovery.reclaim_lost_tasks()
            except Exception:  # a locked or lost database: try again next beat
                logger.exception("Worker heartbeat failed")
            finally:
                close_old_connections()
                connection.close()


class Command(db_worker.Command):
    help = "Run the background worker (imports, mail, reports), failing tasks of dead workers."

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        # The library picks one random default per import of its module; here each process
        # gets its own, with host and pid in it so an operator can tell workers apart.
        parser.set_defaults(worker_id=None)

    def handle(self, *args: Any, **options: Any) -> None:
        """The library's handle, building this module's Worker."""
        self.configure_logging(options["verbosity"])
        reload, batch = options["reload"], options["batch"]
        if reload and batch:
            logger.warning("--reload and --batch cannot be used together; not reloading.")
            reload = False
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = Worker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=batch,
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"] or recovery.new_worker_id(),
            excluded_queue_names=excluded,
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only the child that runs tasks
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
