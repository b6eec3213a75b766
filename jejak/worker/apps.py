from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkerConfig(AppConfig):
    """The background worker: heartbeats, and failing the tasks of a worker that died.

    Listed before django_tasks_db in INSTALLED_APPS so that its `db_worker` command (the
    library's, plus recovery) is the one `manage.py db_worker` runs."""

    name = "jejak.worker"
    verbose_name = _("Background worker")
