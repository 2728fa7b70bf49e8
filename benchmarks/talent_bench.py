"""Talent scheduling: skyslate's exact solver against a DIDP model (didppy CABS) and CP-SAT.

    .venv/bin/python benchmarks/talent_bench.py            # named instances, 4 processes, small study
    .venv/bin/python benchmarks/talent_bench.py --full     # + the full random study (~40 min)
    .venv/bin/python benchmarks/talent_bench.py --full --study-only --record FILE  # resumable
    .venv/bin/python benchmarks/talent_bench.py --no-study # named instances and 4 processes
    .venv/bin/python benchmarks/talent_bench.py --cpu      # ours only: CPU s per named instance

Part 1: the 17 named instances in one process each for the three solvers.
Part 2: film105, film118, film119, MobStory as four whole `skyslate talent` processes
against four whole didppy processes. Part 3: random instances by the published recipe
(talent_gen.py), counting how many are proven optimal within the time limit, with the
gap to the bound where not, and CP-SAT's cost at equal time on those.
Baselines are models of our own: didppy (the Rust DIDP solver, its CABS search) and
CP-SAT with 2 workers (the machine has 2 cores).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = ROOT / "tests" / "data" / "talent"
sys.path.insert(0, str(HERE))

from skyslate.solve.talent import read_instance, solve_talent  # noqa: E402
from talent_gen import random_instance  # noqa: E402

# Published optima (tests/data/talent/README.md).
NAMED = {
    "tiny": 29, "tiny2": 9, "small": 54, "small2": 56, "concert": 111, "film-10": 352,
    "film-12": 401, "film103.dat": 1031, "film105.dat": 849, "film114.dat": 867,
    "film116.dat": 541, "film117.dat": 913, "film118.dat": 853, "film119.dat": 790,
    "MobStory": 871, "Warwick1201": 222, "Shaw2020": 877,
}  # fmt: skip
FOUR = ["film105.dat", "film118.dat", "film119.dat", "MobStory"]


def didppy_solve(instance, time_limit_seconds: float) -> tuple[int, bool, float]:
    """Our DIDP model (state: the set of remaining scenes), solved by didppy's CABS."""
    import didppy as dp

    n, m = instance.scene_count, instance.actor_count
    model = dp.Model()
    scene = model.add_object_type(number=n)
    actor = model.add_object_type(number=m)
    remaining = model.add_set_var(object_type=scene, target=list(range(n)))
    cast = model.add_set_table([sorted(c) for c in instance.casts], object_type=actor)
    rate = model.add_int_table(list(instance.costs))
    playing = model.add_int_table(
        [
            d * sum(instance.costs[a] for a in c)
            for d, c in zip(instance.durations, instance.casts, strict=True)
        ]
    )
    came = cast.union(remaining.complement())
    on_location = came & cast.union(remaining)
    for s in range(n):
        present = cast[s] | on_location
        shoot = dp.Transition(
            name=str(s),
            cost=instance.durations[s] * rate[present] + dp.IntExpr.state_cost(),
            effects=[(remaining, remaining.remove(s))],
            preconditions=[remaining.contains(s)],
        )
        model.add_transition(shoot)
        # nobody waits and nobody new arrives: shoot it now (as in the didppy examples)
        forced = dp.Transition(
            name=str(s),
            cost=instance.durations[s] * rate[present] + dp.IntExpr.state_cost(),
            effects=[(remaining, remaining.remove(s))],
            preconditions=[remaining.contains(s), cast[s] == on_location],
        )
        model.add_transition(forced, forced=True)
    model.add_base_case([remaining.is_empty()])
    model.add_dual_bound(playing[remaining])
    started = time.perf_counter()
    solution = dp.CABS(model, time_limit=time_limit_seconds, quiet=True).search()
    return int(solution.cost), bool(solution.is_optimal), time.perf_counter() - started


def cpsat_solve(instance, time_limit_seconds: float) -> tuple[int, bool, float, int]:
    """Our CP-SAT model: scenes as intervals on one machine, actors span min start..max end."""
    from ortools.sat.python import cp_model

    total = sum(instance.durations)
    model = cp_model.CpModel()
    starts, intervals = [], []
    for s, days in enumerate(instance.durations):
        start = model.new_int_var(0, total - days, f"start{s}")
        starts.append(start)
        intervals.append(model.new_fixed_size_interval_var(start, days, f"scene{s}"))
    model.add_no_overlap(intervals)
    objective = []
    for a, cost in enumerate(instance.costs):
        scenes = [s for s, cast in enumerate(instance.casts) if a in cast]
        if not scenes or cost == 0:
            continue
        first = model.new_int_var(0, total, f"first{a}")
        last = model.new_int_var(0, total, f"last{a}")
        model.add_min_equality(first, [starts[s] for s in scenes])
        model.add_max_equality(last, [starts[s] + instance.durations[s] for s in scenes])
        objective.append(cost * (last - first))
    model.minimize(sum(objective))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = time_limit_seconds
    started = time.perf_counter()
    status = solver.solve(model)
    seconds = time.perf_counter() - started
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return -1, False, seconds, 0
    return (
        int(solver.objective_value),
        status == cp_model.OPTIMAL,
        seconds,
        int(solver.best_objective_bound),
    )


def named_table(limit_seconds: float, cpsat_seconds: float) -> None:
    print(
        f"\n### Named instances (didppy CABS limited to {limit_seconds:g} s, CP-SAT to {cpsat_seconds:g} s)\n"
    )
    header = (
        f"{'instance':<12} {'n x m':>7} {'opt':>5} | {'ours':>5} {'opt?':>4} {'s':>7} | "
        f"{'didppy':>6} {'opt?':>4} {'s':>7} | {'CP-SAT':>6} {'opt?':>4} {'s':>6} | {'didppy/ours':>11}"
    )
    print(header)
    print("-" * len(header))
    total_ours = total_didppy = 0.0
    for name, optimum in NAMED.items():
        instance = read_instance(DATA / name)
        result = solve_talent(instance)
        d_cost, d_opt, d_s = didppy_solve(instance, limit_seconds)
        c_cost, c_opt, c_s, _ = cpsat_solve(instance, cpsat_seconds)
        total_ours += result.seconds
        total_didppy += d_s
        size = f"{instance.scene_count}x{instance.actor_count}"
        print(
            f"{name:<12} {size:>7} {optimum:>5} | {result.cost:>5} {_yes(result.optimal):>4} "
            f"{result.seconds:>7.4f} | {d_cost:>6} {_yes(d_opt):>4} {d_s:>7.3f} | "
            f"{c_cost:>6} {_yes(c_opt):>4} {c_s:>6.2f} | {d_s / result.seconds:>10.0f}x",
            flush=True,
        )
    print(f"{'total':<12} {'':>7} {'':>5} | {'':>5} {'':>4} {total_ours:>7.3f} | {'':>6} {'':>4} "
          f"{total_didppy:>7.3f} | {'':>6} {'':>4} {'':>6} | {total_didppy / total_ours:>10.0f}x")  # fmt: skip


def processes_table() -> None:
    print("\n### Four whole processes: `skyslate talent FILE --format json` against didppy\n")
    skyslate = str(Path(sys.executable).with_name("skyslate"))
    rows = []
    for name in FOUR:
        started = time.perf_counter()
        out = subprocess.run([skyslate, "talent", str(DATA / name), "--format", "json"],
                             capture_output=True, text=True, check=True).stdout  # fmt: skip
        ours = time.perf_counter() - started
        started = time.perf_counter()
        theirs_out = subprocess.run([sys.executable, __file__, "--didppy-one", str(DATA / name)],
                                    capture_output=True, text=True, check=True).stdout  # fmt: skip
        theirs = time.perf_counter() - started
        rows.append((name, json.loads(out)["cost"], ours, json.loads(theirs_out)["cost"], theirs))
    print(
        f"{'instance':<12} {'ours cost':>9} {'ours s':>7} {'didppy cost':>11} {'didppy s':>8} {'ratio':>7}"
    )
    for name, cost, ours, d_cost, theirs in rows:
        print(
            f"{name:<12} {cost:>9} {ours:>7.3f} {d_cost:>11} {theirs:>8.3f} {theirs / ours:>6.1f}x"
        )
    ours_total = sum(r[2] for r in rows)
    theirs_total = sum(r[4] for r in rows)
    print(f"{'all four':<12} {'':>9} {ours_total:>7.3f} {'':>11} {theirs_total:>8.3f} "
          f"{theirs_total / ours_total:>6.1f}x")  # fmt: skip


def random_study(
    sizes_n, sizes_m, seeds: int, limit_seconds: float, record: Path | None, cpsat_max: int | None
) -> None:
    """Per size: how many are proven within the limit, and CP-SAT at equal time on the others.

    With `record`, each instance's results go to that JSON-lines file as they come, and a
    rerun takes what is already there (the full study takes about 40 minutes: it can be resumed).
    `cpsat_max` caps the CP-SAT comparisons per size (the first unproven instances).
    """
    done = {}
    if record is not None and record.exists():
        for line in record.read_text().splitlines():
            row = json.loads(line)
            done[(row["n"], row["m"], row["seed"], row["limit"])] = row
    print(f"\n### Random instances (recipe of Garcia de la Banda et al. 2011; {seeds} per size, "
          f"{limit_seconds:g} s each; CP-SAT at equal time where not proven)\n")  # fmt: skip
    print(f"{'n':>3} {'m':>3} {'proven':>7} {'mean s':>7} {'max s':>6} {'max gap %':>9} "
          f"{'compared':>8} {'ours<CP-SAT':>11} {'equal':>5} {'ours>CP-SAT':>11}")  # fmt: skip
    for n in sizes_n:
        for m in sizes_m:
            rows = []
            compared = 0
            for seed in range(seeds):
                key = (n, m, seed, limit_seconds)
                row = done.get(key)
                instance = random_instance(n, m, seed)
                fresh = row is None
                if fresh:
                    result = solve_talent(instance, time_limit_seconds=limit_seconds)
                    row = {"n": n, "m": m, "seed": seed, "limit": limit_seconds,
                           "cost": result.cost, "bound": result.lower_bound,
                           "optimal": result.optimal, "seconds": round(result.seconds, 3)}  # fmt: skip
                wanted = cpsat_max is None or compared < cpsat_max
                if not row["optimal"] and "cpsat" not in row and wanted:
                    c_cost, c_opt, c_s, c_bound = cpsat_solve(instance, limit_seconds)
                    row["cpsat"] = {"cost": c_cost, "optimal": c_opt, "bound": c_bound}
                    fresh = True
                if fresh and record is not None:  # a later line for the same key replaces it
                    with record.open("a") as out:
                        out.write(json.dumps(row) + "\n")
                compared += "cpsat" in row
                rows.append(row)
                print(f"  {n}x{m} seed {seed}: cost {row['cost']} bound {row['bound']} "
                      f"{row['seconds']:.2f} s", file=sys.stderr, flush=True)  # fmt: skip
            proven = [r for r in rows if r["optimal"]]
            open_rows = [r for r in rows if not r["optimal"]]
            gaps = [100.0 * (r["cost"] - r["bound"]) / r["cost"] for r in open_rows]
            versus = [r for r in open_rows if "cpsat" in r]
            better = sum(r["cpsat"]["cost"] < 0 or r["cost"] < r["cpsat"]["cost"] for r in versus)
            equal = sum(r["cost"] == r["cpsat"]["cost"] for r in versus)
            worse = len(versus) - better - equal
            gap = f"{max(gaps):.1f}" if gaps else "-"
            slowest = f"{max(r['seconds'] for r in proven):.1f}" if proven else "-"
            mean = sum(r["seconds"] for r in rows) / len(rows)
            print(f"{n:>3} {m:>3} {len(proven):>4}/{seeds:<2} {mean:>7.2f} {slowest:>6} {gap:>9} "
                  f"{len(versus):>8} {better:>11} {equal:>5} {worse:>11}", flush=True)  # fmt: skip


def cpu_table(repeats: int) -> None:
    """Our solver alone: CPU seconds (best of `repeats`) and search nodes per named instance."""
    from skyslate.solve import talent_search

    nodes = getattr(talent_search._talent, "last_nodes", lambda: 0)
    print(f"\n### Our solver, CPU seconds (time.process_time, best of {repeats})\n")
    print(f"{'instance':<12} {'cost':>5} {'opt?':>4} {'cpu s':>7} {'nodes':>7}")
    total = 0.0
    for name, optimum in NAMED.items():
        instance = read_instance(DATA / name)
        best = float("inf")
        for _ in range(repeats):
            started = time.process_time()
            result = solve_talent(instance)
            best = min(best, time.process_time() - started)
        assert result.cost == optimum and result.optimal, name
        total += best
        print(f"{name:<12} {result.cost:>5} {_yes(result.optimal):>4} {best:>7.4f} {nodes():>7}")
    print(f"{'total':<22} {total:>7.4f}")


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--full",
        action="store_true",
        help="the full random study: n 16..40, m 8..20 (step 4), 10 each, 60 s",
    )
    parser.add_argument(
        "--didppy-limit", type=float, default=30.0, help="didppy seconds per named instance"
    )
    parser.add_argument(
        "--cpsat-limit", type=float, default=10.0, help="CP-SAT seconds per named instance"
    )
    parser.add_argument(
        "--cpu", type=int, nargs="?", const=5, metavar="R", help="only our CPU table, best of R"
    )
    parser.add_argument("--didppy-one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--study-only", action="store_true", help="run only the random study")
    parser.add_argument("--no-study", action="store_true", help="skip the random study")
    parser.add_argument("--study-n", type=int, nargs="+", help="scene counts for the random study")
    parser.add_argument("--study-m", type=int, nargs="+", help="actor counts for the random study")
    parser.add_argument("--seeds", type=int, help="instances per size in the random study")
    parser.add_argument("--limit", type=float, help="seconds per random instance (and for CP-SAT)")
    parser.add_argument(
        "--record", type=Path, help="JSON-lines file of per-instance results; a rerun resumes"
    )
    parser.add_argument(
        "--cpsat-max", type=int, help="CP-SAT comparisons per size at most (default: all)"
    )
    args = parser.parse_args()
    if args.didppy_one:
        cost, optimal, _ = didppy_solve(read_instance(args.didppy_one), 60.0)
        print(json.dumps({"cost": cost, "optimal": optimal}))
        return
    if args.cpu:
        cpu_table(args.cpu)
        return
    if not args.study_only:
        named_table(args.didppy_limit, args.cpsat_limit)
        processes_table()
    if args.no_study:
        return
    if args.full:
        sizes_n, sizes_m, seeds, limit = range(16, 41, 4), range(8, 21, 4), 10, 60.0
    else:
        sizes_n, sizes_m, seeds, limit = [16, 24, 32], [8, 14, 20], 3, 10.0
    random_study(
        args.study_n or sizes_n,
        args.study_m or sizes_m,
        args.seeds or seeds,
        args.limit or limit,
        args.record,
        args.cpsat_max,
    )


if __name__ == "__main__":
    main()
