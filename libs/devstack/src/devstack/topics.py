"""Create the topics declared in deploy/kafka/topics.yaml.

File format::

    defaults: {partitions: 3, replication_factor: 1, config: {retention.ms: "-1"}}
    topics:
      - name: registry.household.v1
        partitions: 6                       # optional override
        dlq: true                           # also create registry.household.v1.dlq
        config: {cleanup.policy: delete}    # merged over defaults.config
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from kafka import errors as kafka_errors
from kafka.admin import KafkaAdminClient

from devstack.common import DevstackError, log

DLQ_SUFFIX = ".dlq"
# Fail within seconds when nothing listens on the bootstrap address instead
# of kafka-python's default 30 s probe.
BOOTSTRAP_TIMEOUT_MS = 10_000
METADATA_TIMEOUT_MS = 30_000

_DEFAULT_KEYS = {"partitions", "replication_factor", "config", "dlq"}
_TOPIC_KEYS = _DEFAULT_KEYS | {"name"}


@dataclass(frozen=True)
class TopicSpec:
    """One topic to create, with the defaults already applied."""

    name: str
    partitions: int = 1
    replication_factor: int = 1
    config: Mapping[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------
# Parsing


def load_topic_specs(path: Path, prefix: str = "") -> list[TopicSpec]:
    """Read the YAML file into specs, DLQ topics included, in file order.

    ``prefix`` is prepended to every name so that parallel test sessions can
    share one broker without seeing each other's messages.
    """
    document = yaml.safe_load(Path(path).read_text()) or {}
    if not isinstance(document, dict) or not isinstance(document.get("topics"), list):
        raise DevstackError(f"{path}: expected a mapping with a 'topics' list")
    defaults = _mapping(document.get("defaults", {}), f"{path}: defaults")
    _reject_unknown(defaults, _DEFAULT_KEYS, f"{path}: defaults")
    specs: list[TopicSpec] = []
    for index, entry in enumerate(document["topics"]):
        where = f"{path}: topics[{index}]"
        entry = _mapping(entry, where)
        _reject_unknown(entry, _TOPIC_KEYS, where)
        specs.extend(_specs_for(entry, defaults, prefix, where))
    return specs


def _specs_for(entry: Mapping[str, Any], defaults: Mapping[str, Any], prefix: str, where: str) -> list[TopicSpec]:
    name = entry.get("name")
    if not isinstance(name, str) or not name:
        raise DevstackError(f"{where}: 'name' must be a non-empty string")
    config = {**_config(defaults, where), **_config(entry, where)}
    spec = TopicSpec(
        name=prefix + name,
        partitions=_positive_int(entry, defaults, "partitions", where),
        replication_factor=_positive_int(entry, defaults, "replication_factor", where),
        config=config,
    )
    if not entry.get("dlq", defaults.get("dlq", False)):
        return [spec]
    # The DLQ mirrors its topic's layout so a redrive keeps key ordering.
    dlq = TopicSpec(spec.name + DLQ_SUFFIX, spec.partitions, spec.replication_factor, config)
    return [spec, dlq]


def _mapping(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise DevstackError(f"{where}: expected a mapping, got {type(value).__name__}")
    return value


def _reject_unknown(entry: Mapping[str, Any], allowed: set[str], where: str) -> None:
    # A misspelt key ("partiton") would otherwise silently fall back to the default.
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise DevstackError(f"{where}: unknown keys {unknown}; allowed: {sorted(allowed)}")


def _positive_int(entry: Mapping[str, Any], defaults: Mapping[str, Any], key: str, where: str) -> int:
    value = entry.get(key, defaults.get(key, 1))
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise DevstackError(f"{where}: '{key}' must be a positive integer, got {value!r}")
    return value


def _config(entry: Mapping[str, Any], where: str) -> dict[str, str]:
    raw = _mapping(entry.get("config") or {}, f"{where}: config")
    return {str(key): _config_value(value) for key, value in raw.items()}


def _config_value(value: Any) -> str:
    # Kafka wants strings; YAML turns `true` into a bool and `-1` into an int.
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --------------------------------------------------------------------------
# Creating


def create_topics(bootstrap: str, path: Path, prefix: str = "") -> list[str]:
    """Create every topic in the YAML file (and its DLQ); return all names.

    Topics that already exist are left as they are.
    """
    return ensure_topics(bootstrap, load_topic_specs(path, prefix))


def ensure_topics(bootstrap: str, specs: Sequence[TopicSpec]) -> list[str]:
    """Create ``specs`` that do not exist yet and wait until all are usable."""
    names = [spec.name for spec in specs]
    if not names:
        return []
    admin = _admin(bootstrap)
    try:
        request = {spec.name: _create_options(spec) for spec in specs}
        result = admin.create_topics(request, raise_errors=False)
        _check_results(result)
        # Equivalent to create_topics(wait_for_metadata=True), but only after
        # the per-topic errors were checked: waiting first would spend the
        # whole metadata timeout on a topic the broker rejected. Existing
        # topics are waited for as well so callers can produce at once.
        admin.wait_for_topics(names, timeout_ms=METADATA_TIMEOUT_MS)
        _warn_on_partition_mismatch(admin, specs)
    finally:
        admin.close()
    return names


def _admin(bootstrap: str) -> KafkaAdminClient:
    try:
        return KafkaAdminClient(
            bootstrap_servers=bootstrap,
            client_id="devstack-topics",
            bootstrap_timeout_ms=BOOTSTRAP_TIMEOUT_MS,
        )
    except kafka_errors.KafkaError as exc:
        raise DevstackError(f"cannot reach Kafka at {bootstrap}: {exc!r}") from exc


def _create_options(spec: TopicSpec) -> dict[str, Any]:
    return {
        "num_partitions": spec.partitions,
        "replication_factor": spec.replication_factor,
        "configs": dict(spec.config),
    }


def _check_results(result: Mapping[str, Any]) -> None:
    failures: list[str] = []
    for topic in result.get("topics", []):
        error = kafka_errors.for_code(topic["error_code"])
        if error is kafka_errors.NoError:
            log(f"created topic {topic['name']}")
        elif error is kafka_errors.TopicAlreadyExistsError:
            log(f"topic {topic['name']} already exists")
        else:
            failures.append(f"{topic['name']}: {error.__name__} {topic.get('error_message') or ''}".rstrip())
    if failures:
        raise DevstackError("creating topics failed:\n" + "\n".join(failures))


def _warn_on_partition_mismatch(admin: KafkaAdminClient, specs: Sequence[TopicSpec]) -> None:
    # A dev broker outlives edits to topics.yaml; say so instead of letting a
    # test wonder why a key lands in an unexpected partition.
    wanted = {spec.name: spec.partitions for spec in specs}
    for described in admin.describe_topics(topics=list(wanted)):
        have = len(described.get("partitions") or [])
        name = described.get("name")
        if name in wanted and have != wanted[name]:
            log(f"warning: topic {name} has {have} partitions, topics file says {wanted[name]}")
