"""Process, port and lock helpers shared by the Kafka and PostgreSQL code."""

import contextlib
import fcntl
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from devstack.common import DevstackError, log

LOCK_TIMEOUT_S = 300.0


@contextlib.contextmanager
def file_lock(path: Path, timeout_s: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """Hold an exclusive flock on ``path`` for the duration of the block.

    flock (not a pid file) because the kernel drops it when the holder dies,
    so a crashed devstack never leaves a stale lock behind. Children started
    inside the block do not inherit it: subprocess closes fds by default.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        _acquire(handle.fileno(), path, timeout_s)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _acquire(fd: int, path: Path, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    announced = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if not announced:
                log(f"waiting for another devstack holding {path.name}")
                announced = True
            if time.monotonic() > deadline:
                raise DevstackError(f"timed out after {timeout_s:.0f}s waiting for lock {path}") from None
            time.sleep(0.2)


def port_accepting(port: int, host: str = "127.0.0.1") -> bool:
    """True when something accepts TCP connections on host:port."""
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def read_pid(pid_file: Path) -> int | None:
    """The pid stored in ``pid_file``, or None if absent or garbled."""
    try:
        return int(pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


def pid_alive(pid: int) -> bool:
    """True if ``pid`` is a live (non-zombie) process.

    kill(pid, 0) succeeds on zombies, and a detached process that died stays
    one if the container's init does not reap, so the state is checked too.
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return _proc_state(pid) not in ("Z", "X", None)


def _proc_state(pid: int) -> str | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name in parentheses may contain spaces; the state follows
    # the last ')'.
    return stat.rsplit(")", 1)[1].split()[0]


def proc_cmdline(pid: int) -> list[str]:
    """The argv of ``pid`` (empty if it is gone or unreadable)."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def terminate(pid: int, grace_s: float) -> None:
    """SIGTERM, wait up to ``grace_s`` for a clean exit, then SIGKILL."""
    _signal(pid, signal.SIGTERM)
    if wait_for_exit(pid, grace_s):
        return
    log(f"pid {pid} still running after {grace_s:.0f}s; sending SIGKILL")
    _signal(pid, signal.SIGKILL)
    if not wait_for_exit(pid, 10.0):
        raise DevstackError(f"pid {pid} survived SIGKILL")


def _signal(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)


def wait_for_exit(pid: int, timeout_s: float) -> bool:
    """Poll until ``pid`` is gone; True if it exited in time."""
    deadline = time.monotonic() + timeout_s
    while pid_alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def run(
    cmd: Sequence[str],
    what: str,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    new_session: bool = False,
) -> str:
    """Run a short command to completion and return its stdout.

    On failure the command's own output is the useful part, so it goes into
    the error rather than a bare exit status.
    """
    result = subprocess.run(list(cmd), capture_output=True, text=True, env=env, cwd=cwd,
                            stdin=subprocess.DEVNULL, start_new_session=new_session)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        raise DevstackError(f"{what} failed (exit {result.returncode}): {' '.join(cmd)}\n{output}")
    return result.stdout


def tail(path: Path, lines: int = 40) -> str:
    """The last ``lines`` lines of a text file (empty if it does not exist)."""
    try:
        text = path.read_text(errors="replace")
    except FileNotFoundError:
        return ""
    return "\n".join(text.splitlines()[-lines:])
