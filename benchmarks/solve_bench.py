"""Solver-side figures: the stripboard evaluator's speed and the seed schedules' cost.

1. `evaluate` on the synthetic feature grown to 150 scenes (the web calls it on every
   drag; goal under 100 ms), cold (first call builds the minute instance) and warm
   (same production again), against `greedy_schedule` on the same production.
2. The seeds the planner starts CP-SAT from, on the 120-scene synthetic feature:
   script order packed day by day (the first AD's schedule, the baseline), the talent
   solver's order packed the same way, and cheapest insertion in talent order.

3. With --bounds: the planner's lower bound on the demo (10 s) and the synthetic
   feature (60 s): the combinatorial bound alone (computed before CP-SAT, the
   baseline of this table) against the bound the planner reports, with cost and gap.

Usage: .venv/bin/python benchmarks/solve_bench.py [--seed N] [--bounds]
"""

from __future__ import annotations

import argparse
import time


def best_of(runs: int, work) -> float:
    """Fastest of `runs` calls, in seconds (the machine is shared; the minimum is the signal)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def evaluator_rows(seed: int) -> list[tuple[str, float]]:
    from skyslate.plan.synthetic import synthetic_feature
    from skyslate.solve import instance as instance_module
    from skyslate.solve.evaluate import evaluate
    from skyslate.solve.greedy import greedy_schedule

    production = synthetic_feature(seed=seed, scenes=150)
    board = [[s.number for s in d.scenes] for d in greedy_schedule(production).days]

    def cold():
        instance_module._CACHE.clear()
        evaluate(production, board)

    greedy = best_of(5, lambda: greedy_schedule(production))
    return [
        ("greedy_schedule (baseline)", greedy),
        ("evaluate, cold", best_of(5, cold)),
        ("evaluate, warm", best_of(5, lambda: evaluate(production, board))),
    ]


def seed_rows(seed: int) -> list[tuple[str, float, int, float]]:
    from skyslate.plan.synthetic import synthetic_feature
    from skyslate.solve.assemble import assemble
    from skyslate.solve.greedy import board_days, cheapest_board, greedy_board
    from skyslate.solve.instance import build_instance
    from skyslate.solve.seed import by_location, by_time_of_day, talent_order

    production = synthetic_feature(seed=seed)
    instance = build_instance(production)
    script = list(range(len(instance.jobs)))
    started = time.perf_counter()
    talent = talent_order(instance, script, 2.0) or script
    talent_seconds = time.perf_counter() - started
    rows = []
    for name, packer, order, extra in [
        ("script order, day by day (first AD)", greedy_board, script, 0.0),
        ("talent order, day by day", greedy_board, talent, talent_seconds),
        ("talent order, cheapest insertion", cheapest_board, talent, talent_seconds),
        (
            "talent by location, cheapest insertion",
            cheapest_board,
            by_location(instance, talent),
            talent_seconds,
        ),
        (
            "talent, late scenes last, by location, cheapest",
            cheapest_board,
            by_location(instance, by_time_of_day(instance, talent)),
            talent_seconds,
        ),
    ]:
        started = time.perf_counter()
        board, unplaced = packer(instance, order)
        days, tasks = board_days(board)
        schedule = assemble(instance, days, tasks)
        seconds = time.perf_counter() - started + extra
        rows.append((name, schedule.cost.total, len(unplaced), seconds))
    return rows


def bound_rows(seed: int) -> list[tuple]:
    """(case, limit s, combinatorial bound, reported bound, cost, gap, optimal, seconds)."""
    from pathlib import Path

    from skyslate.plan.project import load_project
    from skyslate.plan.synthetic import synthetic_feature
    from skyslate.solve.bound import combinatorial_bound
    from skyslate.solve.instance import build_instance
    from skyslate.solve.planner import solve

    demo = Path(__file__).resolve().parents[1] / "src/skyslate/examples/the-challenge"
    rows = []
    for name, production, limit in [
        ("demo (the-challenge)", load_project(demo), 10.0),
        ("synthetic feature", synthetic_feature(seed=seed), 60.0),
    ]:
        instance = build_instance(production)
        floor = combinatorial_bound(instance, list(range(len(instance.jobs)))).total
        started = time.perf_counter()
        schedule = solve(production, time_limit_seconds=limit, random_seed=seed)
        seconds = time.perf_counter() - started
        rows.append(
            (
                name,
                limit,
                floor,
                schedule.lower_bound,
                schedule.cost.total,
                schedule.gap,
                schedule.optimal,
                seconds,
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--bounds", action="store_true", help="also time the planner's bound")
    args, _ = parser.parse_known_args()
    rows = evaluator_rows(args.seed)
    base = rows[0][1]
    print("Stripboard evaluator, synthetic feature with 150 scenes (best of 5)")
    print(f"{'what':34} {'ms':>8} {'ratio':>7}")
    for name, seconds in rows:
        print(f"{name:34} {seconds * 1000:8.1f} {seconds / base:7.2f}")
    rows = seed_rows(args.seed)
    base = rows[0][1]
    print()
    print("Seed schedules, synthetic feature with 120 scenes")
    print(f"{'seed':48} {'cost':>10} {'ratio':>6} {'unplaced':>8} {'s':>6}")
    for name, cost, unplaced, seconds in rows:
        print(f"{name:48} {cost:10.0f} {cost / base:6.2f} {unplaced:8d} {seconds:6.2f}")
    if not args.bounds:
        return
    print()
    print("Lower bound: combinatorial alone (baseline) vs what the planner reports")
    print(
        f"{'case':22} {'limit':>5} {'comb. bound':>11} {'reported':>10} {'ratio':>6} "
        f"{'cost':>10} {'gap':>6} {'optimal':>7} {'s':>6}"
    )
    for name, limit, floor, bound, cost, gap, optimal, seconds in bound_rows(args.seed):
        print(
            f"{name:22} {limit:5.0f} {floor:11.0f} {bound:10.0f} {bound / floor:6.2f} "
            f"{cost:10.0f} {gap:6.1%} {optimal!s:>7} {seconds:6.1f}"
        )


if __name__ == "__main__":
    main()
