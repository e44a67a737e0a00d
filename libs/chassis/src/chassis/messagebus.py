"""A message bus in the manner of *Architecture Patterns with Python*: commands
go to exactly one handler and return its result; events go to every handler
subscribed to them. Dependencies are injected by each service's bootstrap, so
handlers here take only the message."""
from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

Handler = Callable[[Any], Any]


class MessageBus:
    def __init__(self, command_handlers: dict[type, Handler],
                 event_handlers: dict[type, list[Handler]] | None = None) -> None:
        self.command_handlers = command_handlers
        self.event_handlers: defaultdict[type, list[Handler]] = defaultdict(list, event_handlers or {})

    def handle(self, message: Any) -> Any:
        handler = self.command_handlers.get(type(message))
        if handler is not None:
            return handler(message)
        if type(message) in self.event_handlers:
            return [handler(message) for handler in self.event_handlers[type(message)]]
        raise LookupError(f"no handler for {type(message).__name__}")
