"""`make bench` at a tiny scale, so the benchmark cannot rot between full runs.
No timing is asserted here: figures are for the benchmark, not for tests."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_runs_end_to_end_at_a_small_scale_and_prints_its_table(
        kafka_bootstrap: str, postgres_base_url: str, tmp_path: Path) -> None:
    figures_file = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--scale", "0.004", "--kafka", kafka_bootstrap, "--postgres",
         postgres_base_url, "--freshness-seconds", "2", "--reads", "50", "--logs", str(tmp_path / "logs"),
         "--json", str(figures_file)],
        cwd=ROOT, capture_output=True, text=True, timeout=600, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr[-3000:]
    assert "registration (households/s)" in result.stdout and "score freshness" in result.stdout
    figures = json.loads(figures_file.read_text())
    assert figures["households"] > 0 and figures["pipeline"]["ranking_villages"] == figures["villages"]
    assert figures["pipeline"]["freshness_measured"] > 0
    # The registration's CPU budget names every process (at this scale two batches
    # are too few to say how the replicas shared them: tests/bench/test_bench_parts.py does).
    spent = figures["pipeline"]["registration_cpu_s"]
    assert {"registry api", "registry api-2", "registry relay", "assessment consumer", "postgresql server",
            "bench clients"} <= set(spent)
    assert sum(spent.values()) > 0
    assert "registration CPU, all processes (core-us/household)" in result.stdout
