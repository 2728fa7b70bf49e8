"""Search around the CP-SAT model: hints, reading a solution back, large-neighbourhood search."""

from __future__ import annotations

import random
import time

from ortools.sat.python import cp_model

from skyslate.solve.instance import Instance
from skyslate.solve.model import SCALE, PlanModel
from skyslate.solve.placer import PlacedTask


def run_model(model: cp_model.CpModel, size: int, seconds: float, workers: int, seed: int):
    """Solve a neighbourhood (a clone of the model) quietly."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, seconds)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    if size > 1000:
        solver.parameters.cp_model_probing_level = 0
    return solver.solve(model), solver


def hint_days(plan: PlanModel, hint) -> None:
    days = hint[0]
    where = {j: (d, s) for d, placed in enumerate(days) for j, s, _e in placed}
    for (j, d), y in plan.y.items():
        if j in where:
            plan.model.add_hint(y, 1 if where[j][0] == d else 0)
    for j, parts in plan.parts.items():
        if j in where and plan.instance.jobs[j].split_min is None:
            for part in parts:
                if part.day == where[j][0]:
                    plan.model.add_hint(part.start, where[j][1])


def complete_hint(plan: PlanModel, days, seconds: float, workers: int, seed: int):
    """Turn a placement of scenes into a hint for every variable of the model.

    A clone of the model with each placed scene fixed to its day and start is easy
    (tasks, spans and pay follow); its solution hints all variables, so CP-SAT starts
    from a complete feasible schedule instead of repairing a partial one.
    """
    where = {j: (d, s) for d, placed in enumerate(days) for j, s, _e in placed}
    fixed = plan.model.clone()
    for (j, d), y in plan.y.items():
        if j in where:
            fixed.add(fixed.get_bool_var_from_proto_index(y.index) == int(where[j][0] == d))
    for j, parts in plan.parts.items():
        if j in where and plan.instance.jobs[j].split_min is None:
            for part in parts:
                if part.day == where[j][0]:
                    fixed.add(fixed.get_int_var_from_proto_index(part.start.index) == where[j][1])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.5, seconds)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.stop_after_first_solution = True
    solver.parameters.cp_model_probing_level = 0
    if solver.solve(fixed) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    values = list(solver.response_proto.solution)
    hint_all(plan.model, values)
    return values


def hint_all(model: cp_model.CpModel, values: list[int]) -> None:
    """Hint every variable of `model` (or of a clone of it) with a full solution."""
    model.clear_hints()
    hint = model.proto.solution_hint  # straight into the proto: one call, not one per variable
    hint.vars.extend(range(len(values)))
    hint.values.extend(values)


def read_solution(plan: PlanModel, solver: cp_model.CpSolver):
    """Placed (job, start, end) per day and the tasks per day from a solved model."""
    instance = plan.instance
    days: list[list[tuple[int, int, int]]] = [[] for _ in instance.dates]
    for j, parts in plan.parts.items():
        for part in parts:
            if solver.boolean_value(part.present):
                start, end = solver.value(part.start), solver.value(part.end)
                if end > start:
                    days[part.day].append((j, start, end))
    tasks: list[list[PlacedTask]] = [[] for _ in instance.dates]
    jobs = instance.jobs
    for task in plan.tasks:
        if not solver.boolean_value(task.present):
            continue
        person = next(p for p, lit in task.choices if solver.boolean_value(lit))
        if task.job is not None:
            scene = task.job
        else:
            candidates = [
                (s, j)
                for j, s, _e in days[task.day]
                if (task.cast is not None and task.cast in jobs[j].scene.cast)
                or (task.set_key is not None and jobs[j].resources[-1][1] == task.set_key)
            ]
            if not candidates:
                continue
            scene = min(candidates)[1]
        start = solver.value(task.start)
        tasks[task.day].append(
            PlacedTask(task.spec, person, scene, start, start + task.spec.minutes, task.cast)
        )
    for day in range(len(days)):
        _latest_tasks(instance, days[day], tasks[day])
    return days, tasks


def _latest_tasks(instance: Instance, placed, tasks: list[PlacedTask]) -> None:
    """Move each task as late as it can go before its scene: a call as late as the work allows.

    The solver is indifferent to task times that cost nothing, so without this a makeup
    call could sit hours before it is needed. A later task never lengthens a day nor
    shortens a rest, and it moves only into time its person and cast member are free.
    """
    jobs = instance.jobs
    starts = {j: s for j, s, _e in sorted(placed, key=lambda p: -p[1])}
    for task in sorted(tasks, key=lambda t: -t.start):
        keys = [("person", task.person)] + ([("cast", task.cast)] if task.cast is not None else [])
        taken = [(s, e) for j, s, e in placed if any(k in jobs[j].resources for k in keys)]
        taken += [
            (t.start, t.end)
            for t in tasks
            if t is not task
            and (t.person == task.person or (task.cast is not None and t.cast == task.cast))
        ]
        for key in keys:
            taken += instance.busy.get(key, [])
        end = starts[task.job]
        moved = True
        while moved and end - task.spec.minutes > task.start:
            moved = False
            for s, e in taken:
                if s < end and end - task.spec.minutes < e:
                    end, moved = s, True
        if end - task.spec.minutes > task.start:
            task.start, task.end = end - task.spec.minutes, end


def _neighbourhood(instance: Instance, where: dict[int, int], rng: random.Random, width: int):
    """Days to re-solve: a run of consecutive dates, or the days one actor works on.

    Consecutive days trade scenes between neighbours (moves, overtime, day count);
    an actor's days let their scenes gather so their paid run shrinks.
    """
    n_days = len(instance.dates)
    if rng.random() < 0.5:
        first = rng.randrange(0, max(1, n_days - width + 1))
        return set(range(first, first + width))
    members = [m for m in instance.production.cast if m.rate_per_day > 0]
    weights = [m.rate_per_day for m in members]
    member = rng.choices(members, weights=weights)[0] if members else None
    days = sorted(
        {d for j, d in where.items() if member and member.id in instance.jobs[j].scene.cast}
    )
    if not days:
        return {rng.randrange(n_days)}
    chosen = set(rng.sample(days, min(len(days), width)))
    chosen.add(rng.randrange(n_days))  # and one more day they could move to
    return chosen


def improve_by_neighbourhoods(
    plan: PlanModel, current, deadline, limit, workers, seed, progress, started, fix_times=False
):
    """Large-neighbourhood search until `deadline`: re-solve a few days, keep the rest fixed.

    `current` is (objective, days, tasks, values). Each neighbourhood is a clone of the
    one model with the other scenes' days fixed, hinted with the whole current solution,
    so no model is rebuilt.
    """
    instance = plan.instance
    rng = random.Random(seed)
    best, best_days, best_tasks, values = current
    width = min(len(instance.dates), 4)
    while deadline - time.perf_counter() >= 1.0:
        remaining = deadline - time.perf_counter()
        where = {j: d for d, placed in enumerate(best_days) for j, _s, _e in placed}
        starts = {j: s for placed in best_days for j, s, _e in placed}
        window = _neighbourhood(instance, where, rng, width)
        neighbourhood = plan.model.clone()
        for (j, d), y in plan.y.items():
            if j not in where:
                continue
            literal = neighbourhood.get_bool_var_from_proto_index(y.index)
            if where[j] in window:
                if d not in window:
                    neighbourhood.add(literal == 0)
            else:
                neighbourhood.add(literal == int(d == where[j]))
        if fix_times:
            # scenes outside the neighbourhood keep their times too: presolve then removes
            # almost all of the model and the search works on the chosen days alone
            for j, parts in plan.parts.items():
                if j in where and where[j] not in window and instance.jobs[j].split_min is None:
                    for part in parts:
                        if part.day == where[j]:
                            var = neighbourhood.get_int_var_from_proto_index(part.start.index)
                            neighbourhood.add(var == starts[j])
        if values is not None:
            hint_all(neighbourhood, values)
        status, solver = run_model(
            neighbourhood, len(plan.y), min(remaining, max(2.5, limit * 0.05)), workers, seed
        )
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and solver.objective_value < best:
            best = solver.objective_value
            values = list(solver.response_proto.solution)
            best_days, best_tasks = read_solution(plan, solver)
            if progress is not None:
                progress(
                    min(1.0, (time.perf_counter() - started) / limit),
                    "neighbourhood improved",
                    best / SCALE,
                    None,
                )
    return best, best_days, best_tasks, values
