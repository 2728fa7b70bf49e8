"""The CP-SAT model of a shoot: days and start minutes per scene, resources, tasks, rest, cost.

Each scene picks one shoot day (a Boolean per candidate day) and a start minute
whose domain is the union of its pieces that day; split scenes get one optional
variable-length part per piece instead. Cast, people and sets each get a
NoOverlap over the scenes and tasks they are in plus fixed intervals where they
are unavailable. Objective terms follow `skyslate.solve.costs` exactly.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from skyslate.solve.bound import Bound, combinatorial_bound
from skyslate.solve.instance import Instance, Job, TaskSpec
from skyslate.solve.pay_model import SCALE, add_cast_pay


@dataclass
class Part:
    job: int
    day: int
    present: object
    start: object
    end: object
    interval: object


@dataclass
class TaskVar:
    spec: TaskSpec
    day: int
    present: object
    start: object
    choices: list[tuple[str, object]]  # (person, presence literal)
    cast: int | None = None
    set_key: str | None = None
    job: int | None = None


@dataclass
class Options:
    """What to schedule and how: which scenes, on which days, fixed times, assumptions."""

    jobs: list[int]
    days: dict[int, list[int]] = field(default_factory=dict)  # job -> allowed day indices
    fixed: dict[int, tuple[int, int]] = field(default_factory=dict)  # job -> (day, start)
    baseline_day: dict[int, int] = field(default_factory=dict)  # job -> previous day
    change_weight: int = 0
    assumptions: bool = False
    dropped: list[str] = field(default_factory=list)  # baseline scenes the script lost


class PlanModel:
    """Builds the CP-SAT model; keeps the variables to hint and read back."""

    def __init__(self, instance: Instance, options: Options):
        self.instance = instance
        self.options = options
        self.model = cp_model.CpModel()
        self.y: dict[tuple[int, int], object] = {}
        self.parts: dict[int, list[Part]] = defaultdict(list)
        self.tasks: list[TaskVar] = []
        self.work: dict[tuple[int, int], object] = {}
        self.used: dict[int, object] = {}
        self.labels: dict[int, tuple[str, list[str]]] = {}  # assumption literal index -> text
        self.assumption_literals: list[object] = []
        self.objective_terms: list[tuple[object, int]] = []
        self.change_terms: list[tuple[object, int]] = []
        self._uses: dict[tuple, list] = defaultdict(list)
        self._move_literals: dict[tuple[str, str], object] = {}
        # Redundant cuts from the combinatorial bound, only for a plain plan: with
        # assumptions a scene may be left out, and fixed or restricted days are not
        # what the bound was computed from.
        plain = not (options.assumptions or options.fixed or options.days)
        self.bound: Bound | None = combinatorial_bound(instance, options.jobs) if plain else None
        self._build()

    # -- helpers -----------------------------------------------------------
    def _assume(self, text: str, scenes: list[str]):
        literal = self.model.new_bool_var(text[:40])
        if self.options.assumptions:
            self.labels[literal.index] = (text, scenes)
            self.assumption_literals.append(literal)
        else:
            self.model.add(literal == 1)
        return literal

    def _frame(self, day: int) -> tuple[int, int]:
        return self.instance.frames[day]

    # -- building ------------------------------------------------------------
    def _build(self) -> None:
        instance, m = self.instance, self.model
        rules = instance.production.rules
        jobs = [instance.jobs[j] for j in self.options.jobs]
        for job in jobs:
            self._scene(job)
        # indices so that each later step is linear in the model, not quadratic
        self.cast_parts: dict[tuple[int, int], list[Part]] = defaultdict(list)
        for job in jobs:
            for part in self.parts[job.index]:
                for member in job.scene.cast:
                    self.cast_parts[(member, part.day)].append(part)
        self.days_of: dict[int, list[tuple[int, object]]] = defaultdict(list)
        for (j, d), y in self.y.items():
            self.days_of[j].append((d, y))
        days_in_use = sorted({d for (_j, d) in self.y})
        by_day: dict[int, list[Part]] = defaultdict(list)
        for parts in self.parts.values():
            for part in parts:
                by_day[part.day].append(part)
        for d in days_in_use:
            ys = [self.y[(j, d)] for j in self.options.jobs if (j, d) in self.y]
            used = m.new_bool_var(f"used{d}")
            for lit in ys:
                m.add_implication(lit, used)
            m.add_bool_or(ys).only_enforce_if(used)
            self.used[d] = used
        self._work(jobs)
        self._redundant_counts()
        self._tasks(jobs)
        self._resources()
        self._days(by_day, days_in_use, rules)
        self._energy(jobs, days_in_use)
        if self.bound is not None and self.bound.busiest_minutes > self.limit_minutes:
            # redundant: the busiest resource's minutes beyond the day limits are overtime
            m.add(
                sum(self.overtime.values())
                >= self.bound.busiest_minutes - self.limit_minutes * sum(self.used.values())
            )
        self.move_vars: list = []
        self._moves(by_day, days_in_use, rules)
        if self.bound is not None and self.bound.min_visits > 1:
            # redundant: location-days (shoot days plus moves) cover every place's visits
            m.add(sum(self.used.values()) + sum(self.move_vars) >= self.bound.min_visits)
        if any(t.trigger == "set_change" for t in self.instance.tasks):
            self._sets_together(by_day, days_in_use)
        self._rest(rules)
        self._order(jobs)
        add_cast_pay(self)
        for used in self.used.values():
            self.objective_terms.append((used, round(rules.cost_per_shoot_day * SCALE)))
        terms = [(v, c) for v, c in self.objective_terms + self.change_terms if c]
        m.minimize(sum(c * v for v, c in terms))

    def _scene(self, job: Job) -> None:
        m = self.model
        options = self.options
        if job.index in options.fixed:
            day, start = options.fixed[job.index]
            candidates = {day: [(start, start + job.duration)]}
            split = False
        else:
            allowed = options.days.get(job.index)
            candidates = defaultdict(list)
            for p in job.pieces:
                if allowed is None or p.day in allowed:
                    candidates[p.day].append((p.start, p.end))
            split = job.split_min is not None
        if job.index in options.fixed:
            from skyslate.solve.check import _span  # local clock times, as the board shows

            day, start = options.fixed[job.index]
            text = (
                f"scene {job.number} stays as shot on frozen day {self.instance.dates[day]} at "
                f"{_span(self.instance, start, start + job.duration, job.location)}"
            )
        else:
            text = (
                f"scene {job.number} is shot ({job.duration} min within "
                f"{' and '.join(job.scene.needs) or 'shooting hours'})"
            )
        literal = self._assume(text, [job.number])
        ys = []
        for day, spans in sorted(candidates.items()):
            y = m.new_bool_var(f"y{job.index}_{day}")
            self.y[(job.index, day)] = y
            ys.append(y)
            if not split:
                starts = [(s, e - job.duration) for s, e in spans if e - job.duration >= s]
                if not starts:
                    m.add(y == 0)
                    continue
                start = m.new_int_var_from_domain(
                    cp_model.Domain.from_intervals([[a, b] for a, b in starts]),
                    f"s{job.index}_{day}",
                )
                interval = m.new_optional_fixed_size_interval_var(
                    start, job.duration, y, f"i{job.index}_{day}"
                )
                self.parts[job.index].append(
                    Part(job.index, day, y, start, start + job.duration, interval)
                )
            else:
                lengths = []
                shortest = min(job.split_min, job.duration)
                for k, (a, b) in enumerate(spans):
                    x = m.new_bool_var(f"x{job.index}_{day}_{k}")
                    m.add_implication(x, y)
                    length = m.new_int_var(0, min(b - a, job.duration), f"l{job.index}_{day}_{k}")
                    start = m.new_int_var(a, b, f"s{job.index}_{day}_{k}")
                    end = m.new_int_var(a, b, f"e{job.index}_{day}_{k}")
                    interval = m.new_optional_interval_var(
                        start, length, end, x, f"i{job.index}_{k}"
                    )
                    m.add(length >= shortest).only_enforce_if(x)
                    m.add(length == 0).only_enforce_if(x.negated())
                    lengths.append(length)
                    self.parts[job.index].append(Part(job.index, day, x, start, end, interval))
                m.add(sum(lengths) == job.duration).only_enforce_if(y)
        if ys:
            m.add(sum(ys) == 1).only_enforce_if(literal)
            m.add(sum(ys) == 0).only_enforce_if(literal.negated())
        else:
            m.add(literal == 0)
        for part in self.parts[job.index]:
            for key in job.resources:
                self._uses[key].append(part.interval)
        if job.index in options.baseline_day and options.change_weight:
            stay = self.y.get((job.index, options.baseline_day[job.index]))
            moved = m.new_bool_var(f"moved{job.index}")
            if stay is None:
                m.add(moved == 1)
            else:
                m.add(moved + stay >= 1)
            self.change_terms.append((moved, options.change_weight))

    def _work(self, jobs: list[Job]) -> None:
        m = self.model
        cast_on_day: dict[tuple[int, int], list] = defaultdict(list)
        for job in jobs:
            for member in job.scene.cast:
                for d, y in self.days_of[job.index]:
                    cast_on_day[(member, d)].append(y)
        for (member, d), ys in cast_on_day.items():
            work = m.new_bool_var(f"w{member}_{d}")
            for y in ys:
                m.add_implication(y, work)
            m.add_bool_or(ys).only_enforce_if(work)
            self.work[(member, d)] = work

    def _redundant_counts(self) -> None:
        """Each actor works, and the company shoots, at least the bound's number of days."""
        if self.bound is None:
            return
        m = self.model
        for member, actor in self.bound.actors.items():
            mine = [w for (c, _d), w in self.work.items() if c == member]
            if mine and actor.min_work_days > 1:
                m.add(sum(mine) >= actor.min_work_days)
        if self.used and self.bound.min_shoot_days > 1:
            m.add(sum(self.used.values()) >= self.bound.min_shoot_days)

    def _task(self, spec: TaskSpec, day: int, present, before: list[Part], **who) -> TaskVar:
        m = self.model
        lo, hi = self._frame(day)
        start = m.new_int_var(lo, hi, f"t{spec.kind}{len(self.tasks)}")
        choices = []
        for person in spec.holders:
            lit = (
                present if len(spec.holders) == 1 else m.new_bool_var(f"a{len(self.tasks)}{person}")
            )
            interval = m.new_optional_fixed_size_interval_var(start, spec.minutes, lit, "task")
            self._uses[("person", person)].append(interval)
            choices.append((person, lit))
        if len(spec.holders) > 1:
            m.add(sum(lit for _, lit in choices) == 1).only_enforce_if(present)
            m.add(sum(lit for _, lit in choices) == 0).only_enforce_if(present.negated())
        for part in before:
            m.add(start + spec.minutes <= part.start).only_enforce_if(part.present)
        task = TaskVar(spec, day, present, start, choices, **who)
        self.tasks.append(task)
        return task

    def _tasks(self, jobs: list[Job]) -> None:
        m = self.model
        for spec in self.instance.tasks:
            if spec.trigger == "cast_first_scene_of_day":
                for (member, d), work in self.work.items():
                    before = self.cast_parts[(member, d)]
                    task = self._task(spec, d, work, before, cast=member)
                    interval = m.new_optional_fixed_size_interval_var(
                        task.start, spec.minutes, work, "sitting"
                    )
                    self._uses[("cast", member)].append(interval)
            elif spec.trigger == "set_change":
                on_set: dict[tuple[str, int], list[Part]] = defaultdict(list)
                for job in jobs:
                    for p in self.parts[job.index]:
                        on_set[(job.resources[-1][1], p.day)].append(p)
                for (key, d), parts in on_set.items():
                    ys = list({id(self.y[(p.job, d)]): self.y[(p.job, d)] for p in parts}.values())
                    used = m.new_bool_var(f"set{key}{d}")
                    for y in ys:
                        m.add_implication(y, used)
                    m.add_bool_or(ys).only_enforce_if(used)
                    self._task(spec, d, used, parts, set_key=key)
            else:
                for job in jobs:
                    for d, y in self.days_of[job.index]:
                        parts = [p for p in self.parts[job.index] if p.day == d]
                        self._task(spec, d, y, parts, job=job.index)

    def _resources(self) -> None:
        m = self.model
        for key, intervals in self._uses.items():
            busy = [
                m.new_fixed_size_interval_var(s, e - s, "off")
                for s, e in self.instance.busy.get(key, [])
                if e > s
            ]
            if len(intervals) + len(busy) > 1 and intervals:
                m.add_no_overlap(intervals + busy)

    def _energy(self, jobs: list[Job], days_in_use: list[int]) -> None:
        """Redundant: the minutes a person or actor works on a day fit in the time open to them.

        NoOverlap says this already, but the LP relaxation does not see it; with these
        cuts the bound counts the days each actor and the crew must at least work.
        """
        m = self.model
        for key in {k for job in jobs for k in job.resources if k[0] != "set"}:
            mine = [job for job in jobs if key in job.resources and job.split_min is None]
            for d in days_in_use:
                terms = [
                    (job.duration, self.y[(job.index, d)])
                    for job in mine
                    if (job.index, d) in self.y
                ]
                if not terms:
                    continue
                spans = sorted((p.start, p.end) for job in mine for p in job.pieces if p.day == d)
                open_minutes, reach = 0, None
                for a, b in spans:
                    if reach is None or a >= reach:
                        open_minutes += b - a
                        reach = b
                    elif b > reach:
                        open_minutes += b - reach
                        reach = b
                gate = self.work[(key[1], d)] if key[0] == "cast" else self.used[d]
                load = sum(t * y for t, y in terms)
                if sum(t for t, _ in terms) > open_minutes:
                    m.add(load <= open_minutes * gate)
                # ...and within the day's span, which beyond the limit is paid overtime
                m.add(load <= self.limit_minutes * gate + self.overtime[d])

    def _days(self, by_day, days_in_use, rules) -> None:
        m = self.model
        self.day_start, self.day_end, self.overtime = {}, {}, {}
        limit = self.limit_minutes = round(rules.max_hours_per_day * 60)
        ot_rate = round(rules.overtime_rate_per_hour * SCALE / 60)
        for d in days_in_use:
            lo, hi = self._frame(d)
            start, end = m.new_int_var(lo, hi, f"ds{d}"), m.new_int_var(lo, hi, f"de{d}")
            m.add(start <= end)
            for part in by_day[d]:
                m.add(start <= part.start).only_enforce_if(part.present)
                m.add(end >= part.end).only_enforce_if(part.present)
            for task in self.tasks:
                if task.day == d:
                    m.add(start <= task.start).only_enforce_if(task.present)
            overtime = m.new_int_var(0, hi - lo, f"ot{d}")
            self.overtime[d] = overtime
            m.add(overtime >= end - start - limit)
            self.objective_terms.append((overtime, ot_rate))
            self.day_start[d], self.day_end[d] = start, end
        turnaround = round(rules.turnaround_hours * 60)
        literal = self._assume(f"crew turnaround of {rules.turnaround_hours:g} h", [])
        for i, d1 in enumerate(days_in_use):
            for d2 in days_in_use[i + 1 :]:
                if self._frame(d1)[1] + turnaround <= self._frame(d2)[0]:
                    break
                m.add(self.day_start[d2] >= self.day_end[d1] + turnaround).only_enforce_if(
                    [self.used[d1], self.used[d2], literal]
                )

    def _moves(self, by_day, days_in_use, rules) -> None:
        """Each location's scenes of a day run together; between them the company moves."""
        m = self.model
        jobs = self.instance.jobs
        for d in days_in_use:
            places: dict[str, list[Part]] = defaultdict(list)
            for part in by_day[d]:
                places[jobs[part.job].location].append(part)
            if len(places) < 2:
                continue
            spans = self._group_spans(d, places, "at")
            names = sorted(spans)
            for i, a in enumerate(names):
                for b in names[i + 1 :]:
                    here_a, first_a, last_a = spans[a]
                    here_b, first_b, last_b = spans[b]
                    a_first = m.new_bool_var(f"{a}<{b}{d}")
                    both = [here_a, here_b, self._move_rule(a, b, rules)]
                    m.add(first_b >= last_a + rules.move_minutes(a, b)).only_enforce_if(
                        [*both, a_first]
                    )
                    m.add(first_a >= last_b + rules.move_minutes(b, a)).only_enforce_if(
                        [*both, a_first.negated()]
                    )
            moves = m.new_int_var(0, len(places) - 1, f"moves{d}")
            m.add(moves >= sum(here for here, _f, _l in spans.values()) - 1)
            self.move_vars.append(moves)
            self.objective_terms.append((moves, round(rules.cost_per_move * SCALE)))

    def _group_spans(self, d: int, groups: dict[str, list[Part]], tag: str) -> dict:
        """Per group of day d's parts: (the group is used, its first start, its last end)."""
        m = self.model
        lo, hi = self._frame(d)
        spans = {}
        for key, parts in groups.items():
            here = m.new_bool_var(f"{tag}{key}{d}")
            for part in parts:
                m.add_implication(part.present, here)
            m.add_bool_or([p.present for p in parts]).only_enforce_if(here)
            first = m.new_int_var(lo, hi, f"{tag}first{key}{d}")
            last = m.new_int_var(lo, hi, f"{tag}last{key}{d}")
            for part in parts:
                m.add(first <= part.start).only_enforce_if(part.present)
                m.add(last >= part.end).only_enforce_if(part.present)
            spans[key] = (here, first, last)
        return spans

    def _move_rule(self, a: str, b: str, rules):
        """The literal standing for 'moving between a and b takes its time' (one per pair)."""
        cache = self._move_literals
        if (a, b) not in cache:
            there, back = rules.move_minutes(a, b), rules.move_minutes(b, a)
            minutes = f"{there}" if there == back else f"{there}/{back}"
            cache[(a, b)] = self._assume(
                f"a company move between {a} and {b} takes {minutes} min", []
            )
        return cache[(a, b)]

    def _sets_together(self, by_day, days_in_use) -> None:
        """A set's scenes of a day run together, so its setup comes once, at the set change."""
        m = self.model
        jobs = self.instance.jobs
        for d in days_in_use:
            sets: dict[str, list[Part]] = defaultdict(list)
            for part in by_day[d]:
                sets[jobs[part.job].resources[-1][1]].append(part)
            if len(sets) < 2:
                continue
            spans = self._group_spans(d, sets, "on")
            keys = sorted(spans)
            for i, a in enumerate(keys):
                for b in keys[i + 1 :]:
                    here_a, first_a, last_a = spans[a]
                    here_b, first_b, last_b = spans[b]
                    a_first = m.new_bool_var(f"{a}<{b}{d}")
                    m.add(first_b >= last_a).only_enforce_if([here_a, here_b, a_first])
                    m.add(first_a >= last_b).only_enforce_if([here_a, here_b, a_first.negated()])

    def _rest(self, rules) -> None:
        m = self.model
        rest = round(rules.performer_rest_hours * 60)
        by_member: dict[int, list[int]] = defaultdict(list)
        for member, d in self.work:
            by_member[member].append(d)
        sittings: dict[tuple[int, int], list[TaskVar]] = defaultdict(list)
        for task in self.tasks:
            if task.cast is not None:
                sittings[(task.cast, task.day)].append(task)
        for member, days in by_member.items():
            days.sort()
            literal = self._assume(
                f"performer rest of {rules.performer_rest_hours:g} h for cast {member}", []
            )
            first, last = {}, {}
            for d in days:
                lo, hi = self._frame(d)
                first[d], last[d] = m.new_int_var(lo, hi, "cs"), m.new_int_var(lo, hi, "ce")
                work = self.work[(member, d)]
                for part in self.cast_parts[(member, d)]:
                    m.add(first[d] <= part.start).only_enforce_if(part.present)
                    m.add(last[d] >= part.end).only_enforce_if(part.present)
                for task in sittings[(member, d)]:
                    m.add(first[d] <= task.start).only_enforce_if(work)
            for i, d1 in enumerate(days):
                for d2 in days[i + 1 :]:
                    if self._frame(d1)[1] + rest <= self._frame(d2)[0]:
                        break
                    m.add(first[d2] >= last[d1] + rest).only_enforce_if(
                        [self.work[(member, d1)], self.work[(member, d2)], literal]
                    )

    def _order(self, jobs: list[Job]) -> None:
        m = self.model
        active = set(self.options.jobs)
        for job in jobs:
            for before in job.follows:
                if before not in active:
                    continue
                other = self.instance.jobs[before]
                literal = self._assume(
                    f"scene {job.number} must follow scene {other.number}",
                    [job.number, other.number],
                )
                for a in self.parts[job.index]:
                    for b in self.parts[before]:
                        if a.day < b.day:
                            m.add_bool_or(
                                [a.present.negated(), b.present.negated()]
                            ).only_enforce_if(literal)
                        elif a.day == b.day:
                            m.add(a.start >= b.end).only_enforce_if([a.present, b.present, literal])
