import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from chassis.errors import NotFound, PermissionDenied

from portal.service_layer.fan_out import THREAD_PREFIX, Hidden, gather, optional


def test_independent_calls_run_at_once_and_answer_by_name() -> None:
    barrier = threading.Barrier(3, timeout=5)  # passes only if all three run together

    def call(n: int) -> int:
        barrier.wait()
        return n * 10

    with ThreadPoolExecutor(3, thread_name_prefix=THREAD_PREFIX) as pool:
        assert gather(pool, {str(n): (lambda n=n: call(n)) for n in range(3)}) == {"0": 0, "1": 10, "2": 20}


def test_a_call_that_fans_out_again_never_deadlocks_a_full_pool() -> None:
    with ThreadPoolExecutor(1, thread_name_prefix=THREAD_PREFIX) as pool:
        inner = lambda: gather(pool, {"a": lambda: 1, "b": lambda: 2})  # noqa: E731
        assert gather(pool, {"outer": inner}) == {"outer": {"a": 1, "b": 2}}


def test_the_first_error_is_raised_only_after_every_call_has_finished() -> None:
    finished = []

    def slow() -> None:
        threading.Event().wait(0.1)
        finished.append("slow")

    def fail() -> None:
        raise NotFound("household x not found")

    with ThreadPoolExecutor(2, thread_name_prefix=THREAD_PREFIX) as pool:
        with pytest.raises(NotFound):
            gather(pool, {"fail": fail, "slow": slow})
    assert finished == ["slow"]


def test_a_part_the_role_may_not_read_is_hidden_rather_than_failing_the_page() -> None:
    def refuse() -> None:
        raise PermissionDenied("permission denied: cadres.inspection.read")

    hidden = optional(refuse)()
    assert isinstance(hidden, Hidden) and not hidden and "inspection" in hidden.reason
    with pytest.raises(NotFound):
        optional(lambda: (_ for _ in ()).throw(NotFound("gone")))()
