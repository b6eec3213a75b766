"""The bench server's settings: production's, plus a URLconf with the bench-only write view.

Never used outside `bench/` (the bench server starts gunicorn on `bench.wsgi`)."""

from jejak.settings import *  # noqa: F403 - the same settings as production, one change below

ROOT_URLCONF = "bench.urls"
