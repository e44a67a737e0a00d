"""Reads a rubric file (YAML) into the domain's Rubric."""
from __future__ import annotations

from pathlib import Path

import yaml

from assessment.domain.rubric import Rubric, RubricError, rubric_from_mapping

RUBRICS = Path(__file__).resolve().parents[1] / "rubrics"


def rubric_path(choice: str) -> Path:
    """A path, or the name of a rubric shipped with the service ("v1")."""
    candidate = Path(choice)
    if candidate.suffix in (".yaml", ".yml") or candidate.is_absolute() or "/" in choice:
        return candidate
    return RUBRICS / f"{choice}.yaml"


def load_rubric(choice: str) -> Rubric:
    path = rubric_path(choice)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RubricError(f"cannot read rubric {path}: {exc}") from exc
    except yaml.YAMLError as exc:
        raise RubricError(f"rubric {path} is not valid YAML: {exc}") from exc
    return rubric_from_mapping(data)
