"""The registry's tables (SQLAlchemy Core). The domain model stays free of the
ORM; the repositories translate rows to aggregates."""
from __future__ import annotations

from sqlalchemy import (BigInteger, Boolean, Column, Date, DateTime, ForeignKey, Index, Integer, MetaData, String,
                        Table, Text, false)

from chassis.inbox import processed_events_table
from chassis.outbox import outbox_table
from chassis.security.audit import audit_table

metadata = MetaData()

divisions = Table(
    "divisions", metadata,
    Column("code", String(12), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("level", String(20), nullable=False),
    Column("parent_code", String(12), nullable=True),
)
Index("ix_divisions_parent", divisions.c.parent_code)

households = Table(
    "households", metadata,
    Column("id", String(36), primary_key=True),
    Column("province_code", String(12), nullable=False),
    Column("city_code", String(12), nullable=False),
    Column("county_code", String(12), nullable=False),
    Column("township_code", String(12), nullable=False),
    Column("village_code", String(12), nullable=False),
    Column("natural_village_code", String(12), nullable=False, server_default=""),
    Column("category", String(20), nullable=False),
    Column("status", String(30), nullable=False),
    Column("registered_at", DateTime(timezone=True), nullable=True),
    Column("submitted_at", DateTime(timezone=True), nullable=True),
    Column("exited_at", DateTime(timezone=True), nullable=True),
    Column("current_step", String(40), nullable=True),
    Column("notice_ends_on", Date, nullable=True),
    Column("via_county_system", Boolean, nullable=False, server_default=false()),
    Column("wages_fen", BigInteger, nullable=False, server_default="0"),
    Column("farming_fen", BigInteger, nullable=False, server_default="0"),
    Column("business_fen", BigInteger, nullable=False, server_default="0"),
    Column("property_fen", BigInteger, nullable=False, server_default="0"),
    Column("transfers_fen", BigInteger, nullable=False, server_default="0"),
    Column("costs_fen", BigInteger, nullable=False, server_default="0"),
    Column("land_area_m2", BigInteger, nullable=False, server_default="0"),
    Column("housing_area_m2", BigInteger, nullable=False, server_default="0"),
    Column("housing_dilapidated", Boolean, nullable=False, server_default=false()),
    # Comma-separated cause words, in the order given.
    Column("causes", String(300), nullable=False, server_default=""),
    # Denormalised for lists and counts without reading members.
    Column("member_count", Integer, nullable=False, server_default="0"),
    Column("able_to_work_count", Integer, nullable=False, server_default="0"),
    Column("entry_income_per_capita_fen", BigInteger, nullable=False, server_default="0"),
    Column("risk_category", String(30), nullable=True),
    Column("risk_rule", String(60), nullable=True),
    Column("risk_evidence", String(500), nullable=True),
    Column("risk_flagged_at", DateTime(timezone=True), nullable=True),
)
Index("ix_households_village", households.c.village_code)
Index("ix_households_county", households.c.county_code)
Index("ix_households_city", households.c.city_code)
Index("ix_households_township", households.c.township_code)
Index("ix_households_natural_village", households.c.natural_village_code)

members = Table(
    "members", metadata,
    Column("household_id", String(36), ForeignKey("households.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("name", String(50), nullable=False),
    # Written and read only through adapters.identity: ciphertext, or "" when unknown.
    Column("national_id", String(200), nullable=False),
    Column("relation", String(20), nullable=False),
    Column("sex", String(12), nullable=False),
    Column("birth_date", Date, nullable=True),
    Column("labour_ability", String(20), nullable=False, server_default="unspecified"),
    Column("health", String(20), nullable=False, server_default="unspecified"),
    Column("disability", String(20), nullable=False, server_default="unspecified"),
    Column("schooling", String(20), nullable=False, server_default="unspecified"),
)

# One row per person in an active household: the primary key is the
# deduplication (a second active household for the same person cannot commit).
persons = Table(
    "persons", metadata,
    # The keyed hash of the national ID (adapters.identity.lookup_key).
    Column("id_key", String(64), primary_key=True),
    Column("household_id", String(36), ForeignKey("households.id", ondelete="CASCADE"), nullable=False),
)
Index("ix_persons_household", persons.c.household_id)

objections = Table(
    "objections", metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("household_id", String(36), ForeignKey("households.id", ondelete="CASCADE"), nullable=False),
    Column("text", Text, nullable=False),
    Column("recorded_by", String(100), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)
Index("ix_objections_household", objections.c.household_id)

history = Table(
    "history", metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("household_id", String(36), ForeignKey("households.id", ondelete="CASCADE"), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("actor", String(100), nullable=False, server_default=""),
    Column("step", String(40), nullable=True),
    Column("decision", String(20), nullable=True),
    Column("reason", Text, nullable=False, server_default=""),
    Column("survey_id", String(36), nullable=False, server_default=""),
    Column("year", Integer, nullable=False, server_default="0"),
)
Index("ix_history_household", history.c.household_id, history.c.id)

surveys = Table(
    "surveys", metadata,
    Column("id", String(36), primary_key=True),
    Column("household_id", String(36), ForeignKey("households.id", ondelete="CASCADE"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("household_size", Integer, nullable=False),
    Column("wages_fen", BigInteger, nullable=False),
    Column("farming_fen", BigInteger, nullable=False),
    Column("business_fen", BigInteger, nullable=False),
    Column("property_fen", BigInteger, nullable=False),
    Column("transfers_fen", BigInteger, nullable=False),
    Column("costs_fen", BigInteger, nullable=False),
    Column("net_income_fen", BigInteger, nullable=False),
    Column("per_capita_net_income_fen", BigInteger, nullable=False),
    Column("food_and_clothing", Boolean, nullable=False),
    Column("compulsory_schooling", Boolean, nullable=False),
    Column("medical_insurance", Boolean, nullable=False),
    Column("safe_housing", Boolean, nullable=False),
    Column("new_serious_illness", Boolean, nullable=False),
    Column("new_disability", Boolean, nullable=False),
    Column("disaster", Boolean, nullable=False),
    Column("supersedes_survey_id", String(36), nullable=False, server_default=""),
    Column("superseded", Boolean, nullable=False, server_default=false()),
    Column("recorded_by", String(100), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)
# One current survey per household and year; corrections keep the old rows.
Index("ux_surveys_current_year", surveys.c.household_id, surveys.c.year, unique=True,
      postgresql_where=surveys.c.superseded.is_(False), sqlite_where=surveys.c.superseded.is_(False))

# County-system submissions and their one result, keyed by the county's id.
submissions = Table(
    "submissions", metadata,
    Column("submission_id", String(100), primary_key=True),
    Column("county_system_id", String(100), nullable=False),
    Column("accepted", Boolean, nullable=False),
    Column("household_id", String(36), nullable=False, server_default=""),
    # JSON list of [field, description].
    Column("reasons", Text, nullable=False, server_default="[]"),
    Column("decided_at", DateTime(timezone=True), nullable=False),
)

outbox = outbox_table(metadata)
processed_events = processed_events_table(metadata)
# Who did what, when, to which household: append-only and hash-chained.
audit_log = audit_table(metadata)
