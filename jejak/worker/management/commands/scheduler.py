"""`manage.py scheduler`: enqueue periodic work (jejak.worker.schedule.SCHEDULE) for the
worker, once per period however many schedulers run. Replaces the cron lines.

Runs until SIGTERM/SIGINT; `--once` ticks once and exits (cron-style or for checks).
"""

from __future__ import annotations

import datetime as dt
import logging
import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections
from django.utils.dateparse import parse_datetime

from jejak.worker.schedule import tick

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Enqueue periodic background work once per period across the cluster."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="tick once, then exit")
        parser.add_argument(
            "--interval", type=float, default=15.0, help="seconds between ticks (default 15)"
        )
        parser.add_argument("--now", help="ISO time to tick at (checks only; with --once)")

    def handle(self, *args: Any, **options: Any) -> None:
        now = self._now(options["now"])
        if options["once"]:
            self.stdout.write(" ".join(tick(now)) or "-")
            return
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        while not stop.is_set():
            try:
                for name in tick():
                    self.stdout.write(f"enqueued {name}")
            except Exception:  # a lost or locked database: try again next tick
                logger.exception("Scheduler tick failed")
            finally:
                close_old_connections()
            stop.wait(options["interval"])

    def _now(self, text: str | None) -> dt.datetime | None:
        if not text:
            return None
        when = parse_datetime(text)
        if when is None or when.tzinfo is None:
            raise CommandError("--now: an ISO time with its offset, e.g. 2026-01-01T00:00:00Z")
        return when
