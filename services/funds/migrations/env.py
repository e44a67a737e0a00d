from alembic import context

from chassis.alembic_env import run_migrations
from funds.adapters.orm import metadata
from funds.config import Settings

run_migrations(context, metadata, Settings.from_env().common.database_url)
