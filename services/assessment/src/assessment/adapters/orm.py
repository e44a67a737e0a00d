"""The assessment's own read model, rebuilt from topics whenever needed."""
from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, Integer, MetaData, String, Table

from chassis.inbox import processed_events_table
from chassis.outbox import outbox_table

metadata = MetaData()

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
)
Index("ix_registered_households_village", registered_households.c.village_code)

outbox = outbox_table(metadata)
processed_events = processed_events_table(metadata)
