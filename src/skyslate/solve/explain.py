"""Why scenes cannot be placed, in words a first AD can act on: one scene alone, or a set together."""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from skyslate.errors import Conflict
from skyslate.solve.check import who
from skyslate.solve.instance import Instance, Job, Piece, intersect
from skyslate.solve.model import Options, PlanModel


def _needs_text(job: Job) -> str:
    return " and ".join(job.scene.needs) or "the shooting hours"


def _longest(pieces: list[Piece]) -> int:
    return max((p.end - p.start for p in pieces), default=0)


def _most_per_day(pieces: list[Piece], shortest: int) -> int:
    per_day: dict[int, int] = {}
    for p in pieces:
        if p.end - p.start >= shortest:
            per_day[p.day] = per_day.get(p.day, 0) + p.end - p.start
    return max(per_day.values(), default=0)


def _fits(job: Job, pieces: list[Piece]) -> bool:
    if job.split_min:
        return _most_per_day(pieces, job.split_min) >= job.duration
    return _longest(pieces) >= job.duration


def scene_reason(instance: Instance, job: Job) -> str | None:
    """Why `job` has no place on any shoot day, or None if it has one."""
    if _fits(job, job.pieces):
        return None
    span = f"{instance.dates[0]}..{instance.dates[-1]}"
    needs = _needs_text(job)
    number, minutes = job.number, job.duration
    if not _fits(job, job.need_pieces):
        if job.split_min:
            most = _most_per_day(job.need_pieces, job.split_min)
            return (
                f"scene {number} needs {needs} for {minutes} min on one day in pieces of at least "
                f"{job.split_min} min; the most such time on one day in {span} is {most} min"
            )
        return (
            f"scene {number} needs {needs} for {minutes} min; the longest such window "
            f"in {span} is {_longest(job.need_pieces)} min"
        )
    need_spans = [(p.start, p.end) for p in job.need_pieces]
    alone = []
    for key in job.resources:
        if key not in instance.busy:
            continue
        free = _free(instance, key, need_spans)
        if not _fits(job, _as_pieces(job, free)):
            alone.append((key, _longest(_as_pieces(job, free))))
    if alone:
        key, longest = alone[0]
        return (
            f"scene {number} needs {who(instance, key)} for {minutes} min within {needs}; "
            f"they are free for at most {longest} min at a time then in {span}"
        )
    names = ", ".join(who(instance, k) for k in job.resources if k in instance.busy)
    return (
        f"scene {number} needs {minutes} min within {needs} when {names} are all free; "
        f"the longest such time in {span} is {_longest(job.pieces)} min"
    )


def _free(instance: Instance, key, spans):
    from skyslate.solve.instance import complement

    return intersect(spans, complement(instance.busy[key], 0, instance.horizon))


def _as_pieces(job: Job, spans) -> list[Piece]:
    out = []
    for start, end in spans:
        for p in job.need_pieces:
            s, e = max(start, p.start), min(end, p.end)
            if s < e:
                out.append(Piece(p.day, s, e))
    return out


def explain_conflicts(
    instance: Instance, options: Options, seconds: float = 10.0
) -> list[Conflict]:
    """A small set of requirements that cannot all hold, each in words."""
    probe = Options(
        jobs=list(options.jobs),
        days=options.days,
        fixed=options.fixed,
        assumptions=True,
    )
    plan = PlanModel(instance, probe)
    plan.model.clear_objective()
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = seconds
    plan.model.add_assumptions(plan.assumption_literals)
    status = solver.solve(plan.model)
    if status != cp_model.INFEASIBLE:
        return [Conflict("the requirements are too tight to find a schedule in time")]
    core = [
        plan.model.get_bool_var_from_proto_index(i)
        for i in solver.sufficient_assumptions_for_infeasibility()
    ]
    deadline = time.perf_counter() + seconds
    kept = list(core)
    for literal in list(core):
        if time.perf_counter() > deadline or len(kept) <= 1:
            break
        trial = [x for x in kept if x.index != literal.index]
        plan.model.clear_assumptions()
        plan.model.add_assumptions(trial)
        solver.parameters.max_time_in_seconds = max(0.5, min(2.0, deadline - time.perf_counter()))
        if solver.solve(plan.model) == cp_model.INFEASIBLE:
            kept = trial
    return [_conflict(instance, plan.labels[x.index]) for x in kept]


def _conflict(instance: Instance, label: tuple[str, list[str]]) -> Conflict:
    text, scenes = label
    if len(scenes) == 1 and "frozen day" not in text:
        job = instance.jobs[instance.by_number[scenes[0]]]
        who = [f"cast {c}" for c in job.scene.cast] + list(job.scene.people)
        days = sorted({instance.dates[p.day] for p in job.pieces})
        span = f"{days[0]}" if len(days) == 1 else f"{days[0]}..{days[-1]}"
        text = f"{text} with {', '.join(who) or 'nobody else'}, possible on {span}"
    return Conflict(text, scenes)
