from alembic import context

from chassis.alembic_env import run_migrations
from registry.adapters.orm import metadata
from registry.config import Settings

run_migrations(context, metadata, Settings.from_env().common.database_url)
