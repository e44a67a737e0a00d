"""Local development infrastructure for Shuangdao: Kafka, topics, PostgreSQL.

Everything here is idempotent so that pytest fixtures, CI scripts and humans
can all call it without first checking what is already running.
"""

from devstack.common import DevstackError

__all__ = ["DevstackError"]
