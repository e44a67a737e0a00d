"""Shared error type and progress logging."""

import sys


class DevstackError(RuntimeError):
    """A failure the user can act on; the CLI prints it without a traceback."""


def log(message: str) -> None:
    """Print one progress line to stderr.

    Progress goes to stderr so that stdout carries only the result (bootstrap
    address, database URL), e.g. ``B=$(python -m devstack kafka start ...)``.
    """
    print(f"devstack: {message}", file=sys.stderr, flush=True)
