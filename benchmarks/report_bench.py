"""Reports benchmark: every document for the demo and for the 120-scene synthetic feature.

    .venv/bin/python benchmarks/report_bench.py

Times `skyslate.report.write_reports` (HTML, PDF, DOOD CSV/XLSX, calendars, plots,
USS) against the same call with every PDF printed in this process one after the
other (the baseline: what a plain weasyprint loop costs). The schedules come from
the solver (demo, 3 s limit) and from `evaluate` on a script-order day packing
(synthetic feature), outside the timing. Targets: demo < 5 s, synthetic < 30 s.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

from skyslate.cli.output import _default
from skyslate.report import write_reports, writer

EXAMPLE = Path(__file__).resolve().parent.parent / "src" / "skyslate" / "examples" / "the-challenge"


def demo_plan():
    from skyslate.plan.project import load_project
    from skyslate.script import read_script
    from skyslate.solve.planner import solve

    breakdown = read_script(EXAMPLE / "the-challenge.fountain")
    production = load_project(EXAMPLE, breakdown=breakdown)
    schedule = solve(production, time_limit_seconds=3.0)
    return _plain(schedule.to_json(production)), breakdown


def synthetic_plan():
    from skyslate.plan.synthetic import synthetic_feature
    from skyslate.solve.evaluate import evaluate

    production = synthetic_feature(seed=0)
    per_day = -(-len(production.scenes) // len(production.shoot_dates))
    order = [job.number for job in production.scenes]
    days = [order[i : i + per_day] for i in range(0, len(order), per_day)]
    return _plain(evaluate(production, days).to_json(production)), production.breakdown


def _plain(document: dict) -> dict:
    """The plan json as it is after a round trip through schedule.json."""
    return json.loads(json.dumps(document, default=_default))


def timed(plan, breakdown, *, aside: bool | None) -> tuple[float, float, int]:
    """Wall and CPU seconds (this process + any printing child) of one write_reports call.

    aside=None lets write_reports decide; True/False force the second process on or off.
    """
    original = writer.print_aside_pays
    if aside is not None:
        writer.print_aside_pays = lambda board: aside
    try:
        with tempfile.TemporaryDirectory() as folder:
            cpu0 = os.times()
            start = time.perf_counter()
            files = write_reports(plan, breakdown, Path(folder))
            wall = time.perf_counter() - start
            cpu1 = os.times()
    finally:
        writer.print_aside_pays = original
    cpu = sum(cpu1[:4]) - sum(cpu0[:4])
    return wall, cpu, len(files)


def main() -> None:
    cases = [
        ("demo (the-challenge)", *demo_plan(), 5.0),
        ("synthetic feature", *synthetic_plan(), 30.0),
    ]
    timed(*cases[0][1:3], aside=False)  # warm imports (weasyprint, matplotlib, icalendar) once
    print(
        f"{'case':22} {'scenes':>6} {'days':>4} {'pages':>5} {'files':>5} {'ours s':>7} {'cpu s':>6} "
        f"{'2 procs s':>9} {'cpu s':>6} {'sequential s':>12} {'cpu s':>6} {'ratio':>6} {'target':>7}"
    )
    for name, plan, breakdown, target in cases:
        scenes = sum(len(d["scenes"]) for d in plan["days"])
        eighths = sum(s["eighths"] for d in plan["days"] for s in d["scenes"])
        ours, cpu, files = timed(plan, breakdown, aside=None)
        two, two_cpu, _ = timed(plan, breakdown, aside=True)
        sequential, sequential_cpu, _ = timed(plan, breakdown, aside=False)
        verdict = "ok" if ours < target else "SLOW"
        print(
            f"{name:22} {scenes:6d} {len(plan['days']):4d} {eighths / 8:5.0f} {files:5d} {ours:7.2f} {cpu:6.2f} "
            f"{two:9.2f} {two_cpu:6.2f} {sequential:12.2f} {sequential_cpu:6.2f} {ours / sequential:6.2f} "
            f"{f'<{target:.0f} {verdict}':>7}"
        )
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
