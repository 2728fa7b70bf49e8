"""Production planner benchmark: the demo end to end, and a synthetic 120-scene feature.

1. `skyslate demo` as a whole process (goal: under 10 s), with the time of each stage
   measured in-process (breakdown, project + sky windows, solve, reports).
2. The seeded synthetic feature (120 scenes, 30 cast, 10 people, 8 ground locations,
   35 shoot days), three ways in the same run:
     - first AD: script order packed greedily into days (the baseline),
     - CP-SAT alone: the same model with no seed schedule and no neighbourhood search,
     - ours: seeded with the talent order + greedy packing, then CP-SAT with LNS.
   Cost, days, bound and time in one table, cost ratio against the first AD.

Usage: .venv/bin/python benchmarks/plan_bench.py [--time-limit S] [--seed N]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "src" / "skyslate" / "examples" / "the-challenge"


def demo_process() -> float:
    """Wall time of `skyslate demo` as a whole process."""
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        subprocess.run(
            [str(ROOT / ".venv" / "bin" / "skyslate"), "demo", "--out", out],
            check=True,
            capture_output=True,
        )
        return time.perf_counter() - started


def demo_stages() -> list[tuple[str, float]]:
    """Seconds per stage of the demo pipeline, in-process."""
    from skyslate.cli.demo import DEMO_TIME_LIMIT_SECONDS
    from skyslate.plan.explain import presolve_conflicts
    from skyslate.plan.project import load_project
    from skyslate.report import write_reports
    from skyslate.script import read_script
    from skyslate.solve.planner import solve

    stages = []
    t = time.perf_counter()
    breakdown = read_script(EXAMPLE / "the-challenge.fountain")
    stages.append(("breakdown", time.perf_counter() - t))
    t = time.perf_counter()
    production = load_project(EXAMPLE, breakdown=breakdown)
    presolve_conflicts(production)
    stages.append(("project + sky windows", time.perf_counter() - t))
    t = time.perf_counter()
    schedule = solve(production, time_limit_seconds=DEMO_TIME_LIMIT_SECONDS)
    plan = schedule.to_json(production)
    stages.append((f"solve (limit {DEMO_TIME_LIMIT_SECONDS:g} s) + json", time.perf_counter() - t))
    with tempfile.TemporaryDirectory() as out:
        t = time.perf_counter()
        write_reports(plan, breakdown, Path(out))
        stages.append(("reports (HTML, PDF, XLSX, ICS, plots)", time.perf_counter() - t))
    return stages


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
    args = parser.parse_args()

    whole = demo_process()
    print("Demo (`skyslate demo`), goal < 10 s")
    print(f"  whole process                              {whole:7.2f} s")
    for name, seconds in demo_stages():
        print(f"  {name:<42} {seconds:7.2f} s")

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
