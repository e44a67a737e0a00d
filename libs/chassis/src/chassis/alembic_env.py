"""The body of every service's migrations/env.py, so the four stay identical."""
from __future__ import annotations

from typing import Any

from sqlalchemy import MetaData

from chassis.db import make_engine


def run_migrations(context: Any, target_metadata: MetaData, default_url: str) -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(context, connection, target_metadata)
        return
    url = context.config.get_main_option("sqlalchemy.url") or default_url
    with make_engine(url).begin() as owned:
        _run(context, owned, target_metadata)


def _run(context: Any, connection: Any, target_metadata: MetaData) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()
