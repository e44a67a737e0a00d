"""Province-wide ranking with two decimals and a stated tie rule."""
from __future__ import annotations

from dataclasses import dataclass

from assessment.domain.model import Score, ScoreLine


@dataclass(frozen=True)
class Ranked:
    rank: int
    score: Score | ScoreLine


def rank(scores: list[Score] | list[ScoreLine]) -> list[Ranked]:
    """Qualified before unqualified, higher score first, equal scores (at two
    decimals, which is how scores are kept) share a rank, then by target id."""
    ordered = sorted(scores, key=lambda s: (s.unqualified, -s.score_centi, s.target_id))
    ranked: list[Ranked] = []
    for position, score in enumerate(ordered, start=1):
        previous = ranked[-1] if ranked else None
        tied = previous is not None and (previous.score.unqualified, previous.score.score_centi) == \
            (score.unqualified, score.score_centi)
        ranked.append(Ranked(previous.rank if tied and previous else position, score))
    return ranked
