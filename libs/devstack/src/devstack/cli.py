"""Command-line front end (python -m devstack): local Kafka, topics, PostgreSQL.

Results (bootstrap address, URLs, topic names) go to stdout, one per line;
progress lines prefixed ``devstack:`` go to stderr.
"""

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from devstack import kafka, launcher, postgres, topics
from devstack.common import DevstackError, log

EXIT_NOT_RUNNING = 3  # as in LSB init scripts' `status`

Handler = Callable[[argparse.Namespace], int]


# --------------------------------------------------------------------------
# Handlers


def _kafka_fetch(args: argparse.Namespace) -> int:
    print(kafka.fetch_jars())
    return 0


def _kafka_start(args: argparse.Namespace) -> int:
    print(kafka.ensure_broker(args.name, args.port, args.controller_port, args.data_dir))
    return 0


def _kafka_stop(args: argparse.Namespace) -> int:
    kafka.stop_broker(args.name, args.data_dir)
    return 0


def _kafka_status(args: argparse.Namespace) -> int:
    status = kafka.broker_status(args.name, args.data_dir)
    if not status.running:
        log(f"kafka {args.name} is not running")
        return EXIT_NOT_RUNNING
    log(f"kafka {args.name} running (pid {status.pid}, data {status.data_dir})")
    print(status.bootstrap)
    return 0


def _topics_create(args: argparse.Namespace) -> int:
    for name in topics.create_topics(args.bootstrap, args.file, args.prefix):
        print(name)
    return 0


def _postgres_start(args: argparse.Namespace) -> int:
    print(postgres.ensure_cluster(args.name, args.port))
    return 0


def _postgres_stop(args: argparse.Namespace) -> int:
    postgres.stop_cluster(args.name)
    return 0


def _postgres_drop(args: argparse.Namespace) -> int:
    postgres.drop_cluster(args.name)
    return 0


def _postgres_createdb(args: argparse.Namespace) -> int:
    base = postgres.base_url(args.port, args.host, args.user)
    for dbname in args.dbnames:
        print(postgres.ensure_database(base, dbname, recreate=args.recreate))
    return 0


def _run(args: argparse.Namespace) -> int:
    return launcher.run(args.services, args.kafka_port, args.keep_broker, with_demo=not args.no_demo)


# --------------------------------------------------------------------------
# Parser


def _add_run(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    run = commands.add_parser("run", help="start a broker and every named service; Ctrl-C stops all")
    run.add_argument("--kafka-port", type=int, default=9092)
    run.add_argument("--keep-broker", action="store_true", help="leave the broker running on exit")
    run.add_argument("--no-demo", action="store_true", help="start empty instead of loading the Sanpai story")
    run.add_argument("services", nargs="+")
    run.set_defaults(handler=_run)


def _add_kafka(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    group = commands.add_parser("kafka", help="local single-node KRaft broker")
    sub = group.add_subparsers(dest="action", required=True)
    sub.add_parser("fetch", help="download the broker jars into the cache").set_defaults(handler=_kafka_fetch)

    start = sub.add_parser("start", help="start a broker (no-op if running); prints the bootstrap address")
    _add_broker_identity(start)
    start.add_argument("--port", type=int, required=True, help="PLAINTEXT port on 127.0.0.1")
    start.add_argument("--controller-port", type=int, help="CONTROLLER port (default: port + 1)")
    start.set_defaults(handler=_kafka_start)

    stop = sub.add_parser("stop", help="stop a broker (SIGTERM, then SIGKILL)")
    _add_broker_identity(stop)
    stop.set_defaults(handler=_kafka_stop)

    status = sub.add_parser("status", help=f"print the bootstrap address; exit {EXIT_NOT_RUNNING} if stopped")
    _add_broker_identity(status)
    status.set_defaults(handler=_kafka_status)


def _add_broker_identity(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--name", required=True, help="broker name (selects its data dir)")
    parser.add_argument("--data-dir", type=Path, help="default: <repo>/var/kafka/NAME")


def _add_topics(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    group = commands.add_parser("topics", help="Kafka topics from a YAML file")
    sub = group.add_subparsers(dest="action", required=True)
    create = sub.add_parser("create", help="create declared topics (existing ones are kept); prints names")
    create.add_argument("--bootstrap", required=True, help="e.g. 127.0.0.1:29092")
    create.add_argument("--file", type=Path, required=True, help="e.g. deploy/kafka/topics.yaml")
    create.add_argument("--prefix", default="", help="prepended to every topic name")
    create.set_defaults(handler=_topics_create)


def _add_postgres(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    group = commands.add_parser("postgres", help="named local PostgreSQL clusters")
    sub = group.add_subparsers(dest="action", required=True)

    start = sub.add_parser("start", help="create once and start a cluster; prints its URL")
    start.add_argument("--name", required=True)
    start.add_argument("--port", type=int, required=True)
    start.set_defaults(handler=_postgres_start)

    stop = sub.add_parser("stop", help="stop a cluster (data is kept)")
    stop.add_argument("--name", required=True)
    stop.set_defaults(handler=_postgres_stop)

    drop = sub.add_parser("drop", help="stop and delete a cluster and its data")
    drop.add_argument("--name", required=True)
    drop.set_defaults(handler=_postgres_drop)

    createdb = sub.add_parser("createdb", help="create databases if missing; prints their URLs")
    createdb.add_argument("--port", type=int, required=True)
    createdb.add_argument("--host", default="127.0.0.1")
    createdb.add_argument("--user", default="postgres")
    createdb.add_argument("--recreate", action="store_true", help="drop and create (ends open sessions)")
    createdb.add_argument("dbnames", nargs="+", metavar="DBNAME")
    createdb.set_defaults(handler=_postgres_createdb)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m devstack", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    _add_kafka(commands)
    _add_topics(commands)
    _add_postgres(commands)
    _add_run(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except DevstackError as exc:
        print(f"devstack: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
