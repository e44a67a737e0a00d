"""`shuangdao-ops status | lag | rebuild-assessment`."""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence

from shuangdao_ops.lag import group_lag
from shuangdao_ops.probes import Endpoint, status_of

# The embedded default's port plan (see README); override with --service.
DEFAULT_ENDPOINTS = [
    Endpoint("registry", "127.0.0.1:50051", "http://127.0.0.1:8081"),
    Endpoint("assessment", "127.0.0.1:50052", "http://127.0.0.1:8082"),
    Endpoint("funds", "127.0.0.1:50053", "http://127.0.0.1:8083"),
    Endpoint("cadres", "127.0.0.1:50054", "http://127.0.0.1:8084"),
]


def parse_endpoint(text: str) -> Endpoint:
    """name=grpc_host:port,http://host:port"""
    try:
        name, rest = text.split("=", 1)
        grpc_target, http_base = rest.split(",", 1)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected name=host:grpcport,http://host:port, got {text!r}") from exc
    return Endpoint(name, grpc_target, http_base.rstrip("/"))


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def cmd_status(args: argparse.Namespace) -> int:
    endpoints = args.service or DEFAULT_ENDPOINTS
    print(f"{'service':<12}{'grpc':<10}{'ready':<8}{'backlog':>9}{'lag':>9}{'dlq':>7}  checks")
    healthy = True
    for endpoint in endpoints:
        s = status_of(endpoint)
        healthy &= s.grpc_serving and s.ready
        checks = " ".join(f"{k}={'ok' if v else 'FAIL'}" for k, v in s.checks.items()) or s.error or "unreachable"
        print(f"{s.name:<12}{'SERVING' if s.grpc_serving else 'DOWN':<10}{'yes' if s.ready else 'NO':<8}"
              f"{_fmt(s.outbox_backlog):>9}{_fmt(s.consumer_lag):>9}{_fmt(s.dead_lettered):>7}  {checks}")
    return 0 if healthy else 1


def cmd_lag(args: argparse.Namespace) -> int:
    rows = group_lag(args.bootstrap, args.group or None)
    print(f"{'group':<30}{'topic':<40}{'part':>5}{'committed':>11}{'end':>11}{'lag':>9}")
    for row in rows:
        print(f"{row.group:<30}{row.topic:<40}{row.partition:>5}{row.committed:>11}{row.end:>11}{row.lag:>9}")
    print(f"total lag {sum(r.lag for r in rows)}")
    return 0


def cmd_rebuild(args: argparse.Namespace) -> int:
    command = shutil.which("shuangdao-assessment-rebuild") or shutil.which(
        "shuangdao-assessment-rebuild", path=os.path.dirname(sys.executable))
    if command is None:
        print("shuangdao-assessment-rebuild is not installed", file=sys.stderr)
        return 2
    return subprocess.call([command, *args.rest])


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="shuangdao-ops", description="Operate a Shuangdao deployment")
    sub = parser.add_subparsers(dest="command", required=True)
    status = sub.add_parser("status", help="health, readiness, outbox backlog, consumer lag of every service")
    status.add_argument("--service", action="append", type=parse_endpoint,
                        help="name=host:grpcport,http://host:port (repeat; default: the make run ports)")
    status.set_defaults(handler=cmd_status)
    lag = sub.add_parser("lag", help="consumer lag per group and partition, from the broker")
    lag.add_argument("--bootstrap", default=os.environ.get("SHUANGDAO_KAFKA_BOOTSTRAP", "127.0.0.1:9092"))
    lag.add_argument("--group", action="append", help="consumer group (repeat; default: all)")
    lag.set_defaults(handler=cmd_lag)
    rebuild = sub.add_parser("rebuild-assessment", help="replay every topic into a fresh assessment database")
    rebuild.add_argument("rest", nargs=argparse.REMAINDER, help="arguments for shuangdao-assessment-rebuild")
    rebuild.set_defaults(handler=cmd_rebuild)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":
    sys.exit(main())
