from django.db import models


class WorkerHeartbeat(models.Model):
    """One running `db_worker` process: where it runs and when it last said it was alive.

    A task left RUNNING by a worker whose row is gone, whose process no longer exists on
    this host, or whose heartbeat is stale (another host) is failed by the next worker to
    look (see jejak.worker.recovery). Not tenant data: no organisation."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    # The process's start time as the kernel counts it, so a reused pid is not taken for
    # the worker that once had it.
    process_start = models.CharField(max_length=32, blank=True)
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.worker_id


class ScheduledRun(models.Model):
    """One periodic job enqueued for one period (see jejak.worker.schedule).

    The unique (job, period_start) is the lock: however many schedulers run, the first to
    insert the row enqueues the task in the same transaction, the others hit the constraint
    and enqueue nothing. Not tenant data: no organisation."""

    job = models.CharField(max_length=40)
    period_start = models.DateTimeField()
    enqueued_at = models.DateTimeField()
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "period_start"], name="scheduled_run_once")
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.period_start:%Y-%m-%d %H:%M}"
