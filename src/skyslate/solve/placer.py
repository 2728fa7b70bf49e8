"""Earliest-time placement of scenes at the end of a day, with their tasks: the greedy's and the evaluator's engine.

A day is built left to right: a scene starts after the previous scene of the day
(plus a company move when the location changes), inside one of its pieces, when
its cast, people and set are free; the tasks it triggers (makeup for cast not yet
seen today, a lighting setup at the first scene on a set, per-scene work) are
packed back to back just before it by a free person with the role. Rest rules
(crew turnaround between days, performer rest per actor) bound every activity.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass, field

from skyslate.solve.instance import Instance, Job, TaskSpec

MAX_TRIES = 400


@dataclass
class PlacedTask:
    spec: TaskSpec
    person: str
    job: int
    start: int
    end: int
    cast: int | None = None


@dataclass
class Placement:
    job: int
    day: int
    start: int
    end: int
    tasks: list[PlacedTask]
    parts: list[tuple[int, int]] | None = None  # a split scene's pieces, in time order


@dataclass
class DayState:
    scenes: list[tuple[int, int, int]] = field(default_factory=list)  # (job, start, end)
    tasks: list[PlacedTask] = field(default_factory=list)
    cursor: int | None = None
    location: str | None = None
    visited: set[str] = field(default_factory=set)  # locations the day has been at
    sets: set[str] = field(default_factory=set)
    last_set: str | None = None
    cast: set[int] = field(default_factory=set)
    lo: int | None = None
    hi: int | None = None


class Board:
    """Scenes and tasks placed so far, per day and per resource."""

    def __init__(self, instance: Instance, *, revisit: bool = True):
        self.instance = instance
        # The planner keeps each location's scenes of a day together; the greedy that
        # seeds it must too, while a hand-made board may go back and forth.
        self.revisit = revisit
        self.sets_together = any(t.trigger == "set_change" for t in instance.tasks)
        self.busy: dict[tuple[str, object], list[tuple[int, int]]] = {
            key: list(spans) for key, spans in instance.busy.items()
        }
        self.days = [DayState() for _ in instance.dates]
        self.where: dict[int, Placement] = {}
        self.cast_span: dict[int, dict[int, list[int]]] = {}  # cast -> day -> [lo, hi]

    # -- queries -----------------------------------------------------------
    def _clash(self, key, start: int, end: int) -> int | None:
        """End of a busy span of `key` overlapping [start, end), or None."""
        spans = self.busy.get(key)
        if not spans:
            return None
        i = bisect_left(spans, (end,))
        latest = None
        k = i - 1
        while k >= 0 and k >= i - 8:
            s, e = spans[k]
            if e > start and s < end:
                latest = e if latest is None else max(latest, e)
            k -= 1
        return latest

    def _bounds(self, day: int, cast: list[int]) -> tuple[int, int]:
        """Earliest start and latest end of activity on `day` under the rest rules."""
        rules = self.instance.production.rules
        lo, hi = self.instance.frames[day]
        turnaround = round(rules.turnaround_hours * 60)
        rest = round(rules.performer_rest_hours * 60)
        for other, state in enumerate(self.days):
            if state.hi is None or other == day:
                continue
            if other < day:
                lo = max(lo, state.hi + turnaround)
            else:
                hi = min(hi, state.lo - turnaround)
        for member in cast:
            for other, (c_lo, c_hi) in self.cast_span.get(member, {}).items():
                if other == day:
                    continue
                if other < day:
                    lo = max(lo, c_hi + rest)
                else:
                    hi = min(hi, c_lo - rest)
        return lo, hi

    def triggered(self, job: Job, day: int) -> list[tuple[TaskSpec, int | None]]:
        """Tasks this scene sets off if it is placed now on `day`."""
        state = self.days[day]
        out: list[tuple[TaskSpec, int | None]] = []
        for spec in self.instance.tasks:
            if spec.trigger == "cast_first_scene_of_day":
                out += [(spec, c) for c in job.scene.cast if c not in state.cast]
            elif spec.trigger == "set_change":
                if job.resources[-1][1] != state.last_set:
                    out.append((spec, None))
            else:
                out.append((spec, None))
        return out

    # -- placing -----------------------------------------------------------
    def find(self, job: Job, day: int, pieces=None) -> Placement | None:
        """The earliest legal placement of `job` at the end of `day`, or None."""
        instance = self.instance
        state = self.days[day]
        rules = instance.production.rules
        earliest = -(10**9)
        if state.cursor is not None:
            earliest = state.cursor
            if state.location != job.location:
                if not self.revisit and job.location in state.visited:
                    return None
                earliest += rules.move_minutes(state.location, job.location)
        set_key = job.resources[-1][1]
        if (
            not self.revisit
            and self.sets_together
            and set_key in state.sets
            and set_key != state.last_set
        ):
            return None  # the planner shoots a set out before the next one
        for before in job.follows:
            placed = self.where.get(before)
            if placed is None:
                return None
            earliest = max(earliest, placed.end)
        tasks = self.triggered(job, day)
        if any(not spec.holders for spec, _ in tasks):
            return None
        lo, hi = self._bounds(day, job.scene.cast)
        candidates = pieces if pieces is not None else [p for p in job.pieces if p.day == day]
        for piece in candidates:
            start = max(piece.start, earliest, lo)
            for _ in range(MAX_TRIES):
                end = start + job.duration
                if end > piece.end or end > hi:
                    break
                clash = max(
                    (e for e in (self._clash(k, start, end) for k in job.resources) if e),
                    default=None,
                )
                if clash is not None:
                    start = clash
                    continue
                booked, shift = self._pack_tasks(tasks, job, start, lo)
                if shift:
                    start += shift
                    continue
                return Placement(job.index, day, start, end, booked)
        if job.split_min:
            return self._find_split(job, day, candidates, earliest, lo, hi, tasks)
        return None

    def _next_busy(self, key, moment: int) -> int | None:
        """Start of the first busy span of `key` beginning at or after `moment`."""
        spans = self.busy.get(key)
        if not spans:
            return None
        i = bisect_left(spans, (moment,))
        return spans[i][0] if i < len(spans) else None

    def _find_split(self, job: Job, day: int, candidates, earliest: int, lo: int, hi: int, tasks):
        """A split scene in consecutive free stretches of its pieces, each at least the minimum."""
        shortest = min(job.split_min, job.duration)
        for first in range(len(candidates)):
            parts: list[tuple[int, int]] = []
            booked: list[PlacedTask] = []
            remaining = job.duration
            cursor = max(earliest, lo)
            for piece in candidates[first:]:
                start = max(piece.start, cursor)
                for _ in range(MAX_TRIES):
                    if start + shortest > min(piece.end, hi) or remaining <= 0:
                        break
                    clash = max(
                        (
                            e
                            for e in (
                                self._clash(k, start, start + shortest) for k in job.resources
                            )
                            if e
                        ),
                        default=None,
                    )
                    if clash is not None:
                        start = clash
                        continue
                    if not parts:
                        booked, shift = self._pack_tasks(tasks, job, start, lo)
                        if shift:
                            start += shift
                            continue
                    stop = min(piece.end, hi, start + remaining)
                    for key in job.resources:
                        nxt = self._next_busy(key, start + 1)
                        if nxt is not None:
                            stop = min(stop, nxt)
                    length = stop - start
                    if 0 < remaining - length < shortest:  # never leave a stub too short to shoot
                        length = remaining - shortest
                    if length < shortest:
                        break
                    parts.append((start, start + length))
                    remaining -= length
                    cursor = start + length
                    start = cursor
                if remaining <= 0:
                    return Placement(job.index, day, parts[0][0], parts[-1][1], booked, parts)
        return None

    def _pack_tasks(self, tasks, job: Job, start: int, lo: int):
        """Tasks back to back before `start`; (bookings, 0) or ([], minutes to shift the scene)."""
        deadline: dict[str, int] = {}
        booked: list[PlacedTask] = []
        for spec, member in tasks:
            best_shift = None
            for person in spec.holders:
                end = deadline.get(person, start)
                begin = end - spec.minutes
                need = lo - begin if begin < lo else 0
                clash = self._clash(("person", person), begin, end)
                if clash is not None:
                    need = max(need, clash - begin)
                if member is not None:
                    clash = self._clash(("cast", member), begin, end)
                    if clash is not None:
                        need = max(need, clash - begin)
                    if self._overlaps_booked(booked, member, begin, end):
                        need = max(need, 1)
                if need == 0:
                    booked.append(PlacedTask(spec, person, job.index, begin, end, member))
                    deadline[person] = begin
                    break
                best_shift = need if best_shift is None else min(best_shift, need)
            else:
                return [], max(1, best_shift or 1)
        return booked, 0

    @staticmethod
    def _overlaps_booked(booked, member, begin, end) -> bool:
        return any(t.cast == member and t.start < end and begin < t.end for t in booked)

    def commit(self, placement: Placement) -> None:
        """Record a placement: busy spans, day state, cast spans."""
        job = self.instance.jobs[placement.job]
        state = self.days[placement.day]
        parts = placement.parts or [(placement.start, placement.end)]
        for key in job.resources:
            for span in parts:
                insort(self.busy.setdefault(key, []), span)
        for task in placement.tasks:
            insort(self.busy.setdefault(("person", task.person), []), (task.start, task.end))
            if task.cast is not None:
                insort(self.busy.setdefault(("cast", task.cast), []), (task.start, task.end))
                self._widen_cast(task.cast, placement.day, task.start, task.end)
        for member in job.scene.cast:
            self._widen_cast(member, placement.day, placement.start, placement.end)
        state.scenes += [(placement.job, a, b) for a, b in parts]
        state.tasks += placement.tasks
        state.cursor = max(state.cursor or placement.end, placement.end)
        state.location = job.location
        state.visited.add(job.location)
        state.sets.add(job.resources[-1][1])
        state.last_set = job.resources[-1][1]
        state.cast.update(job.scene.cast)
        starts = [placement.start] + [t.start for t in placement.tasks]
        state.lo = min(starts + ([state.lo] if state.lo is not None else []))
        state.hi = max(placement.end, state.hi if state.hi is not None else placement.end)
        self.where[placement.job] = placement

    def _widen_cast(self, member: int, day: int, start: int, end: int) -> None:
        days = self.cast_span.setdefault(member, {})
        span = days.get(day)
        if span is None:
            days[day] = [start, end]
        else:
            span[0], span[1] = min(span[0], start), max(span[1], end)
