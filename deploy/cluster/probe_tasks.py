"""A task for `make test-cluster`: each run adds one to its own counter in the shared cache
(Redis), so a task run twice shows as 2 whatever django-tasks records."""

import time

from django.core.cache import cache
from django_tasks import task


@task()
def record(number: int) -> None:
    key = f"cluster-probe:{number}"
    cache.add(key, 0, timeout=3600)
    cache.incr(key)
    time.sleep(0.05)  # long enough that both workers take a share
