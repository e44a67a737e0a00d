"""The registry's tables (SQLAlchemy Core). The domain model stays free of the
ORM; the repository translates rows to aggregates."""
from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, ForeignKey, Index, Integer, MetaData, String, Table

from chassis.inbox import processed_events_table
from chassis.outbox import outbox_table

metadata = MetaData()

households = Table(
    "households", metadata,
    Column("id", String(36), primary_key=True),
    Column("province_code", String(12), nullable=False),
    Column("city_code", String(12), nullable=False),
    Column("county_code", String(12), nullable=False),
    Column("township_code", String(12), nullable=False),
    Column("village_code", String(12), nullable=False),
    Column("category", String(20), nullable=False),
    Column("status", String(30), nullable=False),
    Column("registered_at", DateTime(timezone=True), nullable=False),
)
Index("ix_households_village", households.c.village_code)
Index("ix_households_county", households.c.county_code)

members = Table(
    "members", metadata,
    Column("household_id", String(36), ForeignKey("households.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("name", String(50), nullable=False),
    Column("national_id", String(18), nullable=False),
    Column("relation", String(20), nullable=False),
    Column("sex", String(12), nullable=False),
    Column("birth_date", Date, nullable=True),
)

outbox = outbox_table(metadata)
processed_events = processed_events_table(metadata)
