"""What the fault tests share (imported as `faults.harness`: only tests/ is on
the path): callers that retry every request until it is acknowledged, the way
a serious client does across an outage, and readers of each service's own
database to compare what was acknowledged with what was stored and counted."""
from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from typing import Any

import grpc
from shuangdao.registry.v1 import registry_pb2_grpc
from sqlalchemy import create_engine, func, select

from chassis.security.grpc_auth import authenticated_channel
from chassis.security.testing import token_for
from chassis.testing.fixtures import common_settings
from chassis.testing.processes import ServiceSubprocess

from e2e_support import household_request

PROVINCE = "440000000000"
COUNTY = "441826000000"  # Liannan, the county of Sanpai

# Errors a client sees while a service, its database or the network is down:
# the same request (same household id, same idempotency key) is sent again.
RETRYABLE = {grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED, grpc.StatusCode.INTERNAL,
             grpc.StatusCode.UNKNOWN, grpc.StatusCode.CANCELLED, grpc.StatusCode.RESOURCE_EXHAUSTED,
             # A retry racing its own first attempt (still running when the client gave up
             # on it) can see its own household or key; asked again, it gets the stored answer.
             grpc.StatusCode.ALREADY_EXISTS, grpc.StatusCode.FAILED_PRECONDITION}


def same_again(service: ServiceSubprocess) -> ServiceSubprocess:
    """A new process of the same service on the same ports and database, so the
    callers' channels reconnect to it as they would behind a stable address."""
    again = ServiceSubprocess(service.name, "", "", "")
    again.grpc_port, again.http_port, again.env = service.grpc_port, service.http_port, dict(service.env)
    return again


def channel_as(target: str, role: str, jurisdiction: str) -> grpc.Channel:
    return authenticated_channel(grpc.insecure_channel(target), token_for(role, jurisdiction))


def wait_for(predicate: Callable[[], bool], timeout: float = 30.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except Exception:  # a probe against a service that is down is simply "not yet"
            pass
        time.sleep(0.1)
    raise AssertionError(f"{what} not reached within {timeout:.0f}s")


def until_acknowledged(call: Callable[[], Any], give_up_after: float = 90.0) -> tuple[Any, set[str]]:
    """Sends the same request until it succeeds; returns the answer and the
    status codes seen on the way. A refusal that is not an outage is raised."""
    seen: set[str] = set()
    deadline = time.monotonic() + give_up_after
    while True:
        try:
            return call(), seen
        except grpc.RpcError as error:
            code = error.code()  # type: ignore[attr-defined]
            if code not in RETRYABLE or time.monotonic() > deadline:
                raise
            seen.add(code.name)
            time.sleep(0.05)


class Registrations:
    """Clients registering households (client-chosen ids, so a retry is the same
    registration) until told to stop; each finishes the one it has in hand."""

    def __init__(self, target: str, clients: int = 3) -> None:
        self.target = target
        self.acknowledged: set[str] = set()
        self.outage_codes: set[str] = set()
        self.failures: list[str] = []
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.client, args=(n,), daemon=True) for n in range(clients)]

    def count(self) -> int:
        with self.lock:
            return len(self.acknowledged)

    def client(self, n: int) -> None:
        channel = channel_as(self.target, "provincial_office", PROVINCE)
        stub = registry_pb2_grpc.RegistryServiceStub(channel)
        # Seeds give distinct national ids; 5,000 days apart keeps birth dates in the past.
        seed = n * 5000
        try:
            while not self.stop.is_set():
                seed += 1
                request = household_request(seed=seed)
                request.household_id = str(uuid.uuid4())
                answer, seen = until_acknowledged(lambda: stub.RegisterHousehold(request, timeout=5))
                with self.lock:
                    self.acknowledged.add(answer.household_id)
                    self.outage_codes |= seen
                    if answer.household_id != request.household_id:
                        self.failures.append(f"asked for {request.household_id}, got {answer.household_id}")
        except Exception as error:  # surfaced by the test through `failures`
            with self.lock:
                self.failures.append(repr(error))
        finally:
            channel.close()

    def __enter__(self) -> "Registrations":
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=120)
        assert not any(t.is_alive() for t in self.threads), "a client never got its registration acknowledged"


def rows(database_url: str, query: Any) -> list[Any]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(query))
    finally:
        engine.dispose()


def stored_households(registry_database: str) -> set[str]:
    from registry.adapters import orm

    return {r[0] for r in rows(registry_database, select(orm.households.c.id))}


def assessed_households(assessment_database: str) -> list[str]:
    """The assessment's read model of registered households (a list: a double
    count would show as a repeat, were the primary key ever to allow one)."""
    from assessment.adapters import orm

    return [r[0] for r in rows(assessment_database, select(orm.registered_households.c.household_id))]


def processed_count(assessment_database: str) -> int:
    from assessment.adapters import orm

    return int(rows(assessment_database, select(func.count()).select_from(orm.processed_events))[0][0])


def assessment_state(database_url: str) -> dict[str, Any]:
    """Everything a rebuild must reproduce: scores with their explanation, the
    flags in force, and the households counted per village."""
    from assessment.adapters import orm

    scores = {(r.target_kind, r.target_id): (r.score_centi, r.grade, r.unqualified, r.facts, r.last_fact_at,
                                             r.explanation)
              for r in rows(database_url, select(orm.scores))}
    flags = {r.flag_id: (r.target_kind, r.target_id, r.rule, r.evidence, r.raised_at)
             for r in rows(database_url, select(orm.flags).where(orm.flags.c.active.is_(True)))}
    per_village = dict(rows(database_url, select(orm.registered_households.c.village_code, func.count())
                            .group_by(orm.registered_households.c.village_code)))
    return {"scores": scores, "flags": flags, "households_per_village": per_village}


def rebuilt_state(kafka_bootstrap: str, prefix: str, fresh_database: str) -> dict[str, Any]:
    """A clean rebuild from the topics into an empty database."""
    from assessment.config import Settings
    from assessment.entrypoints.rebuild import rebuild

    rebuild(Settings(common=common_settings("assessment", fresh_database, kafka_bootstrap, prefix)))
    return assessment_state(fresh_database)


def http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except OSError:
        return 0  # nobody answering


class EventStream:
    """A producer of contract events (as registry, cadres and funds publish
    them) that keeps publishing in small bursts from a thread, redelivering
    some events under their first id the way a relay does after a crash."""

    def __init__(self, kafka_bootstrap: str, prefix: str, events: list[tuple[Any, str]], burst: int = 25,
                 pause: float = 0.03, redeliver_every: int = 7) -> None:
        self.bootstrap, self.prefix, self.events = kafka_bootstrap, prefix, events
        self.burst, self.pause, self.redeliver_every = burst, pause, redeliver_every
        self.sent = 0
        self.redelivered = 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        from assessment.testing import builders as b

        from chassis.kafka import Envelope, make_producer

        producer = make_producer(self.bootstrap, "fault-stream")
        try:
            for index, ((type_, message), event_id) in enumerate(self.events):
                envelope = Envelope(id=event_id, source="fault-stream", type=type_,
                                    schema=message.DESCRIPTOR.full_name, time="2013-01-01T00:00:00Z")
                copies = 2 if index % self.redeliver_every == 3 else 1
                for _ in range(copies):
                    producer.send(self.prefix + b.TOPIC_OF[type_], key=b.key_of((type_, message)).encode(),
                                  value=message.SerializeToString(), headers=envelope.headers())
                self.redelivered += copies - 1
                self.sent += 1
                if self.sent % self.burst == 0:
                    producer.flush(timeout=30)
                    time.sleep(self.pause)
            producer.flush(timeout=30)
        finally:
            producer.close()
            self.done.set()

    def __enter__(self) -> "EventStream":
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.thread.join(timeout=120)


def village_history(villages: list[str], households: int) -> tuple[list[tuple[Any, str]], dict[str, int]]:
    """A few years of a few villages: registrations, two surveys each (some
    households climb over the exit line, one survey is false), exits, a
    stationed cadre with a bad attendance month, idle and spent funds. Returns
    the events with their ids, and the households per village."""
    from assessment.testing import builders as b

    built: list[Any] = []
    for v, village in enumerate(villages):
        for n in range(households):
            h = f"{village}-h{n:04d}"
            later = 260000 if n % 3 == 0 else 140000 + 1000 * n
            built += [b.registered(h, village, 3, "2011-01-10T00:00:00Z"),
                      b.survey(f"{h}-2011", h, village, 2011, 3, 120000, "2011-12-15T00:00:00Z"),
                      b.survey(f"{h}-2012", h, village, 2012, 3, later, "2012-12-15T00:00:00Z")]
            if n % 3 == 0:
                built.append(b.exited(h, village, 2012, 3, "2012-12-20T00:00:00Z"))
        unit, pairing, cadre = f"unit-{v}", f"pairing-{v}", f"cadre-{v}"
        built += [b.paired(pairing, unit, village, "2012-01-01"), b.stationed(cadre, unit, pairing, village, "2012-02-01"),
                  b.attendance(cadre, unit, village, "2012-11", 21, 3 + 2 * v),
                  b.inspection(f"insp-{v}", cadre, unit, village, "2012-11-20", v != 1),
                  b.allocated(f"alloc-{v}", village, 500000, "2012-03-01T00:00:00Z"),
                  b.disbursed(f"pay-{v}", f"alloc-{v}", village, 400000, "2012-06-01T00:00:00Z")]
    built.append(b.survey("false", f"{villages[-1]}-h0001", villages[-1], 2012, 3, 250000, "2013-01-05T00:00:00Z",
                          net=2000000, supersedes=f"{villages[-1]}-h0001-2012"))
    return [(e, str(uuid.uuid4())) for e in built], {village: households for village in villages}
