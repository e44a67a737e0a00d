"""Engines and migrations. PostgreSQL in production and tests; SQLite files
only as the embedded default of `make run`."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, Table, create_engine, event, text
from sqlalchemy.exc import IntegrityError


# Arbitrary but fixed: "the schema migration" among advisory locks.
MIGRATION_LOCK_KEY = 0x5D0B0C6


def make_engine(url: str, pool_size: int = 10) -> Engine:
    if url.startswith("postgresql://"):
        # SQLAlchemy 2.1 would pick psycopg anyway; say it so nobody needs psycopg2.
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True,
                         pool_timeout=10)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the API threads read while the relay and consumer write.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


def migrate(engine: Engine, migrations_dir: Path) -> None:
    """Brings the schema to head with the service's own Alembic scripts."""
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Replicas start together; the first migrates, the others wait and find head.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def database_reachable(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:
        return False


def bulk_insert(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Rows of one shape into `table`, inside the caller's transaction: COPY on
    PostgreSQL (several times faster than executemany, even pipelined),
    executemany elsewhere. A unique violation raises SQLAlchemy's
    IntegrityError either way, so callers handle one kind."""
    if not rows:
        return
    if connection.dialect.name != "postgresql":
        connection.execute(table.insert(), rows)
        return
    import psycopg
    from psycopg import sql

    columns = list(rows[0])
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(sql.Identifier(c) for c in columns))
    cursor = connection.connection.cursor()
    try:
        with cursor.copy(statement) as copy:  # type: ignore[attr-defined]
            for row in rows:
                copy.write_row([row[c] for c in columns])
    except psycopg.IntegrityError as exc:
        raise IntegrityError(f"COPY {table.name}", None, exc) from exc
    finally:
        cursor.close()
