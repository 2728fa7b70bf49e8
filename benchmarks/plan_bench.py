"""Production planner benchmark: the demo end to end, and a synthetic 120-scene feature.

1. `skyslate demo` as a whole process (goal: under 10 s), with the time of each stage
   measured in-process (breakdown, project + sky windows, solve, reports).
2. The seeded synthetic feature (120 scenes, 30 cast, 10 people, 8 ground locations,
   35 shoot days), three ways in the same run:
     - first AD: script order packed greedily into days (the baseline),
     - CP-SAT alone: the same model with no seed schedule and no neighbourhood search,
     - ours: seeded with the talent order + greedy packing, then CP-SAT with LNS.
   Cost, days, bound and time in one table, cost ratio against the first AD.

Usage: .venv/bin/python benchmarks/plan_bench.py [--time-limit S] [--seed N] [--demo-only]
       [--demo-limits S ...]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "src" / "skyslate" / "examples" / "the-challenge"


def demo_process() -> tuple[float, float, str]:
    """Wall and CPU seconds of `skyslate demo` as a whole process, and its last line."""
    with tempfile.TemporaryDirectory() as out:
        before = os.times()
        started = time.perf_counter()
        done = subprocess.run(
            [str(ROOT / ".venv" / "bin" / "skyslate"), "demo", "--out", out],
            check=True,
            capture_output=True,
            text=True,
        )
        wall = time.perf_counter() - started
        after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu, done.stdout.strip().splitlines()[-1]


class Stages:
    """Wall and CPU (all threads) seconds of named steps, in order."""

    def __init__(self):
        self.rows: list[tuple[str, float, float]] = []

    def time(self, name: str, call):
        wall, cpu = time.perf_counter(), time.process_time()
        result = call()
        self.rows.append((name, time.perf_counter() - wall, time.process_time() - cpu))
        return result


def demo_stages(limits: list[float]) -> tuple[list[tuple[str, float, float]], list[tuple]]:
    """Seconds per stage of the demo pipeline in-process, and cost by solver time limit."""
    from skyslate.cli.demo import DEMO_TIME_LIMIT_SECONDS

    stages = Stages()
    read_script = stages.time(
        "import script reader", lambda: __import__("skyslate.script", fromlist=["x"]).read_script
    )
    breakdown = stages.time("breakdown", lambda: read_script(EXAMPLE / "the-challenge.fountain"))
    load_project = stages.time(
        "import project (pydantic, skyfield, numpy)",
        lambda: __import__("skyslate.plan.project", fromlist=["x"]).load_project,
    )
    production = stages.time(
        "project file + sky windows", lambda: load_project(EXAMPLE, breakdown=breakdown)
    )
    from skyslate.plan.explain import presolve_conflicts

    stages.time("pre-solve checks", lambda: presolve_conflicts(production))
    solve = stages.time(
        "import solver (ortools, pandas)",
        lambda: __import__("skyslate.solve.planner", fromlist=["x"]).solve,
    )
    schedule = stages.time(
        f"solve (demo limit {DEMO_TIME_LIMIT_SECONDS:g} s)",
        lambda: solve(production, time_limit_seconds=DEMO_TIME_LIMIT_SECONDS),
    )
    plan = stages.time("plan json", lambda: schedule.to_json(production))
    write_reports = stages.time(
        "import reports", lambda: __import__("skyslate.report", fromlist=["x"]).write_reports
    )
    with tempfile.TemporaryDirectory() as out:
        stages.time(
            "documents without PDFs (1st: imports)",
            lambda: write_reports(plan, breakdown, Path(out) / "a", pdf=False),
        )
        stages.time(
            "documents without PDFs (2nd)",
            lambda: write_reports(plan, breakdown, Path(out) / "b", pdf=False),
        )
        stages.time(
            "documents with PDFs (3rd)", lambda: write_reports(plan, breakdown, Path(out) / "c")
        )
    by_limit = []
    for limit in limits:
        started = time.perf_counter()
        result = solve(production, time_limit_seconds=limit)
        by_limit.append(
            (limit, time.perf_counter() - started, result.cost.total, result.lower_bound)
        )
    return stages.rows, by_limit


def synthetic_rows(seed: int, time_limit: float) -> list[dict]:
    from skyslate.plan.synthetic import synthetic_feature
    from skyslate.solve.greedy import greedy_schedule
    from skyslate.solve.planner import solve

    t = time.perf_counter()
    production = synthetic_feature(seed=seed)
    build_seconds = time.perf_counter() - t
    rows = []

    def run(name, call):
        started = time.perf_counter()
        try:
            schedule = call()
        except Exception as error:  # a method that finds nothing is a row too
            rows.append(
                {
                    "method": name,
                    "cost": None,
                    "days": None,
                    "bound": None,
                    "seconds": time.perf_counter() - started,
                    "note": str(error).splitlines()[0],
                }
            )
            return
        rows.append(
            {
                "method": name,
                "cost": schedule.cost.total,
                "days": len(schedule.days),
                "bound": schedule.lower_bound,
                "seconds": time.perf_counter() - started,
                "note": f"{len(schedule.unscheduled)} unscheduled" if schedule.unscheduled else "",
            }
        )

    run("first AD: script order, greedy days", lambda: greedy_schedule(production))
    run(
        "CP-SAT alone (no seed, no LNS)",
        lambda: solve(production, time_limit_seconds=time_limit, seed=False, lns=False),
    )
    run(
        "ours: talent order + greedy seed, CP-SAT + LNS",
        lambda: solve(production, time_limit_seconds=time_limit),
    )
    return build_seconds, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--time-limit", type=float, default=60.0, help="seconds per solver run (default 60)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--demo-only", action="store_true", help="skip the synthetic feature")
    parser.add_argument(
        "--demo-limits",
        type=float,
        nargs="*",
        default=[1.0, 2.0, 3.0, 5.0, 10.0],
        help="solver limits to compare on the demo",
    )
    args = parser.parse_args()

    wall, cpu, last = demo_process()
    print(
        f"Demo (`skyslate demo`), goal < 10 s; machine load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print(f"  whole process: {wall:.2f} s wall, {cpu:.2f} s CPU")
    print(f"  its own words: {last}")
    rows, by_limit = demo_stages(args.demo_limits)
    print(f"  {'stage (in-process)':<44} {'wall s':>7} {'CPU s':>7}")
    for name, seconds, cpu_seconds in rows:
        print(f"  {name:<44} {seconds:7.2f} {cpu_seconds:7.2f}")
    print("  demo cost by solver time limit (same process, warm):")
    print(f"  {'limit s':>8} {'took s':>7} {'cost':>10} {'bound':>10}")
    for limit, took, cost, bound in by_limit:
        shown = f"{bound:,.0f}" if bound is not None else "-"
        print(f"  {limit:8g} {took:7.2f} {cost:10,.0f} {shown:>10}")
    if args.demo_only:
        return

    build_seconds, rows = synthetic_rows(args.seed, args.time_limit)
    print()
    print(
        f"Synthetic feature (seed {args.seed}: 120 scenes, 30 cast, 10 people, 8 locations, 35 days); "
        f"project + sky windows built in {build_seconds:.2f} s; solver limit {args.time_limit:g} s"
    )
    baseline = rows[0]["cost"]
    header = f"{'method':<48} {'cost':>11} {'days':>5} {'bound':>11} {'gap':>7} {'seconds':>8} {'vs first AD':>12}  note"
    print(header)
    print("-" * len(header))
    for row in rows:
        cost = f"{row['cost']:,.0f}" if row["cost"] is not None else "-"
        bound = f"{row['bound']:,.0f}" if row["bound"] is not None else "-"
        gap = (
            f"{(row['cost'] - row['bound']) / row['cost']:.1%}"
            if row["cost"] and row["bound"] is not None
            else "-"
        )
        ratio = f"{row['cost'] / baseline:.3f}" if row["cost"] and baseline else "-"
        print(
            f"{row['method']:<48} {cost:>11} {row['days'] if row['days'] is not None else '-':>5} {bound:>11} {gap:>7} {row['seconds']:8.1f} {ratio:>12}  {row['note']}"
        )


if __name__ == "__main__":
    sys.exit(main())
