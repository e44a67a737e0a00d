"""`python -m chassis.new_migration <service dir> <message>`: autogenerates the
next Alembic revision of a service against a scratch SQLite database at head."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory


def main() -> None:
    service_dir, message = Path(sys.argv[1]), sys.argv[2]
    with tempfile.TemporaryDirectory() as scratch:
        config = Config()
        config.set_main_option("script_location", str(service_dir / "migrations"))
        config.set_main_option("sqlalchemy.url", f"sqlite:///{scratch}/scratch.sqlite3")
        command.upgrade(config, "head")
        heads = ScriptDirectory.from_config(config).get_heads()
        next_id = f"{int(heads[0]) + 1:04d}" if heads else "0001"
        command.revision(config, message=message, autogenerate=True, rev_id=next_id)


if __name__ == "__main__":
    main()
