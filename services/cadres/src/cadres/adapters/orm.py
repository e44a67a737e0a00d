"""The cadres service's tables. Its domain tables arrive with its own issue."""
from __future__ import annotations

from sqlalchemy import MetaData

from chassis.inbox import processed_events_table
from chassis.outbox import outbox_table

metadata = MetaData()
outbox = outbox_table(metadata)
processed_events = processed_events_table(metadata)
