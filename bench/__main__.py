"""`make bench` / `python -m bench [--scale S]`: a synthetic Guangdong through
the real pipeline, side by side with the machine's raw Kafka and PostgreSQL
limits for the same work. Prints a table; `--json` also writes the figures."""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bench import cpu, pipeline, raw
from bench.province import build, households

if TYPE_CHECKING:
    from bench.processes import Service

BENCH_KAFKA = ("bench", 39092)
BENCH_POSTGRES = ("shuangdao-bench", 55434)


def infrastructure(args: argparse.Namespace) -> tuple[str, str]:
    from devstack.kafka import ensure_broker
    from devstack.postgres import ensure_cluster

    kafka = args.kafka or os.environ.get("SHUANGDAO_TEST_KAFKA_BOOTSTRAP") or ensure_broker(*BENCH_KAFKA)
    postgres = args.postgres or os.environ.get("SHUANGDAO_TEST_POSTGRES_URL") or ensure_cluster(*BENCH_POSTGRES)
    return kafka, postgres


def fresh_database(base: str, name: str) -> str:
    from devstack.postgres import ensure_database

    return ensure_database(base, name, recreate=True)


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def cpu_meter(services: tuple[Service, ...], kafka: str, postgres: str) -> cpu.Meter:
    """Every process the registration keeps busy, by name."""
    from sqlalchemy.engine import make_url

    readers = {f"{service.name} {role}": (lambda p=process: cpu.process_cpu_seconds(p.process.pid))
               for service in services for role, process in service.processes.items()}
    servers = {"postgresql server": make_url(postgres).port or 5432, "kafka broker": int(kafka.rsplit(":", 1)[1])}
    for name, port in servers.items():
        pid = cpu.listener_pid(port)
        if pid is not None:
            readers[name] = lambda pid=pid: cpu.process_cpu_seconds(pid, with_children=True)
    readers["bench clients"] = cpu.own_cpu_seconds
    return cpu.Meter(readers)


def backends(postgres: str) -> dict[int, str]:
    """The server's client backends now, pid -> database: the services keep
    their connections pooled, so the same backends serve the whole window."""
    from sqlalchemy import create_engine, text

    engine = create_engine(postgres)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT pid, datname FROM pg_stat_activity "
                                           "WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"))
            return {int(pid): str(database) for pid, database in rows}
    finally:
        engine.dispose()


def database_cpu(postgres: str, before: dict[str, float]) -> dict[str, float]:
    """PostgreSQL's share of the window by database (registry, assessment):
    the backends alive now, less what they had spent at `before`."""
    now = cpu.backends_cpu_seconds(backends(postgres))
    return {f"postgresql, {database.removeprefix('bench_')} database": seconds - before.get(database, 0.0)
            for database, seconds in now.items() if database.startswith("bench_")}


def run(args: argparse.Namespace) -> dict[str, object]:
    from devstack.topics import create_topics

    from bench.processes import Service

    from chassis.security.testing import security_env

    # The services refuse to start without keys; the bench signs its own tokens,
    # so its services must trust its key (not one inherited from a caller).
    os.environ.update(security_env())
    kafka, postgres = infrastructure(args)
    province = build(args.scale, args.seed)
    villages = len(province.villages)
    log(f"province at scale {args.scale}: {villages} villages, {province.household_count} households")
    everyone = list(households(province))
    people = sum(len(h.members) for h in everyone)
    figures: dict[str, object] = {"scale": args.scale, "villages": villages, "households": len(everyone),
                                  "people": people}

    log("raw limits: PostgreSQL inserts of the same rows")
    pg = raw.postgres_inserts(fresh_database(postgres, "bench_raw"), everyone)
    log("raw limits: kafka-python produce and consume")
    produced, consumed = raw.kafka_roundtrip(kafka, len(everyone), args.message_size)
    figures["raw"] = {"postgres_households_per_s": pg.per_second, "kafka_produce_per_s": produced.per_second,
                      "kafka_consume_per_s": consumed.per_second}

    prefix = f"bench-{uuid.uuid4().hex[:6]}."
    create_topics(kafka, Path(__file__).resolve().parents[1] / "deploy" / "kafka" / "topics.yaml", prefix)
    logs = Path(args.logs)
    logs.mkdir(parents=True, exist_ok=True)
    # Each service as deploy/ runs it: API, relay and consumer in processes of their own.
    registry = Service("registry", fresh_database(postgres, "bench_registry"), kafka, prefix, logs)
    assessment = Service("assessment", fresh_database(postgres, "bench_assessment"), kafka, prefix, logs)
    try:
        registry.start()
        assessment.start()
        pipeline.load_divisions(registry.grpc_target, province)
        log("registering every household")
        meter = cpu_meter((registry, assessment), kafka, postgres)
        started, cpu_before = time.perf_counter(), meter.sample()
        db_before = cpu.backends_cpu_seconds(backends(postgres))
        registered, seconds = pipeline.register_all(registry.grpc_replicas, everyone)
        registration_cpu = cpu.spent(cpu_before, meter.sample())
        registration_db_cpu = database_cpu(postgres, db_before)
        log(f"registered {registered} in {seconds:.1f}s; waiting for every village to be scored")
        pipeline.wait_until_all_scored(assessment.grpc_target, villages, registered, timeout=args.timeout)
        all_scored = time.perf_counter() - started
        figures["pipeline"] = {"registration_households_per_s": registered / seconds,
                               "registration_s": seconds, "registration_cpu_s": registration_cpu,
                               "registration_database_cpu_s": registration_db_cpu,
                               "registered_and_scored_s": all_scored}

        rate = min(args.rate, max(1.0, villages / 5))  # never two surveys of one village in flight
        log(f"freshness: surveys at {rate:.0f}/s for {args.freshness_seconds}s")
        fresh, sent = pipeline.freshness(registry.grpc_target, assessment.grpc_target, everyone, 2011, rate,
                                         args.freshness_seconds)
        household_reads, score_reads = pipeline.read_latencies(
            registry.grpc_target, assessment.grpc_target, everyone, province.villages, args.reads)
        ranking, ranked = pipeline.ranking_latency(assessment.grpc_target)
        figures["pipeline"].update({  # type: ignore[union-attr]
            "freshness_rate_per_s": rate, "freshness_sent": sent, "freshness_measured": len(fresh.samples),
            "freshness_p50_s": fresh.p(0.5), "freshness_p99_s": fresh.p(0.99),
            "read_household_p50_ms": household_reads.p(0.5) * 1000,
            "read_household_p99_ms": household_reads.p(0.99) * 1000,
            "read_score_p50_ms": score_reads.p(0.5) * 1000, "read_score_p99_ms": score_reads.p(0.99) * 1000,
            "ranking_villages": ranked, "ranking_p50_ms": ranking.p(0.5) * 1000,
            "ranking_p99_ms": ranking.p(0.99) * 1000,
            "peak_memory_mb": {**registry.peak_memory_mb(), **assessment.peak_memory_mb()}})
    finally:
        registry.terminate()
        assessment.terminate()
    figures["ran_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    figures["machine"] = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    return figures


def table(f: dict[str, object]) -> str:
    r, p = f["raw"], f["pipeline"]  # type: ignore[index]
    ratio = p["registration_households_per_s"] / r["postgres_households_per_s"]  # type: ignore[index]
    rows = [
        ("scale / villages / households / people",
         f"{f['scale']} / {f['villages']} / {f['households']} / {f['people']}", "", ""),
        ("registration (households/s)", f"{p['registration_households_per_s']:.0f}",
         f"{r['postgres_households_per_s']:.0f} (PostgreSQL insert)", f"{ratio:.2f} (target >= 0.5)"),
        ("kafka (messages/s)", "-", f"produce {r['kafka_produce_per_s']:.0f}, consume {r['kafka_consume_per_s']:.0f}",
         ""),
        ("registered and every village scored (s)", f"{p['registered_and_scored_s']:.1f}", "", "target <= 300 at full scale"),
        ("score freshness p50 / p99 (s)", f"{p['freshness_p50_s']:.3f} / {p['freshness_p99_s']:.3f}",
         f"{p['freshness_measured']} sampled of {p['freshness_sent']} sent at {p['freshness_rate_per_s']:.0f}/s", "target p99 <= 2"),
        ("read household p50 / p99 (ms)", f"{p['read_household_p50_ms']:.2f} / {p['read_household_p99_ms']:.2f}", "",
         "target p99 <= 5"),
        ("read score p50 / p99 (ms)", f"{p['read_score_p50_ms']:.2f} / {p['read_score_p99_ms']:.2f}", "",
         "target p99 <= 5"),
        (f"rank all {p['ranking_villages']} villages p50 / p99 (ms)",
         f"{p['ranking_p50_ms']:.1f} / {p['ranking_p99_ms']:.1f}", "", "target <= 100"),
    ]
    rows += cpu_rows(p)
    rows += [(f"peak memory, {process} (MB)", f"{mb:.0f}", "", "target < 500 each")
             for process, mb in p["peak_memory_mb"].items()]
    width = max(len(row[0]) for row in rows)
    lines = [f"{'measure':<{width}}  {'pipeline':<22}  {'raw limit':<40}  ratio / target", "-" * (width + 90)]
    lines += [f"{a:<{width}}  {b:<22}  {c:<40}  {d}" for a, b, c, d in rows]
    lines.append("\nnotes: each service runs as deploy/ runs it, API, relay and consumer in processes of their own\n"
                 "(bench/processes.py), the API as 2 replicas (deploy/kubernetes gives it 2), each on its own port:\n"
                 "the registration clients' 4 streams take turns across them (gRPC round_robin). The raw PostgreSQL\n"
                 "figure is one plain writer, unchanged: it inserts the households and members only; the registry\n"
                 "also validates, encrypts the ID numbers and writes persons, history, outbox and audit rows in the\n"
                 "same transaction, while its relay and the assessment work through the events on the same cores.\n"
                 "registration CPU: what each process spent during the registration window (from /proc), per household.")
    lines.append(f"\n{f['ran_at']} on {f['machine']}")
    return "\n".join(lines)


def cpu_rows(p: dict[str, object]) -> list[tuple[str, str, str, str]]:
    """The registration's CPU budget: what each process spent per household,
    and how many of the machine's cores were busy on average."""
    spent: dict[str, float] = p["registration_cpu_s"]  # type: ignore[assignment]
    households = p["registration_households_per_s"] * p["registration_s"]  # type: ignore[operator]
    per = {name: seconds / households * 1e6 for name, seconds in spent.items() if households}
    total, busy = sum(per.values()), sum(spent.values()) / p["registration_s"]  # type: ignore[operator]
    rows = [(f"registration CPU, {name} (core-us/household)", f"{us:.0f}", "", "")
            for name, us in sorted(per.items(), key=lambda item: -item[1]) if us >= 1]
    by_database: dict[str, float] = p.get("registration_database_cpu_s", {})  # type: ignore[attr-defined]
    rows += [(f"  of which {name} (core-us/household)", f"{seconds / households * 1e6:.0f}", "", "")
             for name, seconds in sorted(by_database.items()) if households]
    rows.append(("registration CPU, all processes (core-us/household)", f"{total:.0f}",
                 f"{busy:.2f} of {os.cpu_count()} cores busy", ""))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the province (0.01 for a smoke run)")
    parser.add_argument("--seed", type=int, default=20101)
    parser.add_argument("--kafka", help="bootstrap of an existing broker (default: start a local one)")
    parser.add_argument("--postgres", help="base URL of an existing server (default: start a local cluster)")
    parser.add_argument("--rate", type=float, default=500.0, help="survey events per second for freshness")
    parser.add_argument("--freshness-seconds", type=float, default=20.0)
    parser.add_argument("--reads", type=int, default=2000)
    parser.add_argument("--message-size", type=int, default=160, help="bytes, like a household-registered event")
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--logs", default="var/bench")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    figures = run(args)
    print(table(figures))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
