"""A cheap combinatorial lower bound on a production's cost, known before CP-SAT runs.

Every figure here holds for every feasible schedule of the given scenes, so the
planner may report max(this, CP-SAT's bound) and CP-SAT may carry it as redundant
constraints:

- an actor (or person, or set) works each day at most the minutes their scenes'
  pieces cover that day (they do one scene at a time), so they work at least the
  fewest days whose open minutes add up to their scene minutes, and whose scene
  counts (as many of their shortest scenes as fit in a day) add up to their scenes;
- an actor's first work day is no later than F, the earliest last-possible day of
  any of their scenes, and their last work day no earlier than L, the latest
  first-possible day; an actor who is held (holds allowed, never dropped) is paid
  every payable date from F to L;
- scenes fall into groups with no candidate day in common; in each group the
  company shoots at least as many days as its busiest resource works there, and
  the groups' days add up;
- each location is visited on at least as many days as any one resource needs
  there; visits beyond the shoot days are company moves (the first location of a
  day is free, every further one a move);
- on D shoot days the busiest resource's minutes beyond D times the day limit are
  overtime; D is chosen as the cheapest from the least possible upwards.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from skyslate.solve.costs import payable_dates
from skyslate.solve.instance import Instance, Job


@dataclass
class ActorBound:
    """What every feasible schedule pays one actor at least."""

    id: int
    min_work_days: int
    held_from: date | None = None  # F: paid on every payable date F..L (held actors only)
    held_to: date | None = None
    pay_days: int = 0
    cost: float = 0.0


@dataclass
class Bound:
    """The combinatorial lower bound, by term."""

    actors: dict[int, ActorBound] = field(default_factory=dict)
    min_shoot_days: int = 0
    min_visits: int = 0  # location-days: shoot days plus company moves
    busiest_minutes: int = 0  # scene minutes of the busiest cast member, person or set
    days_cost: float = 0.0
    moves_cost: float = 0.0
    overtime_cost: float = 0.0

    @property
    def total(self) -> float:
        actors = sum(a.cost for a in self.actors.values())
        return actors + self.days_cost + self.moves_cost + self.overtime_cost


def candidate_days(job: Job) -> list[int]:
    """Shoot-day indices on which `job` fits (all of it on one day, in its pieces)."""
    per_day: dict[int, list[int]] = defaultdict(list)
    for p in job.pieces:
        per_day[p.day].append(p.end - p.start)
    if job.split_min is None:
        return sorted(d for d, lengths in per_day.items() if max(lengths) >= job.duration)
    return sorted(d for d, lengths in per_day.items() if sum(lengths) >= job.duration)


def _union_minutes(spans: list[tuple[int, int]]) -> int:
    total, reach = 0, None
    for a, b in sorted(spans):
        if reach is None or a >= reach:
            total += b - a
            reach = b
        elif b > reach:
            total += b - reach
            reach = b
    return total


def _fewest(capacities: list[int], need: int) -> int:
    """How many of the (descending) capacities it takes to reach `need`."""
    count, covered = 0, 0
    for capacity in capacities:
        if covered >= need:
            break
        covered += capacity
        count += 1
    return count


def min_days(jobs: list[Job], days: dict[int, list[int]]) -> int:
    """Fewest days one resource needs for `jobs` if it does one at a time."""
    if not jobs:
        return 0
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for job in jobs:
        allowed = set(days[job.index])
        for p in job.pieces:
            if p.day in allowed:
                spans[p.day].append((p.start, p.end))
    open_minutes = sorted((_union_minutes(s) for s in spans.values()), reverse=True)
    count = _fewest(open_minutes, sum(job.duration for job in jobs))
    # ...and by scene count: a day holds at most as many scenes as its shortest ones fit
    shortest = sorted(job.duration for job in jobs)
    fits = []
    for minutes in open_minutes:
        k, used = 0, 0
        while k < len(shortest) and used + shortest[k] <= minutes:
            used += shortest[k]
            k += 1
        fits.append(k)
    count = max(count, _fewest(sorted(fits, reverse=True), len(jobs)))
    # at least one day; and no fewer than the distinct dates some scene is forced onto
    forced = {days[job.index][0] for job in jobs if len(days[job.index]) == 1}
    return max(count, 1, len(forced))


def _components(jobs: list[Job], days: dict[int, list[int]]) -> list[list[Job]]:
    """Scenes grouped so that no two groups share a candidate day (union-find over days)."""
    parent: dict[int, int] = {}

    def root(d: int) -> int:
        while parent.setdefault(d, d) != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    for job in jobs:
        first = root(days[job.index][0])
        for d in days[job.index][1:]:
            parent[root(d)] = first
    groups: dict[int, list[Job]] = defaultdict(list)
    for job in jobs:
        groups[root(days[job.index][0])].append(job)
    return list(groups.values())


def _by_resource(jobs: list[Job]) -> dict[tuple, list[Job]]:
    out: dict[tuple, list[Job]] = defaultdict(list)
    for job in jobs:
        for key in job.resources:
            out[key].append(job)
    return out


def combinatorial_bound(instance: Instance, active: list[int]) -> Bound:
    """A lower bound on the cost of any schedule of the scenes `active` (job indices)."""
    production = instance.production
    rules = production.rules
    jobs = [instance.jobs[j] for j in active]
    days = {job.index: candidate_days(job) for job in jobs}
    if not jobs or any(not d for d in days.values()):
        return Bound()  # some scene fits nowhere: the planner reports it separately
    # Groups of scenes with no candidate day in common use distinct days: their
    # day counts add up.
    groups = [_by_resource(group) for group in _components(jobs, days)]
    bound = Bound()
    payable = payable_dates(production)
    for member in production.cast:
        key = ("cast", member.id)
        mine = [j for group in groups for j in group.get(key, [])]
        if not mine:
            continue
        work_days = sum(min_days(group[key], days) for group in groups if key in group)
        actor = ActorBound(member.id, work_days)
        actor.pay_days = actor.min_work_days
        if member.hold_allowed and not member.drop_allowed:
            first = instance.dates[min(days[j.index][-1] for j in mine)]
            last = instance.dates[max(days[j.index][0] for j in mine)]
            if first <= last:
                held = {d for d in payable if first <= d <= last}
                # work days on payable dates F..L are inside `held`; any others add to it
                could_work_there = {instance.dates[d] for j in mine for d in days[j.index]} & held
                extra = max(0, actor.min_work_days - len(could_work_there))
                actor.held_from, actor.held_to = first, last
                actor.pay_days = max(actor.pay_days, len(held) + extra)
        actor.cost = actor.pay_days * member.rate_per_day
        bound.actors[member.id] = actor
    for group in groups:
        forced = {days[j.index][0] for js in group.values() for j in js if len(days[j.index]) == 1}
        bound.min_shoot_days += max(len(forced), *(min_days(js, days) for js in group.values()))
    # Each location is visited on at least as many days as any one resource needs
    # there; a day's first location is free, every further one is a company move.
    visits = 0
    for place in sorted({job.location for job in jobs}):
        here = _by_resource([job for job in jobs if job.location == place])
        visits += max(min_days(js, days) for js in here.values())
    bound.min_visits = visits
    # The busiest resource's minutes beyond max_hours_per_day a day are overtime
    # (a day's span covers all its scenes, one after another).
    busiest = max(sum(j.duration for j in js) for js in _by_resource(jobs).values())
    bound.busiest_minutes = busiest
    limit = round(rules.max_hours_per_day * 60)
    day_rate, move_rate = rules.cost_per_shoot_day, rules.cost_per_move
    ot_rate = rules.overtime_rate_per_hour / 60

    def terms(count: int) -> tuple[float, float, float]:
        return (
            count * day_rate,
            max(0, visits - count) * move_rate,
            max(0, busiest - count * limit) * ot_rate,
        )

    # the cheapest number of shoot days, trading days against moves and overtime
    bound.days_cost, bound.moves_cost, bound.overtime_cost = min(
        (terms(count) for count in range(bound.min_shoot_days, len(instance.dates) + 1)),
        key=sum,
    )
    return bound
