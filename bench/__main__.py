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

from bench import pipeline, raw
from bench.province import build, households

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
        started = time.perf_counter()
        registered, seconds = pipeline.register_all(registry.grpc_target, everyone)
        log(f"registered {registered} in {seconds:.1f}s; waiting for every village to be scored")
        pipeline.wait_until_all_scored(assessment.grpc_target, villages, registered, timeout=args.timeout)
        all_scored = time.perf_counter() - started
        figures["pipeline"] = {"registration_households_per_s": registered / seconds,
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
    rows += [(f"peak memory, {process} (MB)", f"{mb:.0f}", "", "target < 500 each")
             for process, mb in p["peak_memory_mb"].items()]
    width = max(len(row[0]) for row in rows)
    lines = [f"{'measure':<{width}}  {'pipeline':<22}  {'raw limit':<40}  ratio / target", "-" * (width + 90)]
    lines += [f"{a:<{width}}  {b:<22}  {c:<40}  {d}" for a, b, c, d in rows]
    lines.append("\nnotes: each service runs as deploy/ runs it, API, relay and consumer in processes of their own\n"
                 "(bench/processes.py), the API as 2 replicas (deploy/kubernetes gives it 2) sharing one gRPC port\n"
                 "(SO_REUSEPORT): the registration clients' 4 streams, each on its own connection, are spread\n"
                 "across them by the kernel. The raw PostgreSQL figure is one plain writer, unchanged: it inserts\n"
                 "the households and members only; the registry also validates, encrypts the ID numbers and\n"
                 "writes persons, history, outbox and audit rows in the same transaction.")
    lines.append(f"\n{f['ran_at']} on {f['machine']}")
    return "\n".join(lines)


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
