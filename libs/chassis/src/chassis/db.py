"""Engines and migrations. PostgreSQL in production and tests; SQLite files
only as the embedded default of `make run`."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, Table, create_engine, event, text
from sqlalchemy.exc import DisconnectionError, IntegrityError


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
    engine = create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_timeout=10)
    ping_when_idle(engine)
    return engine


# A connection given back less than this long ago was working then; one idle
# for longer may have been cut since (a database restart, a proxy's idle
# timeout) and is pinged before use. Pinging every checkout, as pool_pre_ping
# does, cost a round trip per request: a fifth of a household read.
IDLE_BEFORE_PING_S = 1.0


def ping_when_idle(engine: Engine, idle_s: float | None = None) -> None:
    """Checks a pooled connection that sat idle before handing it out; a dead
    one is replaced (DisconnectionError makes the pool retry with a new one)."""
    threshold = IDLE_BEFORE_PING_S if idle_s is None else idle_s
    def stamp(_dbapi_connection: Any, record: Any, *_: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    def check(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        if time.monotonic() - record.info.get("idle_since", float("-inf")) < threshold:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:  # whatever broke it, the pool must not hand it out
            raise DisconnectionError(f"pooled connection failed its ping: {error}") from error

    event.listen(engine, "connect", stamp)
    event.listen(engine, "checkin", stamp)
    event.listen(engine, "checkout", check)


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
