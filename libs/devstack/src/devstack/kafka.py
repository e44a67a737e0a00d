"""A single-node KRaft Kafka broker run straight from Maven Central jars.

There is no Docker engine and no Kafka distribution tarball here, so the
broker is the `kafka_2.13` artifact plus its runtime dependencies (resolved by
deploy/kafka/pom.xml) started with `java -cp 'libs/*' kafka.Kafka`.
"""

import hashlib
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from devstack.common import DevstackError, log
from devstack.paths import cache_root, deploy_file, var_root
from devstack.process import (
    file_lock,
    pid_alive,
    port_accepting,
    proc_cmdline,
    read_pid,
    run,
    tail,
    terminate,
)

KAFKA_VERSION = "4.3.2"
READY_LINE = "Kafka Server started"
START_TIMEOUT_S = 90.0
STOP_GRACE_S = 30.0
REUSE_PROBE_S = 10.0
BROKER_HEAP = ["-Xms512m", "-Xmx1g"]
TOOL_HEAP = ["-Xmx256m"]
MAIN_CLASS = "kafka.Kafka"


# --------------------------------------------------------------------------
# Jars


def kafka_home() -> Path:
    """Cache directory for this Kafka version (jars live in ``libs/``)."""
    return cache_root() / f"kafka-{KAFKA_VERSION}"


def fetch_jars() -> Path:
    """Ensure the broker jars are cached; return the ``libs`` directory.

    The completion marker holds a hash of the POM, so editing the POM (e.g.
    a version bump) refetches, while an interrupted download (no marker)
    is simply redone.
    """
    home = kafka_home()
    libs = home / "libs"
    marker = home / ".complete"
    pom = deploy_file("kafka", "pom.xml")
    fingerprint = hashlib.sha256(pom.read_bytes()).hexdigest()
    with file_lock(home / ".fetch.lock"):
        if libs.is_dir() and _read_text(marker) == fingerprint:
            log(f"kafka {KAFKA_VERSION} jars cached in {libs}")
            return libs
        _download_jars(pom, home, libs)
        marker.write_text(fingerprint)
    return libs


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        return None


def _download_jars(pom: Path, home: Path, libs: Path) -> None:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise DevstackError("Maven (mvn) is not on PATH; it is needed once to fetch the Kafka jars")
    # Download into a scratch dir and swap it in, so `libs` is never a
    # half-filled directory that a concurrent broker start could pick up.
    partial = home / "libs.partial"
    shutil.rmtree(partial, ignore_errors=True)
    log(f"fetching Kafka {KAFKA_VERSION} jars with Maven into {libs}")
    started = time.monotonic()
    run(
        [mvn, "-q", "-B", "-f", str(pom), "dependency:copy-dependencies",
         "-DincludeScope=runtime", f"-DoutputDirectory={partial}"],
        "mvn dependency:copy-dependencies",
    )
    shutil.rmtree(libs, ignore_errors=True)
    partial.rename(libs)
    count = len(list(libs.glob("*.jar")))
    log(f"fetched {count} jars in {time.monotonic() - started:.1f}s")


# --------------------------------------------------------------------------
# Broker files


@dataclass(frozen=True)
class BrokerFiles:
    """Everything one named broker keeps in its data directory."""

    data_dir: Path

    @property
    def properties(self) -> Path:
        return self.data_dir / "server.properties"

    @property
    def log_dirs(self) -> Path:
        return self.data_dir / "kraft-logs"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "broker.log"

    @property
    def pid_file(self) -> Path:
        return self.data_dir / "broker.pid"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / ".devstack.lock"


def _files(name: str, data_dir: Path | None) -> BrokerFiles:
    return BrokerFiles((data_dir or var_root() / "kafka" / name).resolve())


def _server_properties(files: BrokerFiles, port: int, controller_port: int) -> str:
    settings = {
        # Combined broker+controller: one JVM is the whole cluster.
        "process.roles": "broker,controller",
        "node.id": "1",
        "controller.quorum.bootstrap.servers": f"127.0.0.1:{controller_port}",
        "listeners": f"PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller_port}",
        "advertised.listeners": f"PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller_port}",
        "controller.listener.names": "CONTROLLER",
        "inter.broker.listener.name": "PLAINTEXT",
        "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
        "log.dirs": str(files.log_dirs),
        # One broker: every internal topic must fit on it.
        "offsets.topic.replication.factor": "1",
        "transaction.state.log.replication.factor": "1",
        "transaction.state.log.min.isr": "1",
        "share.coordinator.state.topic.replication.factor": "1",
        "share.coordinator.state.topic.min.isr": "1",
        # Fewer internal partitions and no rebalance delay make the first
        # consumer group (and the first transactional producer) ready in
        # well under a second, which is what tests wait on.
        "offsets.topic.num.partitions": "1",
        "transaction.state.log.num.partitions": "1",
        "group.initial.rebalance.delay.ms": "0",
        "group.min.session.timeout.ms": "1000",
        # Topics come from deploy/kafka/topics.yaml; a typo must fail loudly.
        "auto.create.topics.enable": "false",
    }
    header = "# Written by devstack on every start; edits are overwritten.\n"
    return header + "".join(f"{key}={value}\n" for key, value in settings.items())


def _configured_port(files: BrokerFiles) -> int | None:
    """The PLAINTEXT port in the broker's current server.properties."""
    try:
        lines = files.properties.read_text().splitlines()
    except FileNotFoundError:
        return None
    for line in lines:
        if line.startswith("listeners="):
            for listener in line.split("=", 1)[1].split(","):
                if listener.startswith("PLAINTEXT://"):
                    return int(listener.rsplit(":", 1)[1])
    return None


# --------------------------------------------------------------------------
# Process state


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    candidate = Path(java_home, "bin", "java") if java_home else None
    if candidate and candidate.is_file():
        return str(candidate)
    found = shutil.which("java")
    if found is None:
        raise DevstackError("java is not on PATH (JDK 17+ is needed to run the Kafka broker)")
    return found


def _broker_pid(files: BrokerFiles) -> int | None:
    """Pid of this broker if it is alive, else None.

    The command line is checked too: after a reboot the pid in an old pid
    file may belong to an unrelated process.
    """
    pid = read_pid(files.pid_file)
    if pid is None or not pid_alive(pid):
        return None
    cmdline = proc_cmdline(pid)
    if MAIN_CLASS in cmdline and str(files.properties) in cmdline:
        return pid
    return None


@dataclass(frozen=True)
class BrokerStatus:
    name: str
    running: bool
    pid: int | None
    bootstrap: str | None
    data_dir: Path


def broker_status(name: str, data_dir: Path | None = None) -> BrokerStatus:
    """Whether broker ``name`` is running and serving, and where."""
    files = _files(name, data_dir)
    pid = _broker_pid(files)
    port = _configured_port(files)
    serving = pid is not None and port is not None and port_accepting(port)
    bootstrap = f"127.0.0.1:{port}" if serving else None
    return BrokerStatus(name, serving, pid, bootstrap, files.data_dir)


# --------------------------------------------------------------------------
# Start


def ensure_broker(
    name: str,
    port: int,
    controller_port: int | None = None,
    data_dir: Path | None = None,
    timeout_s: float = START_TIMEOUT_S,
) -> str:
    """Start broker ``name`` unless it already runs; return ``127.0.0.1:port``.

    Safe to call repeatedly and from concurrent processes: a per-broker file
    lock serialises starts, and a running broker is reused as is.
    """
    files = _files(name, data_dir)
    files.data_dir.mkdir(parents=True, exist_ok=True)
    bootstrap = f"127.0.0.1:{port}"
    with file_lock(files.lock_file):
        if _reuse_running(name, files, port):
            return bootstrap
        libs = fetch_jars()
        cport = controller_port or port + 1
        _check_ports_free(port, cport)
        files.properties.write_text(_server_properties(files, port, cport))
        _format_storage_once(files, libs)
        started = time.monotonic()
        pid = _launch(files, libs)
        _wait_ready(files, pid, port, timeout_s)
        log(f"kafka {name} started in {time.monotonic() - started:.1f}s (pid {pid}, log {files.log_file})")
    return bootstrap


def _reuse_running(name: str, files: BrokerFiles, port: int) -> bool:
    """True if broker ``name`` already serves on ``port``.

    A live broker that does not accept connections is treated as broken
    (hung or half shut down) and stopped so that a fresh one can start.
    """
    pid = _broker_pid(files)
    if pid is None:
        return False
    running_port = _configured_port(files)
    if running_port != port:
        raise DevstackError(
            f"kafka {name} is already running on port {running_port} (pid {pid}); stop it first"
        )
    if _accepting_within(port, REUSE_PROBE_S):
        log(f"kafka {name} already running (pid {pid}) on 127.0.0.1:{port}")
        return True
    log(f"kafka {name} (pid {pid}) is alive but not accepting on {port}; restarting it")
    terminate(pid, STOP_GRACE_S)
    return False


def _accepting_within(port: int, timeout_s: float) -> bool:
    # Several probes, so one slow accept on a loaded machine does not get a
    # healthy broker restarted.
    deadline = time.monotonic() + timeout_s
    while not port_accepting(port):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.5)
    return True


def _check_ports_free(port: int, controller_port: int) -> None:
    for candidate in (port, controller_port):
        if port_accepting(candidate):
            raise DevstackError(f"port {candidate} is already in use by another process")


def _java_cmd(libs: Path, heap: list[str]) -> list[str]:
    log4j = deploy_file("kafka", "log4j2.properties")
    # The JVM expands the 'libs/*' classpath wildcard itself; no shell needed.
    return [_java(), *heap, "-Djava.awt.headless=true",
            f"-Dlog4j2.configurationFile={log4j}", "-cp", f"{libs}/*"]


def _format_storage_once(files: BrokerFiles, libs: Path) -> None:
    """Format the KRaft log dir with a fresh cluster id, unless done before.

    meta.properties is the formatter's last write, so a dir without it is
    from an interrupted format and is wiped (it never held any data).
    """
    if (files.log_dirs / "meta.properties").is_file():
        return
    shutil.rmtree(files.log_dirs, ignore_errors=True)
    tool = [*_java_cmd(libs, TOOL_HEAP), "kafka.tools.StorageTool"]
    cluster_id = run([*tool, "random-uuid"], "kafka-storage random-uuid").strip().splitlines()[-1]
    log(f"formatting {files.log_dirs} (cluster id {cluster_id})")
    run([*tool, "format", "--standalone", "-t", cluster_id, "-c", str(files.properties)],
        "kafka-storage format")


# Runs "$@" in the background with output to "$1" and prints its pid.
_DETACH_SCRIPT = 'log="$1"; shift; "$@" </dev/null >"$log" 2>&1 & echo $!'


def _launch(files: BrokerFiles, libs: Path) -> int:
    """Start the broker detached and record its pid.

    A throwaway shell backgrounds the JVM and exits, so the broker is
    re-parented to init: it is nobody's child, survives the caller (shell,
    pytest), leaves no zombie in it, and sits in its own session, out of
    reach of the caller's Ctrl-C.
    """
    _rotate_log(files.log_file)
    cmd = [*_java_cmd(libs, BROKER_HEAP), "-XX:+ExitOnOutOfMemoryError",
           MAIN_CLASS, str(files.properties)]
    pid_text = run(["sh", "-c", _DETACH_SCRIPT, "sh", str(files.log_file), *cmd],
                   "launching the broker", cwd=files.data_dir, new_session=True)
    pid = int(pid_text.strip())
    files.pid_file.write_text(f"{pid}\n")
    return pid


def _rotate_log(log_file: Path) -> None:
    # One previous log is kept: the readiness check must only see this run's.
    if log_file.exists():
        log_file.replace(log_file.with_suffix(".log.1"))


def _wait_ready(files: BrokerFiles, pid: int, port: int, timeout_s: float) -> None:
    """Block until the broker logs READY_LINE and accepts on ``port``."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not pid_alive(pid):
            raise DevstackError(f"kafka broker exited during startup; log tail:\n{tail(files.log_file)}")
        if READY_LINE in files.log_file.read_text(errors="replace") and port_accepting(port):
            return
        time.sleep(0.25)
    # Do not leave a half-started broker holding the ports for the retry.
    terminate(pid, 5.0)
    files.pid_file.unlink(missing_ok=True)
    raise DevstackError(
        f"kafka broker not ready after {timeout_s:g}s; log tail:\n{tail(files.log_file)}"
    )


# --------------------------------------------------------------------------
# Stop


def stop_broker(name: str, data_dir: Path | None = None, grace_s: float = STOP_GRACE_S) -> bool:
    """Stop broker ``name``; True if it was running. Data is kept."""
    files = _files(name, data_dir)
    if not files.data_dir.is_dir():
        log(f"kafka {name} is not running (no data dir {files.data_dir})")
        return False
    with file_lock(files.lock_file):
        pid = _broker_pid(files)
        if pid is None:
            files.pid_file.unlink(missing_ok=True)
            log(f"kafka {name} is not running")
            return False
        log(f"stopping kafka {name} (pid {pid})")
        started = time.monotonic()
        terminate(pid, grace_s)
        files.pid_file.unlink(missing_ok=True)
        log(f"kafka {name} stopped in {time.monotonic() - started:.1f}s")
    return True
