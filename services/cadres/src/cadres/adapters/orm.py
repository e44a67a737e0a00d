"""The cadres service's tables (SQLAlchemy Core). Dates are calendar days in
Asia/Shanghai; timestamps are UTC."""
from __future__ import annotations

from sqlalchemy import (BigInteger, Column, Date, DateTime, ForeignKey, Index, Integer, MetaData, String,
                        Table, Text, UniqueConstraint)

from chassis.inbox import processed_events_table
from chassis.outbox import outbox_table
from chassis.security.audit import audit_table

metadata = MetaData()


def _village_columns() -> list[Column]:
    return [Column("province_code", String(12), nullable=False), Column("city_code", String(12), nullable=False),
            Column("county_code", String(12), nullable=False), Column("township_code", String(12), nullable=False),
            Column("village_code", String(12), nullable=False)]


support_units = Table(
    "support_units", metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("registered_at", DateTime(timezone=True), nullable=False),
)

top_leaders = Table(
    "top_leaders", metadata,
    Column("unit_id", String(36), ForeignKey("support_units.id"), primary_key=True),
    Column("since", Date, primary_key=True),
    Column("name", String(100), nullable=False),
    Column("title", String(100), nullable=False),
)

# One row per village ever paired: the row a pairing or stationing locks, so
# two concurrent requests cannot both take the same village.
villages = Table(
    "villages", metadata,
    Column("code", String(12), primary_key=True),
)

pairings = Table(
    "pairings", metadata,
    Column("id", String(36), primary_key=True),
    Column("unit_id", String(36), ForeignKey("support_units.id"), nullable=False),
    *_village_columns(),
    Column("start_date", Date, nullable=False),
    Column("end_date", Date, nullable=True),
    Column("end_reason", String(4000), nullable=False, default=""),
)
Index("ix_pairings_unit", pairings.c.unit_id)
Index("ix_pairings_village", pairings.c.village_code)
# Backstops of the one-for-one rule for active pairings.
Index("uq_pairings_active_village", pairings.c.village_code, unique=True,
      postgresql_where=pairings.c.end_date.is_(None), sqlite_where=pairings.c.end_date.is_(None))
Index("uq_pairings_active_unit", pairings.c.unit_id, unique=True,
      postgresql_where=pairings.c.end_date.is_(None), sqlite_where=pairings.c.end_date.is_(None))

cadres = Table(
    "cadres", metadata,
    Column("id", String(36), primary_key=True),
    Column("unit_id", String(36), ForeignKey("support_units.id"), nullable=False),
    Column("name", String(100), nullable=False),
    Column("position", String(100), nullable=False),
    Column("phone", String(40), nullable=False),
    Column("registered_at", DateTime(timezone=True), nullable=False),
)
Index("ix_cadres_unit", cadres.c.unit_id)

stationings = Table(
    "stationings", metadata,
    Column("id", String(36), primary_key=True),
    Column("cadre_id", String(36), ForeignKey("cadres.id"), nullable=False),
    Column("unit_id", String(36), nullable=False),
    Column("pairing_id", String(36), ForeignKey("pairings.id"), nullable=False),
    *_village_columns(),
    Column("start_date", Date, nullable=False),
    Column("register_from", Date, nullable=False),
    Column("end_date", Date, nullable=True),
    Column("end_reason", String(4000), nullable=False, default=""),
    Column("replaces_cadre_id", String(36), nullable=False, default=""),
    Column("replaced_by_cadre_id", String(36), nullable=False, default=""),
)
Index("ix_stationings_cadre", stationings.c.cadre_id)
Index("ix_stationings_village", stationings.c.village_code)
Index("ix_stationings_pairing", stationings.c.pairing_id)
Index("uq_stationings_active_cadre", stationings.c.cadre_id, unique=True,
      postgresql_where=stationings.c.end_date.is_(None), sqlite_where=stationings.c.end_date.is_(None))

# Append-only: a correction is a newer entry for the same day; the latest counts.
attendance_entries = Table(
    "attendance_entries", metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("cadre_id", String(36), ForeignKey("cadres.id"), nullable=False),
    Column("day", Date, nullable=False),
    Column("mark", String(20), nullable=False),
    Column("recorded_by", String(30), nullable=False),
    Column("note", String(4000), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)
Index("ix_attendance_cadre_day", attendance_entries.c.cadre_id, attendance_entries.c.day)

attendance_summaries = Table(
    "attendance_summaries", metadata,
    Column("cadre_id", String(36), ForeignKey("cadres.id"), primary_key=True),
    Column("month", String(7), primary_key=True),
    Column("revision", BigInteger, nullable=False),
    Column("working_days", Integer, nullable=False),
    Column("days_in_village", Integer, nullable=False),
    Column("days_on_approved_leave", Integer, nullable=False),
    Column("weekend_days", Integer, nullable=False),
    Column("days_absent_without_leave", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

leaves = Table(
    "leaves", metadata,
    Column("id", String(36), primary_key=True),
    Column("cadre_id", String(36), ForeignKey("cadres.id"), nullable=False),
    *_village_columns(),
    Column("first_day", Date, nullable=False),
    Column("last_day", Date, nullable=False),
    Column("reason", String(4000), nullable=False),
    Column("status", String(20), nullable=False),
    Column("requested_at", DateTime(timezone=True), nullable=False),
    Column("decided_at", DateTime(timezone=True), nullable=True),
    Column("decided_by", String(100), nullable=False, default=""),
    Column("decision_note", String(4000), nullable=False, default=""),
)
Index("ix_leaves_cadre", leaves.c.cadre_id)

inspections = Table(
    "inspections", metadata,
    Column("id", String(36), primary_key=True),
    Column("cadre_id", String(36), ForeignKey("cadres.id"), nullable=False),
    Column("unit_id", String(36), nullable=False),
    *_village_columns(),
    Column("inspected_on", Date, nullable=False),
    Column("method", String(20), nullable=False),
    Column("outcome", String(20), nullable=False),
    Column("finding", String(40), nullable=False),
    Column("inspector", String(100), nullable=False),
    Column("note", String(4000), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)
Index("ix_inspections_cadre", inspections.c.cadre_id)

complaints = Table(
    "complaints", metadata,
    Column("id", String(36), primary_key=True),
    Column("cadre_id", String(36), ForeignKey("cadres.id"), nullable=False),
    *_village_columns(),
    Column("received_on", Date, nullable=False),
    Column("subject", String(20), nullable=False),
    Column("details", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Column("resolved_on", Date, nullable=True),
    Column("finding", String(20), nullable=True),
    Column("resolution", Text, nullable=False, default=""),
)
Index("ix_complaints_cadre", complaints.c.cadre_id)

village_plans = Table(
    "village_plans", metadata,
    Column("pairing_id", String(36), ForeignKey("pairings.id"), primary_key=True),
    Column("strategy", Text, nullable=False),
    Column("adopted_on", Date, nullable=False),
)

yearly_plans = Table(
    "yearly_plans", metadata,
    Column("id", String(36), primary_key=True),
    Column("pairing_id", String(36), ForeignKey("pairings.id"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("target_exited_households", Integer, nullable=False),
    Column("target_per_capita_income_fen", BigInteger, nullable=False),
    Column("target_collective_income_fen", BigInteger, nullable=False),
    Column("planned_funds_fen", BigInteger, nullable=False),
    Column("measures", Text, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("adopted_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("pairing_id", "year", name="uq_yearly_plans_pairing_year"),
)

outbox = outbox_table(metadata)
processed_events = processed_events_table(metadata)
# Who did what, where, before and after: hash-chained, append-only (see the migration's trigger).
audit_log = audit_table(metadata)
