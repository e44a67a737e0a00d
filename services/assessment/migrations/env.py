from alembic import context

from chassis.alembic_env import run_migrations
from assessment.adapters.orm import metadata
from assessment.config import Settings

run_migrations(context, metadata, Settings.from_env().common.database_url)
