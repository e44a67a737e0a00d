"""Record ids: UUIDs, chosen by the client for safe retries or made here."""
from __future__ import annotations

import uuid


def new_id(chosen: str = "") -> str:
    return chosen or str(uuid.uuid4())
