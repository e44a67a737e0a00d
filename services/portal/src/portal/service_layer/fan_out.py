"""A page's independent gRPC calls, made at once on the portal's thread pool,
so a page costs the slowest call rather than the sum of them."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import Executor
import threading
from typing import Any

from chassis.errors import PermissionDenied


THREAD_PREFIX = "portal-fan-out"


def gather(executor: Executor, calls: Mapping[str, Callable[[], Any]]) -> dict[str, Any]:
    """Every call's answer by name; the first error (in the order given) is raised
    after all calls have finished, so no call outlives the page.

    Called from a pool thread (a fanned-out call fanning out again), the calls
    run right there, one after another: pool threads waiting on work queued
    behind them would otherwise deadlock the pool."""
    if threading.current_thread().name.startswith(THREAD_PREFIX):
        return {name: call() for name, call in calls.items()}
    futures = {name: executor.submit(call) for name, call in calls.items()}
    answers, first_error = {}, None
    for name, future in futures.items():
        try:
            answers[name] = future.result()
        except Exception as error:  # re-raised below: the page answers with the first
            first_error = first_error or error
    if first_error is not None:
        raise first_error
    return answers


class Hidden:
    """What a page shows where the caller's role may not read a part of it."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def __bool__(self) -> bool:
        return False


def optional(call: Callable[[], Any]) -> Callable[[], Any]:
    """A part of a page some roles may not read (inspections for a village
    cadre, the source mix for a support unit): refused becomes Hidden, not a 403
    for the whole page."""
    def run() -> Any:
        try:
            return call()
        except PermissionDenied as error:
            return Hidden(error.message)
    return run
