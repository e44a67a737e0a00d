"""The assessment's own read model, rebuilt from topics whenever needed.

Fact tables are keyed by the subject of the event that carries them, so a
redelivered or replayed event lands on the same row; result tables (scores,
flags, figures) are derived from the facts and can always be recomputed."""
from __future__ import annotations

from sqlalchemy import (BigInteger, Boolean, Column, Date, DateTime, Index, Integer, MetaData, String, Table,
                        Text)

from chassis.inbox import processed_events_table
from chassis.outbox import outbox_table
from chassis.security.audit import audit_table

metadata = MetaData()


def _path(*, index: bool = False) -> list[Column]:  # type: ignore[type-arg]
    return [Column("province_code", String(12), nullable=False),
            Column("city_code", String(12), nullable=False),
            Column("county_code", String(12), nullable=False),
            Column("township_code", String(12), nullable=False),
            Column("village_code", String(12), nullable=False, index=index)]


registered_households = Table(
    "registered_households", metadata,
    Column("household_id", String(36), primary_key=True),
    Column("province_code", String(12), nullable=False),
    Column("city_code", String(12), nullable=False),
    Column("county_code", String(12), nullable=False),
    Column("township_code", String(12), nullable=False),
    Column("village_code", String(12), nullable=False),
    Column("category", String(20), nullable=False),
    Column("people", Integer, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("registered_at", DateTime(timezone=True), nullable=True),
    Column("able_to_work", Integer, nullable=True),
    Column("entry_income_per_capita_fen", BigInteger, nullable=True),
)
Index("ix_registered_households_village", registered_households.c.village_code)

surveys = Table(
    "surveys", metadata,
    Column("survey_id", String(64), primary_key=True),
    Column("household_id", String(36), nullable=False, index=True),
    *_path(index=True),
    Column("year", Integer, nullable=False),
    Column("household_size", Integer, nullable=False),
    Column("income_components_fen", BigInteger, nullable=False),
    Column("net_income_fen", BigInteger, nullable=False),
    Column("per_capita_net_income_fen", BigInteger, nullable=False),
    Column("guarantees_met", Boolean, nullable=False),
    Column("supersedes_survey_id", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

household_status = Table(
    "household_status", metadata,
    Column("household_id", String(36), primary_key=True),
    Column("status", String(10), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("village_code", String(12), nullable=False, index=True),
    Column("people", Integer, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

risk_events = Table(
    "risk_events", metadata,
    Column("household_id", String(36), primary_key=True),
    Column("kind", String(10), primary_key=True),  # flagged | cleared
    Column("at", DateTime(timezone=True), primary_key=True),
    Column("rule", String(100), primary_key=True),
    Column("village_code", String(12), nullable=False, index=True),
)

pairings = Table(
    "pairings", metadata,
    Column("pairing_id", String(64), primary_key=True),
    Column("unit_id", String(64), nullable=False, index=True),
    Column("village_code", String(12), nullable=False, index=True),
    Column("unit_kind", String(40), nullable=True),
    Column("start_date", Date, nullable=True),
    Column("end_date", Date, nullable=True),
    Column("paired_at", DateTime(timezone=True), nullable=True),
    Column("ended_at", DateTime(timezone=True), nullable=True),
)

plans = Table(
    "plans", metadata,
    Column("plan_id", String(64), primary_key=True),
    Column("unit_id", String(64), nullable=False),
    Column("village_code", String(12), nullable=False, index=True),
    Column("year", Integer, nullable=False),
    Column("planned_funds_fen", BigInteger, nullable=False),
    Column("target_collective_income_fen", BigInteger, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

stationings = Table(
    "stationings", metadata,
    Column("cadre_id", String(64), primary_key=True),
    Column("village_code", String(12), primary_key=True, index=True),
    Column("unit_id", String(64), nullable=False),
    Column("start_date", Date, nullable=True),
    Column("end_date", Date, nullable=True),
    Column("stationed_at", DateTime(timezone=True), nullable=True),
    Column("withdrawn_at", DateTime(timezone=True), nullable=True),
)

attendance = Table(
    "attendance", metadata,
    Column("cadre_id", String(64), primary_key=True),
    Column("month", String(7), primary_key=True),
    Column("unit_id", String(64), nullable=False),
    Column("village_code", String(12), nullable=False, index=True),
    Column("working_days", Integer, nullable=False),
    Column("days_in_village", Integer, nullable=False),
    Column("days_on_approved_leave", Integer, nullable=False),
    Column("days_absent_without_leave", Integer, nullable=False),
    Column("revision", BigInteger, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

inspections = Table(
    "inspections", metadata,
    Column("inspection_id", String(64), primary_key=True),
    Column("cadre_id", String(64), nullable=False),
    Column("unit_id", String(64), nullable=False),
    Column("village_code", String(12), nullable=False, index=True),
    Column("inspected_on", Date, nullable=False),
    Column("present", Boolean, nullable=False),
    Column("excused", Boolean, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

complaints = Table(
    "complaints", metadata,
    Column("complaint_id", String(64), primary_key=True),
    Column("cadre_id", String(64), nullable=False),
    Column("village_code", String(12), nullable=False, index=True),
    Column("received_on", Date, nullable=True),
    Column("upheld", Boolean, nullable=True),
    Column("recorded_at", DateTime(timezone=True), nullable=True),
    Column("resolved_at", DateTime(timezone=True), nullable=True),
)

allocations = Table(
    "allocations", metadata,
    Column("allocation_id", String(64), primary_key=True),
    Column("village_code", String(12), nullable=False, index=True),
    Column("source_kind", String(40), nullable=False),
    Column("unit_id", String(64), nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
    Column("year", Integer, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

disbursements = Table(
    "disbursements", metadata,
    Column("disbursement_id", String(64), primary_key=True),
    Column("allocation_id", String(64), nullable=False),
    Column("village_code", String(12), nullable=False, index=True),
    Column("amount_fen", BigInteger, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

reversals = Table(
    "reversals", metadata,
    Column("reversal_id", String(64), primary_key=True),
    Column("disbursement_id", String(64), nullable=False),
    Column("allocation_id", String(64), nullable=False),
    Column("village_code", String(12), nullable=False, index=True),
    Column("amount_fen", BigInteger, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

projects = Table(
    "projects", metadata,
    Column("project_id", String(64), primary_key=True),
    Column("village_code", String(12), nullable=False, index=True),
    Column("poor_households", Integer, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

collective_incomes = Table(
    "collective_incomes", metadata,
    Column("record_id", String(64), primary_key=True),
    Column("village_code", String(12), nullable=False, index=True),
    Column("year", Integer, nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

# Every village any fact named, with its division path: aggregates find their
# villages here, and cadre/unit scores their divisions.
villages = Table(
    "villages", metadata,
    *[Column(c.name, c.type, primary_key=c.name == "village_code", nullable=False) for c in _path()],
)
Index("ix_villages_county", villages.c.county_code)
Index("ix_villages_city", villages.c.city_code)

scores = Table(
    "scores", metadata,
    Column("target_kind", String(20), primary_key=True),
    Column("target_id", String(64), primary_key=True),
    *_path(),
    Column("score_centi", Integer, nullable=False),
    Column("grade_by_score", String(10), nullable=False),
    Column("grade", String(10), nullable=False),
    Column("unqualified", Boolean, nullable=False),
    Column("rubric_version", String(40), nullable=False),
    Column("as_of", DateTime(timezone=True), nullable=True),
    Column("facts", BigInteger, nullable=False),
    Column("last_fact_at", DateTime(timezone=True), nullable=True),
    Column("weight", BigInteger, nullable=False),
    Column("explanation", Text, nullable=False),  # JSON: indicators, constituents, unqualified_by
    Column("computed_at", DateTime(timezone=True), nullable=False),
)
Index("ix_scores_kind_county", scores.c.target_kind, scores.c.county_code)
Index("ix_scores_kind_city", scores.c.target_kind, scores.c.city_code)
Index("ix_scores_kind_score", scores.c.target_kind, scores.c.score_centi)

flags = Table(
    "flags", metadata,
    Column("flag_id", String(36), primary_key=True),
    Column("target_kind", String(20), nullable=False),
    Column("target_id", String(64), nullable=False),
    *_path(),
    Column("rule", String(100), nullable=False),
    Column("subject", String(64), nullable=False),
    Column("evidence", Text, nullable=False),
    # Which evaluation owns the flag: "village:<code>" for rules over a
    # village's facts, "<kind>:<id>" for the grade of a scored target.
    Column("scope", String(100), nullable=False, index=True),
    Column("active", Boolean, nullable=False),
    Column("raised_at", DateTime(timezone=True), nullable=True),
    Column("cleared_at", DateTime(timezone=True), nullable=True),
)
Index("ix_flags_target", flags.c.target_kind, flags.c.target_id)
Index("ix_flags_county", flags.c.county_code)

village_stats = Table(
    "village_stats", metadata,
    *[Column(c.name, c.type, primary_key=c.name == "village_code", nullable=False) for c in _path()],
    Column("registered_households", Integer, nullable=False),
    Column("registered_people", Integer, nullable=False),
    Column("exited_households", Integer, nullable=False),
    Column("exited_people", Integer, nullable=False),
    Column("at_risk_households", Integer, nullable=False),
    Column("at_risk_people", Integer, nullable=False),
)
Index("ix_village_stats_county", village_stats.c.county_code)

village_incomes = Table(
    "village_incomes", metadata,
    Column("village_code", String(12), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("province_code", String(12), nullable=False),
    Column("city_code", String(12), nullable=False),
    Column("county_code", String(12), nullable=False),
    Column("township_code", String(12), nullable=False),
    Column("households", Integer, nullable=False),
    Column("people", Integer, nullable=False),
    Column("income_fen", BigInteger, nullable=False),
)
Index("ix_village_incomes_year", village_incomes.c.year, village_incomes.c.county_code)

# The province's clock: one row, the latest tick consumed (see domain/clock.py).
clock = Table(
    "clock", metadata,
    Column("name", String(20), primary_key=True),
    Column("as_of", DateTime(timezone=True), nullable=False),
)

outbox = outbox_table(metadata)
processed_events = processed_events_table(metadata)
# Who ran what (rebuilds), hash-chained and append-only (see the migration's trigger).
audit_log = audit_table(metadata)
