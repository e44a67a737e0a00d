"""The division file the project ships (data/divisions.csv): code, name,
level, parent_code. Loaded at start: codes not yet in the table are added."""
from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import Engine, select

from registry.adapters import orm

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "divisions.csv"


def read(path: Path = SHIPPED) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


def ensure_shipped(engine: Engine, path: Path = SHIPPED) -> int:
    rows = read(path)
    with engine.begin() as connection:
        known = set(connection.execute(select(orm.divisions.c.code)).scalars())
        missing = [{"code": r["code"], "name": r["name"], "level": r["level"], "parent_code": r["parent_code"] or None}
                   for r in rows if r["code"] not in known]
        if missing:
            connection.execute(orm.divisions.insert(), missing)
    return len(missing)
