"""The story `make run` loads: through the public APIs, as the people of the
story would have entered it, and it comes out as the case study tells it."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from shuangdao.assessment.v1 import assessment_pb2 as A
from shuangdao.assessment.v1 import assessment_pb2_grpc

from chassis.security.testing import session_issuer, token_for
from chassis.security.tokens import private_pem
from devstack import demo


def test_the_sanpai_story_loads_and_scores_with_the_case_studys_incomes(
        start_service: Callable[..., Any], tmp_path: Path) -> None:
    running = {name: start_service(name) for name in ("registry", "cadres", "funds", "assessment")}
    key = tmp_path / "jwt-private.pem"
    key.write_bytes(private_pem(session_issuer().private_key))
    demo.load({name: r.grpc_target for name, r in running.items()}, key, log=lambda _: None)

    text = demo.summary(running["assessment"].grpc_target, key, wait_seconds=90)
    stub = assessment_pb2_grpc.AssessmentServiceStub(running["assessment"].channel(role="provincial_office"))
    figures = stub.GetProvinceFigures(A.GetProvinceFiguresRequest(division_code=demo.LIANNAN), timeout=10)
    income = {y.year: y.per_capita_income_fen for y in figures.income_by_year}
    assert income[2009] == 109_832 and income[2012] == 1_306_848 and income[2011] > 1_100_000
    assert (figures.registered_households, figures.registered_people) == (141, 494)
    assert figures.exited_households == 141
    score = stub.GetScore(A.GetScoreRequest(target_kind="village", target_id=demo.SANPAI_VILLAGE), timeout=10)
    assert score.grade in {"excellent", "good", "average", "poor"} and score.indicators
    assert f"score {score.score}" in text and "1,098.32 yuan" in text and "13,068.48 yuan" in text
    explore_in_the_portal({name: r.grpc_target for name, r in running.items()}, score.score)


def explore_in_the_portal(targets: dict[str, str], score: str) -> None:
    """What `make run` promises: the same story, found by following the
    portal's own links from the province down to Sanpai and its people."""
    import re

    from portal.bootstrap import bootstrap
    from portal.config import Settings
    from portal.entrypoints.web import create_app

    portal = bootstrap(Settings(http_port=0, targets=targets))
    try:
        client = create_app(portal).test_client()
        form = client.get("/login").get_data(as_text=True)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', form)
        assert csrf, form[:500]
        signed = client.post("/login", data={"token": token_for("provincial_office", demo.PROVINCE),
                                             "csrf_token": csrf.group(1)})
        assert signed.status_code == 302

        def follow(path: str, *expected: str) -> str:
            answer = client.get(path)
            text = answer.get_data(as_text=True)
            assert answer.status_code == 200, f"{path}: {answer.status_code} {text[:1000]}"
            for words in expected:
                assert words in text, f"{words!r} not on {path}"
            return text

        follow("/", "Qingyuan")
        village = follow(f"/divisions/{demo.SANPAI_VILLAGE}", "Sanpai")
        follow(f"/scores/village/{demo.SANPAI_VILLAGE}", score)
        follow(f"/funds?division={demo.LIANNAN}", "5,876,000.00")
        [cadre] = set(re.findall(r'href="(/cadres/[^"?]+)', village))
        follow(cadre, "Wang Qingming")
        household = re.search(r'href="(/households/[^"]+)"', village)
        assert household, "the village page lists no household"
        follow(household.group(1), "2012")
    finally:
        portal.close()
