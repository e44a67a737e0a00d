"""Where the machine's CPU went during a measured window: each service
process, the PostgreSQL server, the Kafka broker and the bench's own clients,
read from /proc. A rate that falls short of a raw limit is explained by this
budget: on 2 cores every process competes for the same 2 core-seconds a second."""
from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
TICKS = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid: int) -> list[str] | None:
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    # The command name may hold spaces and parentheses; the fields follow the last ")".
    return text[text.rindex(")") + 2:].split()


def process_cpu_seconds(pid: int, with_children: bool = False) -> float:
    """User + system time of `pid`; `with_children` adds its live children and
    the children it has already reaped (PostgreSQL's backends come and go)."""
    fields = _stat_fields(pid)
    if fields is None:
        return 0.0
    # Fields counted from "state" (index 0): utime 11, stime 12, cutime 13, cstime 14.
    ticks = int(fields[11]) + int(fields[12])
    if with_children:
        ticks += int(fields[13]) + int(fields[14])
        ticks += sum(int(f[11]) + int(f[12]) for f in _children_stats(pid))
    return ticks / TICKS


def _children_stats(parent: int) -> list[list[str]]:
    found = []
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            fields = _stat_fields(int(entry.name))
            if fields is not None and int(fields[1]) == parent:
                found.append(fields)
    return found


def listener_pid(port: int) -> int | None:
    """The local process listening on TCP `port` (the broker, the database
    server), or None when it is elsewhere or not visible to us."""
    inodes = set()
    for table in ("tcp", "tcp6"):
        try:
            lines = (PROC / "net" / table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            local, state, inode = parts[1], parts[3], parts[9]
            if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                inodes.add(f"socket:[{inode}]")
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if any(os.readlink(fd) in inodes for fd in (entry / "fd").iterdir()):
                return int(entry.name)
        except OSError:
            continue
    return None


def backends_cpu_seconds(backends: Mapping[int, str]) -> dict[str, float]:
    """CPU of PostgreSQL backends (pid -> database), summed by database."""
    found: dict[str, float] = {}
    for pid, database in backends.items():
        found[database] = found.get(database, 0.0) + process_cpu_seconds(pid)
    return found


def own_cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


@dataclass(frozen=True)
class Meter:
    """Named CPU readers; `sample()` reads them all at once."""
    readers: Mapping[str, Callable[[], float]]

    def sample(self) -> dict[str, float]:
        return {name: read() for name, read in self.readers.items()}


def spent(before: Mapping[str, float], after: Mapping[str, float]) -> dict[str, float]:
    return {name: after[name] - before[name] for name in after}
