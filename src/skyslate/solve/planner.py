"""The production planner: the cheapest feasible shooting schedule, with a proven bound.

Steps: translate the production into minutes (`instance`), report scenes that
fit nowhere, seed a start schedule (the talent solver's scene order packed into
days by the greedy, or script order), solve the CP-SAT model from that hint, and
for large productions improve it by large-neighbourhood search: keep most days
fixed and re-solve the scenes of a few consecutive days. With no schedule at all,
find a small set of requirements that cannot hold together and say which.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime

from ortools.sat.python import cp_model

from skyslate.errors import Conflict, InfeasibleError
from skyslate.plan.model import Production
from skyslate.solve.assemble import assemble
from skyslate.solve.costs import price
from skyslate.solve.explain import explain_conflicts, scene_reason
from skyslate.solve.instance import Instance, build_instance
from skyslate.solve.model import SCALE, Options, PlanModel
from skyslate.solve.schedule import Schedule
from skyslate.solve.search import (
    complete_hint,
    hint_all,
    hint_days,
    improve_by_neighbourhoods,
    read_solution,
)
from skyslate.solve.seed import reschedule_seed, seed_schedule

Progress = Callable[[float | None, str, float | None, float | None], None]
LNS_MIN_SCENES = 40  # below this, one CP-SAT run proves optimality faster than neighbourhoods


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(self, progress: Progress | None, started: float, limit: float):
        super().__init__()
        self.progress, self.started, self.limit = progress, started, limit
        self.count = 0

    def on_solution_callback(self) -> None:
        self.count += 1
        if self.progress is not None:
            elapsed = time.perf_counter() - self.started
            self.progress(
                min(1.0, elapsed / self.limit) if self.limit else None,
                f"schedule {self.count}",
                self.objective_value / SCALE,
                self.best_objective_bound / SCALE,
            )


def solve(
    production: Production,
    *,
    time_limit_seconds: float = 30.0,
    progress: Progress | None = None,
    baseline: dict | None = None,
    freeze_through: date | None = None,
    num_workers: int = 2,
    random_seed: int = 0,
    seed: bool = True,
    lns: bool | None = None,
) -> Schedule:
    """The cheapest schedule found within the time limit, its bound and gap; InfeasibleError if none."""
    started = time.perf_counter()
    instance = build_instance(production)
    unscheduled, active = [], []
    for job in instance.jobs:
        reason = scene_reason(instance, job)
        if reason:
            unscheduled.append((job.number, reason))
        else:
            active.append(job.index)
    _check_roles(instance, active)
    options = Options(jobs=active)
    if baseline is not None:
        forced, stuck = _rescheduling(instance, options, baseline, freeze_through)
        unscheduled = [u for u in unscheduled if instance.by_number[u[0]] not in forced] + stuck
    hint = None
    if baseline is not None and options.jobs:
        hint = reschedule_seed(instance, options)
    elif seed and active:
        hint = seed_schedule(instance, active, time_limit_seconds)
    if progress is not None and hint is not None:
        elapsed = time.perf_counter() - started
        progress(elapsed / time_limit_seconds, "seeded (greedy packing)", hint[3], None)
    if not active:
        return assemble(
            instance,
            [[] for _ in instance.dates],
            [[] for _ in instance.dates],
            unscheduled=unscheduled,
            lower_bound=0.0,
            optimal=True,
        )
    big = len(active) >= LNS_MIN_SCENES if lns is None else lns
    plan = PlanModel(instance, options)
    seed_values = None
    if hint is not None:
        hint_days(plan, hint)
        seed_values = complete_hint(
            plan, hint[0], min(10.0, 0.2 * time_limit_seconds), num_workers, random_seed
        )
    if progress is not None:
        progress((time.perf_counter() - started) / time_limit_seconds, "model built", None, None)
    deadline = started + time_limit_seconds
    best = None  # (objective, days, tasks, values)
    lns_first = big and seed_values is not None
    if lns_first:
        # Neighbourhoods improve a full seed fastest; the whole model then runs last,
        # from the best schedule, for the bound.
        best = improve_by_neighbourhoods(
            plan,
            (float("inf"), hint[0], hint[1], seed_values),
            started + 0.5 * time_limit_seconds,
            time_limit_seconds,
            num_workers,
            random_seed,
            progress,
            started,
        )
        hint_all(plan.model, best[3])
    remaining = deadline - time.perf_counter()
    status, solver = _run(plan, remaining, num_workers, random_seed, progress, started)
    if status == cp_model.INFEASIBLE:
        raise InfeasibleError(
            "no schedule meets all of these requirements together",
            conflicts=explain_conflicts(instance, options),
        )
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    if found and (best is None or solver.objective_value <= best[0]):
        days, tasks = read_solution(plan, solver)
        best = (solver.objective_value, days, tasks, list(solver.response_proto.solution))
    if best is None and hint is not None and not hint[2]:
        best = (float("inf"), hint[0], hint[1], seed_values)
    if best is None:
        if hint is None:
            raise InfeasibleError(f"no schedule found within {time_limit_seconds:g} s")
        # No schedule for every scene: the seed's partial packing, with what it left out.
        left = [
            (n, f"{why}; no schedule found within {time_limit_seconds:g} s") for n, why in hint[2]
        ]
        return assemble(
            instance,
            hint[0],
            hint[1],
            unscheduled=unscheduled + left,
            seconds=time.perf_counter() - started,
        )
    bound = solver.best_objective_bound
    optimal = status == cp_model.OPTIMAL
    if big and not optimal and not lns_first:
        best = improve_by_neighbourhoods(
            plan, best, deadline, time_limit_seconds, num_workers, random_seed, progress, started
        )
    _objective, days, tasks, _values = best
    # The solver's objective counts task times it has not yet tidied; compare prices
    # (not when rescheduling: there fewer changes come before a lower price).
    seed_complete = hint is not None and not hint[2] and baseline is None
    if (
        seed_complete
        and hint[3] < price(instance.production, assemble(instance, days, tasks).days)[0].total
    ):
        days, tasks = hint[0], hint[1]
    reschedule = baseline is not None
    changed = _changed(instance, options, days) if reschedule else []
    schedule = assemble(
        instance,
        days,
        tasks,
        unscheduled=unscheduled,
        lower_bound=None if reschedule else bound / SCALE,
        optimal=optimal and not reschedule,
        seconds=time.perf_counter() - started,
        changed_scenes=changed,
    )
    if progress is not None:
        progress(1.0, "done", schedule.cost.total, schedule.lower_bound)
    return schedule


def _check_roles(instance: Instance, active: list[int]) -> None:
    for spec in instance.tasks:
        if spec.holders or not active:
            continue
        if spec.trigger == "cast_first_scene_of_day" and not any(
            instance.jobs[j].scene.cast for j in active
        ):
            continue
        raise InfeasibleError(
            "no schedule meets all of these requirements together",
            conflicts=[
                Conflict(
                    f"{spec.kind} ({spec.minutes} min) needs a person with the role "
                    f"{spec.role}; nobody in the production has it"
                )
            ],
        )


def _run(plan: PlanModel, seconds: float, workers: int, seed: int, progress, started: float):
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, seconds)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    if len(plan.y) > 1000:
        # probing a big model costs many seconds of presolve for little; search instead
        solver.parameters.cp_model_probing_level = 0
    reporter = _Reporter(progress, started, seconds)
    status = solver.solve(plan.model, reporter)
    return status, solver


def _rescheduling(instance: Instance, options: Options, baseline: dict, freeze: date | None):
    """Fix the scenes shot on or before `freeze`; everything else prefers its baseline day.

    Returns the scenes kept because they were shot (even if no rule allows them now) and
    the scenes that can no longer be shot (only frozen days would take them), with why.
    """
    forced: set[int] = set()
    date_index = {d: i for i, d in enumerate(instance.dates)}
    active = set(options.jobs)
    for day in baseline.get("days", []):
        when = date.fromisoformat(day["date"])
        if when not in date_index:
            continue
        for scene in day.get("scenes", []):
            j = instance.by_number.get(str(scene["number"]))
            if j is None:
                continue
            if freeze is not None and when <= freeze:
                start = instance.minute(datetime.fromisoformat(scene["start"]))
                if j not in active:
                    options.jobs.append(j)
                    active.add(j)
                    forced.add(j)
                options.fixed.setdefault(j, (date_index[when], start))
            else:
                options.baseline_day.setdefault(j, date_index[when])
    stuck = []
    if freeze is not None:
        later = [i for i, d in enumerate(instance.dates) if d > freeze]
        for j in list(options.jobs):
            if j in options.fixed:
                continue
            if any(p.day in set(later) for p in instance.jobs[j].pieces):
                options.days[j] = later
            else:
                options.jobs.remove(j)
                number = instance.jobs[j].number
                stuck.append(
                    (number, f"scene {number} fits only on days up to {freeze}, which are shot")
                )
    rules = instance.production.rules
    one_day = sum(m.rate_per_day for m in instance.production.cast) + rules.cost_per_shoot_day
    one_day += rules.cost_per_move + rules.overtime_rate_per_hour * 24
    options.change_weight = round((one_day + 1) * SCALE)
    return forced, stuck


def _changed(instance: Instance, options: Options, days) -> list[str]:
    where = {j: d for d, placed in enumerate(days) for j, _s, _e in placed}
    return [instance.jobs[j].number for j, d in options.baseline_day.items() if where.get(j) != d]
