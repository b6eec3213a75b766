"""Read replicas: listed views read from a replica, writes and a writer's next reads go to
the primary, a replica that is down or fails mid-view falls back to the primary.

The replica here is a second alias on the same test database (what a TEST MIRROR does), so
the tests see where each query went, not replication itself (`make test-cluster` does)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import OperationalError, load_backend
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, get_resolver, reverse

from jejak import replicas
from jejak.organisations.models import Organisation
from tests.conftest import Tenant

ALIAS = "replica_1"
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:Overriding setting DATABASES"),
]


def _add_alias(settings: Any, conf: dict[str, Any]) -> None:
    # The connection is made here rather than from settings: Django's test case refuses
    # aliases it did not know when the test began, and this one is made per test.
    settings.DATABASES = {**settings.DATABASES, ALIAS: conf}
    connections[ALIAS] = load_backend(conf["ENGINE"]).DatabaseWrapper(conf, ALIAS)
    replicas._state.clear()


@pytest.fixture
def replica(settings: Any) -> Iterator[str]:
    """replica_1: a second connection to the test database."""
    _add_alias(settings, {**connections[DEFAULT_DB_ALIAS].settings_dict})
    yield ALIAS
    _drop_alias()


@pytest.fixture
def broken_replica(settings: Any, tmp_path: Any) -> Iterator[str]:
    """replica_1 that cannot be reached (a database that does not exist)."""
    conf = {**connections[DEFAULT_DB_ALIAS].settings_dict}
    sqlite = conf["ENGINE"].endswith("sqlite3")
    conf["NAME"] = str(tmp_path / "gone" / "db.sqlite3") if sqlite else "jejak_no_such_db"
    _add_alias(settings, conf)
    yield ALIAS
    _drop_alias()


def _drop_alias() -> None:
    connections[ALIAS].close()
    del connections[ALIAS]
    replicas._state.clear()


def _board(client: Any, tenant: Tenant) -> tuple[int, int, int]:
    """GET the school's job board: status, queries on the replica, queries on the primary."""
    url = reverse("jobs:board_school", args=[tenant.school.code])
    with (
        CaptureQueriesContext(connections[ALIAS]) as on_replica,
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_primary,
    ):
        response = client.get(url)
    return response.status_code, len(on_replica), len(on_primary)


def test_a_listed_view_reads_from_the_replica(client: Any, jember: Tenant, replica: str) -> None:
    status, on_replica, on_primary = _board(client, jember)
    assert status == 200
    assert on_replica > 0 and on_primary == 0


def test_views_not_listed_read_from_the_primary(login: Any, jember: Tenant, replica: str) -> None:
    with CaptureQueriesContext(connections[ALIAS]) as on_replica:
        response = login(jember.bkk).get(reverse("organisations:home", args=[jember.school.code]))
    assert response.status_code == 200 and len(on_replica) == 0


def test_after_a_write_the_browser_reads_from_the_primary(
    client: Any, jember: Tenant, replica: str
) -> None:
    response = client.post(reverse("set_language"), {"language": "id"})
    assert response.cookies[replicas.STICKY_COOKIE]["max-age"] == 10
    status, on_replica, on_primary = _board(client, jember)
    assert status == 200 and on_replica == 0 and on_primary > 0


def test_a_replica_that_is_down_is_skipped(
    client: Any, jember: Tenant, broken_replica: str
) -> None:
    url = reverse("jobs:board_school", args=[jember.school.code])
    assert client.get(url).status_code == 200
    assert replicas._state[ALIAS][1] is False


def test_a_replica_failing_during_the_view_runs_it_again_on_the_primary(
    client: Any, jember: Tenant, broken_replica: str, monkeypatch: Any
) -> None:
    # Taken for healthy when chosen, gone by the time the view reads.
    monkeypatch.setattr(replicas, "_usable", lambda alias: True)
    url = reverse("jobs:board_school", args=[jember.school.code])
    assert client.get(url).status_code == 200
    assert replicas._state[ALIAS][1] is False


def test_a_view_error_on_a_healthy_replica_is_not_hidden(jember: Tenant, replica: str) -> None:
    from django.test import RequestFactory
    from django.urls import resolve

    url = reverse("jobs:board_school", args=[jember.school.code])
    request = RequestFactory().get(url)
    request.resolver_match = resolve(url)
    calls = []

    def failing(*args: Any, **kwargs: Any) -> Any:
        calls.append(replicas.reading_from())
        raise OperationalError("the view's own mistake")

    middleware = replicas.ReplicaMiddleware(lambda r: None)  # type: ignore[arg-type, return-value]
    with pytest.raises(OperationalError):
        middleware.process_view(request, failing, (), {})
    assert calls == [ALIAS]  # not run a second time


def test_writes_and_reads_in_a_transaction_go_to_the_primary(replica: str) -> None:
    from django.db import transaction

    router = replicas.ReplicaRouter()
    token = replicas._reading_from.set(ALIAS)
    try:
        assert router.db_for_read(Organisation) == ALIAS
        assert router.db_for_write(Organisation) == DEFAULT_DB_ALIAS
        with transaction.atomic():
            assert router.db_for_read(Organisation) == DEFAULT_DB_ALIAS
    finally:
        replicas._reading_from.reset(token)
    assert router.db_for_read(Organisation) == DEFAULT_DB_ALIAS
    assert not router.allow_migrate(ALIAS, "alumni")


def test_who_the_visitor_is_is_read_from_the_primary(replica: str) -> None:
    from django.contrib.sessions.models import Session

    from jejak.accounts.models import Membership, User

    router = replicas.ReplicaRouter()
    token = replicas._reading_from.set(ALIAS)
    try:
        for model in (Session, User, Membership):
            assert router.db_for_read(model) == DEFAULT_DB_ALIAS
    finally:
        replicas._reading_from.reset(token)


def test_no_sticky_cookie_without_replicas(client: Any) -> None:
    response = client.post(reverse("set_language"), {"language": "id"})
    assert replicas.STICKY_COOKIE not in response.cookies


def test_every_listed_view_exists() -> None:
    resolver = get_resolver()
    for name in replicas.REPLICA_VIEWS:
        namespace, _, url_name = name.rpartition(":")
        found = resolver.namespace_dict[namespace][1] if namespace else resolver
        if not found.reverse_dict.getlist(url_name):
            raise NoReverseMatch(f"{name} is listed in REPLICA_VIEWS but has no URL")
