"""Who may do what where, and the audit entry of what they did.

Every command and query carries its `actor`: the verified caller the
entrypoint found, or None when the service acts on its own behalf (the
attendance clock, the demo loader run in-process). Handlers call `check`
after loading the thing acted on and before saying whether it exists, so a
caller outside the thing's village learns nothing about it."""
from __future__ import annotations

from dataclasses import asdict, is_dataclass
from typing import Any

from chassis.security.audit import AuditEntry, append
from chassis.security.policy import authorize
from chassis.security.tokens import Principal

from cadres.adapters import orm
from cadres.domain.model import Cadre, Pairing, Stationing, SupportUnit
from cadres.service_layer.unit_of_work import UnitOfWork

SYSTEM_SUBJECT = "system:cadres"
# Fields left out of audit snapshots: contact details are not part of what an auditor must see.
_UNAUDITED = frozenset({"phone"})


def check(actor: Principal | None, action: str, division: str | None) -> None:
    """PermissionDenied unless the actor may perform `action` in `division`;
    the service itself (no actor) is never refused."""
    if actor is not None:
        authorize(actor, action, division)


def unit_division(uow: UnitOfWork, unit: SupportUnit, province: str) -> str:
    """A unit acts for the village it is paired with (the current pairing, else
    the latest); a unit never paired belongs to the provincial office."""
    return _village_of_latest(uow.pairings.of_unit(unit.id)) or province


def cadre_division(uow: UnitOfWork, cadre: Cadre, province: str) -> str:
    """A cadre belongs where stationed (now, else last); before any stationing,
    where the cadre's unit is."""
    village = _village_of_latest(uow.stationings.of_cadre(cadre.id))
    if village:
        return village
    unit = uow.units.get(cadre.unit_id)
    return unit_division(uow, unit, province) if unit is not None else province


def _village_of_latest(items: list[Pairing] | list[Stationing]) -> str:
    if not items:
        return ""
    active = [item for item in items if item.end is None]
    return (active or items)[-1].village.village


def snapshot(thing: Any) -> Any:
    """A record as the audit trail keeps it (JSON-like, contact details left out)."""
    if isinstance(thing, (list, tuple)):
        return [snapshot(item) for item in thing]
    if isinstance(thing, dict):
        return {str(key): snapshot(value) for key, value in thing.items() if key not in _UNAUDITED}
    if is_dataclass(thing) and not isinstance(thing, type):
        return {key: value for key, value in asdict(thing).items() if key not in _UNAUDITED}
    return thing


def record(uow: UnitOfWork, actor: Principal | None, action: str, kind: str, target_id: str,
           division: str | None, before: Any = None, after: Any = None) -> None:
    """Appends the audit entry inside the command's transaction: it commits with the change."""
    if actor is not None:
        entry = AuditEntry.by(actor, action, kind, target_id, division, snapshot(before), snapshot(after))
    else:
        entry = AuditEntry(SYSTEM_SUBJECT, "cadres service", action, kind, target_id, division,
                           snapshot(before), snapshot(after))
    assert uow.connection is not None, "record() runs inside the command's unit of work"
    append(uow.connection, orm.audit_log, entry)


def check_role(actor: Principal | None, action: str) -> None:
    """The role gate alone (the caller's own jurisdiction as target): a caller
    whose role may never do this is refused before anything is looked up, so
    even a missing id answers PERMISSION_DENIED rather than NOT_FOUND."""
    if actor is not None:
        authorize(actor, action, actor.jurisdiction)
