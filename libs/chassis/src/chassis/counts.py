"""`SELECT <columns>, count(*) ... GROUP BY <columns>` as a dict, for the
domain gauges a service reads from its own tables at scrape time."""
from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Engine, Table, func, select


def grouped_counts(engine: Engine, table: Table, *columns: ColumnElement[Any],
                   where: ColumnElement[bool] | None = None) -> dict[Any, float]:
    query = select(*columns, func.count()).select_from(table).group_by(*columns)
    if where is not None:
        query = query.where(where)
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    if len(columns) == 1:
        return {row[0]: float(row[1]) for row in rows}
    return {tuple(row[:-1]): float(row[-1]) for row in rows}
