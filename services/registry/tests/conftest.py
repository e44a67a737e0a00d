"""Helpers shared by the registry's tests (test modules cannot import each other)."""
from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from chassis.testing.fixtures import common_settings
from registry.bootstrap import Registry, bootstrap
from registry.config import Settings
from registry.domain.national_id import check_character


@pytest.fixture
def national_id() -> Callable[[str, int], str]:
    """A well-formed ID number of Liannan county: (birth date YYYY-MM-DD, sequence)."""
    def make(born: str, sequence: int) -> str:
        first17 = f"441826{born.replace('-', '')}{sequence:03d}"
        return first17 + check_character(first17)
    return make


@pytest.fixture
def registry_factory(postgres_url: str, kafka_bootstrap: str) -> Iterator[Callable[..., Registry]]:
    """A registry on a fresh PostgreSQL database; its relay is never started
    (events stay in the outbox, which is what these tests look at)."""
    made: list[Registry] = []

    def make(**settings: object) -> Registry:
        common = common_settings("registry", postgres_url, kafka_bootstrap, "t-unused.")
        made.append(bootstrap(Settings(common=common, **settings)))  # type: ignore[arg-type]
        return made[-1]

    yield make
    for registry in made:
        registry.engine.dispose()
