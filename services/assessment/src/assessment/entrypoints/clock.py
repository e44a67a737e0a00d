"""The province's clock: ticks published on assessment.clock.v1.

The `clock` part publishes the current UTC time every
SHUANGDAO_ASSESSMENT_CLOCK_INTERVAL_S; `shuangdao-assessment-tick` publishes
one tick by hand (now, or a past moment with --as-of). The consumer treats a
tick as a fact, so deadlines pass for villages that send nothing.

Ticks go straight to Kafka (acks=all), not through the outbox: the outbox
makes a database change and its event commit together, and a tick changes
nothing in the database until it is consumed. Several publishers are harmless:
the consumer keeps the latest tick and ignores older or repeated ones."""
from __future__ import annotations

import argparse
import json
import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime

from kafka import KafkaProducer

from chassis.kafka import close_quietly, make_producer

from assessment.adapters import translators
from assessment.config import CLOCK_TOPIC, SERVICE, Settings
from assessment.domain.events import ClockTicked

log = logging.getLogger(__name__)

SEND_TIMEOUT_S = 30.0


def publish_tick(producer: KafkaProducer, settings: Settings, as_of: datetime) -> str:
    """Sends one tick and waits for the broker's ack; returns its event id."""
    out = translators.outgoing(ClockTicked(as_of.astimezone(UTC)), settings.topic)
    producer.send(out.topic, key=out.key.encode(), value=out.payload,
                  headers=out.envelope.headers()).get(timeout=SEND_TIMEOUT_S)
    log.info("clock ticked", extra={"fields": {"event_id": out.envelope.id, "as_of": out.envelope.time,
                                               "topic": out.topic}})
    return out.envelope.id


class ClockPublisher:
    """The `clock` worker. The first tick comes one interval after the start,
    not at once: a part that restarts often must not stand in for the
    schedule, and a start of the whole system sends no event nobody asked for."""

    def __init__(self, settings: Settings, producer_factory: Callable[[], KafkaProducer] | None = None,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.settings = settings
        self.producer_factory = producer_factory or (
            lambda: make_producer(settings.common.kafka_bootstrap, f"{SERVICE}-clock"))
        self.now = now
        self._producer: KafkaProducer | None = None

    def run(self, stop: threading.Event) -> None:
        while not stop.wait(self.settings.clock_interval_s):
            try:
                if self._producer is None:
                    self._producer = self.producer_factory()
                publish_tick(self._producer, self.settings, self.now())
            except Exception:
                # The next tick carries a later time and stands for this one.
                log.exception("clock tick failed; the next one will stand for it")
                self._close()
        self._close()

    def _close(self) -> None:
        close_quietly(self._producer, timeout=5)
        self._producer = None


def parse_as_of(text: str, now: datetime) -> datetime:
    """An RFC 3339 time with its zone, not after `now`: a tick ahead of time
    would raise flags for deadlines not yet passed, and the clock never goes back."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--as-of must be an RFC 3339 time, got {text!r}") from None
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError(f"--as-of must carry a time zone (e.g. Z or +08:00), got {text!r}")
    if moment > now:
        raise argparse.ArgumentTypeError(f"--as-of {text} is in the future: the clock cannot be set ahead")
    return moment.astimezone(UTC)


def main(argv: list[str] | None = None) -> None:
    from chassis.logging import configure_logging

    parser = argparse.ArgumentParser(description="Publish one tick of the province's clock to the assessment")
    parser.add_argument("--as-of", default="", help="RFC 3339 time, not in the future (default: now)")
    args = parser.parse_args(argv)
    now = datetime.now(UTC)
    try:
        as_of = parse_as_of(args.as_of, now) if args.as_of else now
    except argparse.ArgumentTypeError as exc:
        parser.error(str(exc))
    configure_logging(f"{SERVICE}-tick")
    settings = Settings.from_env()
    producer = make_producer(settings.common.kafka_bootstrap, f"{SERVICE}-tick")
    try:
        event_id = publish_tick(producer, settings, as_of)
    finally:
        producer.close(timeout=5)
    print(json.dumps({"event_id": event_id, "as_of": translators.rfc3339(as_of),
                      "topic": settings.topic(CLOCK_TOPIC)}))


if __name__ == "__main__":
    main()
