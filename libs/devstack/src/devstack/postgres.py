"""Named PostgreSQL clusters via Debian's postgresql-common tools.

initdb refuses to run as root; pg_createcluster / pg_ctlcluster run the
server as the `postgres` user, which is why they are used instead of
initdb/pg_ctl. Clusters are system-wide (/etc/postgresql/<ver>/<name>), not
per repository.
"""

import glob
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from devstack.common import DevstackError, log
from devstack.process import file_lock, run

READY_TIMEOUT_S = 60.0
CONF_NAME = "devstack.conf"
URL_SCHEME = "postgresql+psycopg"

# Test-speed settings: durability is worthless for throwaway dev data.
# listen_addresses/max_connections only take effect on (re)start.
SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "max_connections": "300",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
}


# --------------------------------------------------------------------------
# Installation


def installed_versions() -> list[str]:
    """Installed server major versions, oldest first."""
    servers = glob.glob("/usr/lib/postgresql/*/bin/postgres")
    return sorted((Path(p).parts[-3] for p in servers), key=int)


def ensure_installed() -> str:
    """Install the PostgreSQL server if needed; return the newest major version."""
    versions = installed_versions()
    if versions and _which("pg_ctlcluster"):
        return versions[-1]
    if os.geteuid() != 0:
        raise DevstackError("PostgreSQL server is not installed; run: apt-get install postgresql postgresql-client")
    log("installing postgresql with apt-get (one-off)")
    # No prompts from debconf/dpkg: this may run in CI with no terminal.
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(["apt-get", "update"], "apt-get update", env=env)
    run(["apt-get", "install", "-y", "postgresql", "postgresql-client"], "apt-get install postgresql", env=env)
    versions = installed_versions()
    if not versions:
        raise DevstackError("apt-get installed postgresql but no server binary was found")
    return versions[-1]


def _which(command: str) -> bool:
    return shutil.which(command) is not None


# --------------------------------------------------------------------------
# Cluster state


@dataclass(frozen=True)
class Cluster:
    version: str
    name: str
    port: int
    running: bool

    @property
    def bin_dir(self) -> Path:
        return Path("/usr/lib/postgresql", self.version, "bin")

    @property
    def conf_dir(self) -> Path:
        return Path("/etc/postgresql", self.version, self.name)


def find_cluster(name: str) -> Cluster | None:
    """The cluster called ``name`` (any version), or None."""
    if not _which("pg_lsclusters"):
        return None
    listing = json.loads(run(["pg_lsclusters", "--json"], "pg_lsclusters") or "[]")
    for entry in listing:
        if entry["cluster"] == name:
            return Cluster(str(entry["version"]), name, int(entry["port"]), bool(entry["running"]))
    return None


def base_url(port: int, host: str = "127.0.0.1", user: str = "postgres") -> str:
    """SQLAlchemy URL of the ``postgres`` database (driver spelled out, as
    SQLAlchemy 2.1 would otherwise pick its own default)."""
    return f"{URL_SCHEME}://{user}@{host}:{port}/postgres"


@contextmanager
def _cluster_lock(name: str) -> Iterator[None]:
    # Clusters are machine-wide, so the lock is too (not under the repo).
    with file_lock(Path(tempfile.gettempdir(), f"devstack-postgres-{name}.lock")):
        yield


# --------------------------------------------------------------------------
# Start / stop


def ensure_cluster(name: str, port: int) -> str:
    """Create (once) and start cluster ``name`` on ``port``; return its base URL."""
    version = ensure_installed()
    with _cluster_lock(name):
        cluster = find_cluster(name) or _create(version, name, port)
        if cluster.port != port:
            raise DevstackError(
                f"postgres cluster {name} already exists on port {cluster.port}; "
                f"use that port or drop it (python -m devstack postgres drop --name {name})"
            )
        settings_changed = _write_settings(cluster)
        if cluster.running and settings_changed:
            # max_connections and listen_addresses need a restart, not a reload.
            _ctl(cluster, "restart")
        elif not cluster.running:
            _ctl(cluster, "start")
        else:
            log(f"postgres {name} already running on port {port}")
        _wait_ready(cluster)
    return base_url(port)


def _create(version: str, name: str, port: int) -> Cluster:
    log(f"creating postgres {version} cluster {name} on port {port}")
    # Not started here: the speed settings are written first, so the first
    # start already uses them and no restart is needed.
    run(["pg_createcluster", version, name, "-p", str(port), "--", "--auth=trust"], "pg_createcluster")
    return Cluster(version, name, port, running=False)


def _write_settings(cluster: Cluster) -> bool:
    """Write conf.d/devstack.conf (Debian's postgresql.conf includes conf.d);
    True if its content changed."""
    path = cluster.conf_dir / "conf.d" / CONF_NAME
    content = "# Written by devstack; fast, non-durable settings for development.\n" + "".join(
        f"{key} = {value}\n" for key, value in SETTINGS.items()
    )
    if path.is_file() and path.read_text() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content)
    return True


def _ctl(cluster: Cluster, action: str) -> None:
    log(f"postgres {cluster.name}: {action}")
    # --skip-systemctl-redirect: there is no systemd here; run pg_ctl directly.
    run(["pg_ctlcluster", "--skip-systemctl-redirect", cluster.version, cluster.name, action],
        f"pg_ctlcluster {action}")


def _wait_ready(cluster: Cluster) -> None:
    isready = [str(cluster.bin_dir / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(cluster.port)]
    deadline = time.monotonic() + READY_TIMEOUT_S
    while subprocess.run(isready, check=False).returncode != 0:
        if time.monotonic() > deadline:
            raise DevstackError(f"postgres {cluster.name} not ready on port {cluster.port} after {READY_TIMEOUT_S:.0f}s")
        time.sleep(0.2)


def stop_cluster(name: str) -> bool:
    """Stop cluster ``name`` (fast shutdown); True if it was running."""
    with _cluster_lock(name):
        cluster = find_cluster(name)
        if cluster is None or not cluster.running:
            log(f"postgres {name} is not running")
            return False
        log(f"stopping postgres {name}")
        run(["pg_ctlcluster", "--skip-systemctl-redirect", cluster.version, name, "stop", "-m", "fast"],
            "pg_ctlcluster stop")
    return True


def drop_cluster(name: str) -> bool:
    """Stop and delete cluster ``name`` with all its data; True if it existed."""
    with _cluster_lock(name):
        cluster = find_cluster(name)
        if cluster is None:
            log(f"postgres {name} does not exist")
            return False
        log(f"dropping postgres cluster {name}")
        run(["pg_dropcluster", "--stop", cluster.version, name], "pg_dropcluster")
    return True


# --------------------------------------------------------------------------
# Databases


def ensure_database(base_url: str, dbname: str, recreate: bool = False) -> str:
    """Create database ``dbname`` if missing (drop it first when ``recreate``);
    return the URL of that database on the same server."""
    import psycopg  # optional dependency (extra "postgres"); only needed here
    from psycopg import errors, sql

    with psycopg.connect(_conninfo(base_url), autocommit=True) as conn:
        if recreate:
            log(f"dropping database {dbname}")
            # FORCE ends leftover sessions of earlier test runs.
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname)))
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,)).fetchone()
        if exists is None:
            try:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
                log(f"created database {dbname}")
            except (errors.DuplicateDatabase, errors.UniqueViolation):
                # A concurrent caller created it between our check and create.
                pass
    return database_url(base_url, dbname)


def drop_database(base_url: str, dbname: str) -> None:
    """Drop ``dbname`` if it exists, ending its sessions."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(_conninfo(base_url), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname)))


def database_url(base_url: str, dbname: str) -> str:
    """``base_url`` with its database replaced by ``dbname``."""
    parts = urlsplit(base_url)
    return urlunsplit(parts._replace(path="/" + quote(dbname, safe="")))


def _conninfo(url: str) -> str:
    from psycopg.conninfo import make_conninfo

    parts = urlsplit(url)
    return make_conninfo(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=unquote(parts.username) if parts.username else "postgres",
        password=unquote(parts.password) if parts.password else None,
        dbname=unquote(parts.path.lstrip("/")) or "postgres",
    )
