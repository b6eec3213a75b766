"""Figures measured on the real cluster (deploy/cluster/parts.py, the same start-up as
`make test-cluster`): a PostgreSQL primary and streaming replica, PgBouncer in transaction
mode, Redis, SeaweedFS, two gunicorn webs (two workers each) behind nginx, two task workers.

The data: bench/province_bench.py's generated province at BENCH_CLUSTER_SCALE (default 0.05
of 2,000 schools: 100 schools, 50,000 alumni over 5 cohorts, their outcome events, a
province campaign for the 2024 cohort with 30% of it answered), every rollup refreshed.

Metrics:
- replica_dashboard_ratio: the province office's dashboard (`indicators:office`, cohort
  2024) through nginx read from the replica / the same page, same web, same login, forced to
  the primary with the sticky-primary cookie (jejak.replicas.STICKY_COOKIE); the median of
  each over interleaved repeats. Goal <= 1.2. The replica's and the primary's rows-read
  counters (pg_stat_database) before and after a few pages of each show which one served.
- cluster_submit_errors: survey submissions (survey_bench's whole 5-request flow, each on a
  distinct unanswered link) by BENCH_CLUSTER_CLIENTS (24) concurrent clients through nginx
  for BENCH_CLUSTER_SECONDS (60): requests answered other than expected, or not at all.
  Goal 0.
- cluster_submit_links_wrong: links a flow used that do not have exactly one submitted
  response holding the answers sent, plus responses submitted beyond those the flows and the
  generator made (checked in the database afterwards). Goal 0.
- cluster_submit_flows_per_s, cluster_submit_p99_ms: throughput and p99 of whole flows.

Skipped, with a message naming what to install, when the cluster's programs are missing
(PostgreSQL 15 server, pgbouncer, redis-server, nginx, SeaweedFS): nothing is written then.
"""

from __future__ import annotations

import http.client
import json
import math
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bench.survey_bench import ANSWER, CONSENT

ROOT = Path(__file__).resolve().parent.parent
SHOWN = 2024  # province_bench.SHOWN: the cohort of the campaign and of the dashboard
DASHBOARD_REPEATS = 21  # pages of each kind, interleaved
EVIDENCE_PAGES = 3  # pages of each kind whose rows-read counters are compared
STATS_FLUSH_SECONDS = 12  # PostgreSQL 15 publishes an idle backend's counters within 10 s
PASSWORD = "x" * 12  # province_bench._office's analyst
ANALYST = "provinsi@bench.id"
ANSWER_CHECKED = ANSWER["nama_instansi"]  # what each flow sends, looked for afterwards


def _scale() -> float:
    return float(os.environ.get("BENCH_CLUSTER_SCALE", "0.05"))


def _clients() -> int:
    return int(os.environ.get("BENCH_CLUSTER_CLIENTS", "24"))


def _seconds() -> float:
    return float(os.environ.get("BENCH_CLUSTER_SECONDS", "60"))


def _parts() -> Any:
    folder = str(ROOT / "deploy" / "cluster")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    import parts  # type: ignore[import-not-found]

    return parts


# --- The "exactly one response per link" check (pure) ----------------------------------------


def link_problems(
    used: Iterable[int], rows: Iterable[tuple[int, str, str]], expected_answer: str
) -> dict[str, list[int]]:
    """Which used links do not end with exactly one submitted response holding the answer
    sent. `rows`: (link id, response state, the answer stored for the checked field) for
    every response of those links' alumni in their campaign. Empty lists when all is well."""
    found: dict[int, list[tuple[str, str]]] = {}
    for link, state, answer in rows:
        found.setdefault(link, []).append((state, answer))
    problems: dict[str, list[int]] = {
        "missing": [], "duplicated": [], "not_submitted": [], "wrong_answer": [],
    }  # fmt: skip
    for link in sorted(set(used)):
        responses = found.get(link, [])
        if not responses:
            problems["missing"].append(link)
        elif len(responses) > 1:
            problems["duplicated"].append(link)
        elif responses[0][0] != "submitted":
            problems["not_submitted"].append(link)
        elif responses[0][1] != expected_answer:
            problems["wrong_answer"].append(link)
    return problems


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share 0.99: p99) of `values`; 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(math.ceil(len(ordered) * share) - 1, 0)]


# --- Inside the cluster's environment (python -m bench.cluster_bench seed|responses) ------------


def _seed(scale: float) -> dict[str, Any]:
    """The province (province_bench's generator), every rollup fresh, and the campaign's
    unanswered links (id, path)."""
    from django.db import transaction
    from django.urls import reverse

    from bench import province_bench as province
    from jejak.indicators.models import RollupState
    from jejak.indicators.rollups import mark_all_stale, refresh_stale
    from jejak.tracer import links
    from jejak.tracer.models import Response, SurveyLink

    started = time.perf_counter()
    count = max(int(province.FULL_SCHOOLS * scale), 20)
    with transaction.atomic():
        schools = province._schools(count)
        alumni = province._alumni(schools, province.PER_SCHOOL_COHORT, province.COHORTS, "p")
        events = province._events(schools)
        office, user = province._office()
        campaign, answers = province._campaign_and_answers(office, user)
        RollupState.objects.bulk_create(
            [RollupState(organisation_id=s.pk, cohort=c, province_code=province.PROVINCE)
             for s in schools for c in province.COHORTS]
        )  # fmt: skip
    generated = time.perf_counter() - started
    mark_all_stale()
    refreshed = refresh_stale()
    answered = Response.objects.filter(campaign=campaign).values("alumnus_id")
    open_links = (
        SurveyLink.objects.filter(campaign=campaign)
        .exclude(alumnus_id__in=answered)
        .order_by("pk")
        .values_list("pk", "seed")
    )
    return {
        "office_url": reverse("indicators:office", args=[office.code]) + f"?cohort={SHOWN}",
        "links": [
            [pk, urllib.parse.urlsplit(links.survey_url(seed)).path] for pk, seed in open_links
        ],
        "size": {
            "schools": count,
            "cohorts": province.COHORTS,
            "alumni": alumni,
            "outcome_events": events,
            "campaign_links": campaign.links.count(),
            "survey_answers_before": answers,
            "rollups_refreshed": refreshed,
            "scale": scale,
        },
        "generate_seconds": round(generated, 1),
        "refresh_seconds": round(time.perf_counter() - started - generated, 1),
    }


def _responses(link_ids: list[int]) -> dict[str, Any]:
    """(link id, state, nama_instansi answered) for every response of these links, and how
    many submitted responses their campaigns hold in all."""
    from jejak.tracer.models import Response, SurveyLink

    by_alumnus: dict[tuple[int, int], int] = {
        (campaign, alumnus): pk
        for pk, campaign, alumnus in SurveyLink.objects.filter(pk__in=link_ids).values_list(
            "pk", "campaign_id", "alumnus_id"
        )
    }
    campaigns = {campaign for campaign, _ in by_alumnus}
    alumni = [alumnus for _, alumnus in by_alumnus]
    rows = []
    for campaign, alumnus, state, answers in Response.objects.filter(
        campaign_id__in=campaigns, alumnus_id__in=alumni
    ).values_list("campaign_id", "alumnus_id", "state", "answers"):
        link = by_alumnus.get((campaign, alumnus))
        if link is not None:
            rows.append((link, state, (answers or {}).get("nama_instansi", "")))
    total = Response.objects.filter(campaign_id__in=campaigns, state=Response.State.SUBMITTED)
    return {"rows": rows, "submitted_total": total.count()}


# --- Measuring, from outside ------------------------------------------------------------------


def _in_cluster(parts: Any, env: dict[str, str], *args: str, stdin: str = "") -> Any:
    done = subprocess.run(
        [parts.PY, "-m", "bench.cluster_bench", *args], cwd=ROOT, input=stdin,
        env={**env, "DJANGO_SETTINGS_MODULE": "jejak.settings"},
        capture_output=True, text=True, timeout=3600,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"cluster_bench {args[0]} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _wait_for_replica(parts: Any, cluster: Any, seconds: float = 300) -> float:
    """Until the replica has replayed everything the primary has written; returns the wait."""
    started = time.monotonic()
    primary_lsn = parts.psql(cluster.ports["primary"], cluster.sockets,
                             "SELECT pg_current_wal_lsn()")  # fmt: skip
    while time.monotonic() - started < seconds:
        caught_up = parts.psql(cluster.ports["replica"], cluster.sockets,
                               f"SELECT pg_last_wal_replay_lsn() >= '{primary_lsn}'")  # fmt: skip
        if caught_up == "t":
            return time.monotonic() - started
        time.sleep(1)
    raise RuntimeError(f"the replica did not catch up within {seconds:.0f} s")


def _rows_read(parts: Any, cluster: Any, server: str) -> int:
    value = parts.psql(cluster.ports[server], cluster.sockets,
                       "SELECT tup_returned + tup_fetched FROM pg_stat_database "
                       "WHERE datname = 'jejak'")  # fmt: skip
    return int(value)


def _get(site: str, path: str, cookie: str) -> tuple[int, int, float]:
    """(status, body bytes, seconds) of one GET with these cookies, on a new connection."""
    parts = urllib.parse.urlsplit(site)
    start = time.perf_counter()
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    try:
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        body = response.read()
        return response.status, len(body), time.perf_counter() - start
    finally:
        connection.close()


def _dashboard(parts: Any, cluster: Any, office_url: str) -> dict[str, Any]:
    from jejak.replicas import STICKY_COOKIE

    browser = parts.Browser()
    status = parts.login(browser, cluster.site, ANALYST, PASSWORD)
    if status != 302:
        raise RuntimeError(f"the province analyst could not log in ({status})")
    cookies = "; ".join(f"{c.name}={c.value}" for c in browser.jar if c.name != STICKY_COOKIE)
    kinds = {"replica": cookies, "primary": f"{cookies}; {STICKY_COOKIE}=1"}
    for kind, cookie in kinds.items():  # warm-up: both webs' workers, imports, caches
        for _ in range(4):
            answered = _get(cluster.site, office_url, cookie)
            if answered[0] != 200:
                raise RuntimeError(f"the office dashboard ({kind}) answered {answered[0]}")
    evidence: dict[str, dict[str, int]] = {}
    for kind, cookie in kinds.items():
        before = {s: _rows_read(parts, cluster, s) for s in ("primary", "replica")}
        for _ in range(EVIDENCE_PAGES):
            _get(cluster.site, office_url, cookie)
        time.sleep(STATS_FLUSH_SECONDS)
        after = {s: _rows_read(parts, cluster, s) for s in ("primary", "replica")}
        evidence[kind] = {f"{s}_rows_read": after[s] - before[s] for s in before}
    seconds: dict[str, list[float]] = {"replica": [], "primary": []}
    sizes: dict[str, set[int]] = {"replica": set(), "primary": set()}
    statuses: set[int] = set()
    for repeat in range(DASHBOARD_REPEATS):
        order = ["replica", "primary"] if repeat % 2 == 0 else ["primary", "replica"]
        for kind in order:
            status, size, took = _get(cluster.site, office_url, kinds[kind])
            statuses.add(status)
            seconds[kind].append(took)
            sizes[kind].add(size)
    if statuses != {200}:
        raise RuntimeError(f"the office dashboard answered {sorted(statuses)}")
    medians = {kind: statistics.median(times) for kind, times in seconds.items()}
    return {
        "ratio": medians["replica"] / medians["primary"],
        "median_s": {kind: round(value, 4) for kind, value in medians.items()},
        "seconds": {kind: [round(t, 4) for t in times] for kind, times in seconds.items()},
        "page_bytes": {kind: sorted(values) for kind, values in sizes.items()},
        "rows_read_during_pages": evidence, "pages_each": DASHBOARD_REPEATS,
        "route": "nginx -> the two webs; primary through PgBouncer, replica direct",
    }  # fmt: skip


def _submissions(site: str, links: list[list[Any]], clients: int, seconds: float) -> dict[str, Any]:
    """`clients` threads each walk whole survey flows on fresh links until `seconds` pass."""
    consent = urllib.parse.urlencode(CONSENT).encode()
    answers = urllib.parse.urlencode(ANSWER).encode()
    steps = [("GET", None, 200), ("POST", consent, 302), ("GET", None, 200),
             ("POST", answers, 302), ("GET", None, 200)]  # fmt: skip
    target = urllib.parse.urlsplit(site)
    pending = list(reversed(links))
    lock = threading.Lock()
    flows: list[tuple[int, int, float]] = []  # (link id, wrong answers, seconds)
    unexpected: dict[str, int] = {}

    def one_request(method: str, path: str, body: bytes | None) -> int:
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
        try:
            headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            return response.status
        except (OSError, http.client.HTTPException):
            return 0  # no answer at all
        finally:
            connection.close()

    def client(deadline: float) -> None:
        while time.monotonic() < deadline:
            with lock:
                if not pending:
                    return
                link, path = pending.pop()
            started, wrong = time.perf_counter(), 0
            for method, body, expected in steps:
                status = one_request(method, path, body)
                if status != expected:
                    wrong += 1
                    key = f"{method} {expected} -> {status or 'no answer'}"
                    with lock:
                        unexpected[key] = unexpected.get(key, 0) + 1
            with lock:
                flows.append((link, wrong, time.perf_counter() - started))

    started = time.perf_counter()
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=client, args=(deadline,)) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    durations = [took for _, _, took in flows]
    return {
        "flows": len(flows), "elapsed_s": round(elapsed, 1),
        "flows_per_s": round(len(flows) / elapsed, 2),
        "requests_per_s": round(5 * len(flows) / elapsed, 1),
        "p50_ms": round(percentile(durations, 0.5) * 1000, 1),
        "p99_ms": round(percentile(durations, 0.99) * 1000, 1),
        "errors": sum(wrong for _, wrong, _ in flows), "unexpected": unexpected,
        "links_ran_out": not pending, "used": [link for link, _, _ in flows],
        "clients": clients,
    }  # fmt: skip


def _load() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def run(work: Path) -> tuple[dict[str, float], dict[str, Any]]:
    parts = _parts()
    lacking = parts.missing_programs()
    if lacking:
        print("cluster bench skipped: install " + "; ".join(lacking))
        return {}, {}
    load = {"cores": os.cpu_count(), "before": _load()}
    try:
        cluster = parts.start_backends({"LOG_LEVEL": "ERROR"})
        seeded = _in_cluster(parts, {**cluster.env, "DATABASE_URL": cluster.direct},
                             "seed", str(_scale()))  # fmt: skip
        parts.say(f"province generated: {seeded['size']}")
        parts.start_frontends(cluster)
        replica_wait = _wait_for_replica(parts, cluster)
        dashboard = _dashboard(parts, cluster, seeded["office_url"])
        load["after_dashboard"] = _load()
        parts.say(f"dashboard: {dashboard['median_s']}")
        submitted = _submissions(cluster.site, seeded["links"], _clients(), _seconds())
        load["after_submissions"] = _load()
        parts.say(f"submissions: {submitted['flows']} flows, {submitted['errors']} errors")
        used = submitted.pop("used")
        stored = _in_cluster(parts, cluster.env, "responses", stdin=json.dumps(used))
    finally:
        parts.stop_all()
    problems = link_problems(used, [tuple(row) for row in stored["rows"]], ANSWER_CHECKED)
    wrong = sorted({link for links in problems.values() for link in links})
    # Responses the flows and the generator did not make (none, if each went to its link).
    stray = stored["submitted_total"] - seeded["size"]["survey_answers_before"] - len(set(used))
    details = {
        "data": seeded["size"], "generate_seconds": seeded["generate_seconds"],
        "refresh_seconds": seeded["refresh_seconds"],
        "replica_catch_up_s": round(replica_wait, 1), "dashboard": dashboard,
        "submissions": {**submitted, "links_checked": len(used), "stray_responses": stray,
                        "link_problems": {k: v[:20] for k, v in problems.items()}},
        "machine_load": load,
        "cluster": "PostgreSQL 15 primary + streaming replica, PgBouncer (transaction), Redis, "
                   "SeaweedFS, nginx, 2 gunicorn webs x 2 workers, 2 db_workers, one machine",
        "goal": "replica_dashboard_ratio <= 1.2; cluster_submit_errors 0, "
                "cluster_submit_links_wrong 0",
    }  # fmt: skip
    print(json.dumps({k: v for k, v in details.items() if k != "dashboard"}))
    return {
        "replica_dashboard_ratio": round(dashboard["ratio"], 3),
        "cluster_submit_errors": submitted["errors"],
        "cluster_submit_links_wrong": len(wrong) + abs(stray),
        "cluster_submit_flows_per_s": submitted["flows_per_s"],
        "cluster_submit_p99_ms": submitted["p99_ms"],
    }, details


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    command, *rest = sys.argv[1:]
    if command == "seed":
        print(json.dumps(_seed(float(rest[0]))))
    elif command == "responses":
        print(json.dumps(_responses(json.loads(sys.stdin.read()))))
    else:
        raise SystemExit(f"unknown command {command}")
