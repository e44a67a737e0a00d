"""Where the repository, the shared cache and the deploy files live."""

import os
from pathlib import Path

from devstack.common import DevstackError

CACHE_ENV = "SHUANGDAO_CACHE_DIR"


def _find_git_root(start: Path) -> Path | None:
    # `.git` is a directory in a normal clone but a file in a worktree.
    for candidate in (start, *start.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def repo_root() -> Path:
    """The repository root: first from the cwd, then from this file.

    The second lookup lets an editable install work when a test runner has
    changed directory somewhere outside the tree.
    """
    root = _find_git_root(Path.cwd().resolve()) or _find_git_root(Path(__file__).resolve().parent)
    if root is None:
        raise DevstackError("cannot find the repository root (no .git above the current directory)")
    return root


def cache_root() -> Path:
    """Cache for downloaded artefacts: $SHUANGDAO_CACHE_DIR or <repo>/.cache.

    The override lets CI keep the jars in a directory it caches between runs.
    """
    override = os.environ.get(CACHE_ENV)
    return Path(override).resolve() if override else repo_root() / ".cache"


def var_root() -> Path:
    """Runtime state (broker data, logs, pid files); gitignored."""
    return repo_root() / "var"


def deploy_file(*parts: str) -> Path:
    """A file shipped under <repo>/deploy, checked to exist."""
    path = repo_root().joinpath("deploy", *parts)
    if not path.is_file():
        raise DevstackError(f"missing deploy file: {path}")
    return path
