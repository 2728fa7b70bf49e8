"""A Production in whole minutes: the form the planner, the evaluator and the greedy share.

Times become integer minutes from an epoch two days before the first shoot date.
Each scene gets its candidate *pieces*: stretches of allowed time (needs, shooting
hours, dates) that every cast member and person in it is free for, cut at the
borders of the shoot days they belong to. A shoot day's frame runs from six hours
before the location's shooting-hours start to 24 hours later, so a night shoot that
runs past midnight still belongs to the date it started on.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from skyslate.plan.model import Production, SceneJob

Span = tuple[int, int]  # half-open [start, end) in minutes from the epoch
FRAME_LEAD_MINUTES = 6 * 60


@dataclass
class Piece:
    """A stretch of minutes on one shoot day (index into shoot_dates) where a scene may run."""

    day: int
    start: int
    end: int


@dataclass
class Job:
    """One scene in minutes, with the resources it occupies and where it may run."""

    index: int
    scene: SceneJob
    duration: int
    resources: list[tuple[str, object]]  # ("cast", id) | ("person", name) | ("set", key)
    pieces: list[Piece]
    need_pieces: list[Piece]  # before cast/people availability: for explanations
    split_min: int | None
    follows: list[int] = field(default_factory=list)  # job indices shot before this one

    @property
    def number(self) -> str:
        return self.scene.number

    @property
    def location(self) -> str:
        return self.scene.location

    def days(self) -> list[int]:
        """Shoot-day indices this scene could be shot on."""
        return sorted({p.day for p in self.pieces})


@dataclass
class TaskSpec:
    """One task rule with the people who can do it."""

    kind: str
    role: str
    minutes: int
    trigger: str
    holders: list[str]


@dataclass
class Instance:
    """Everything the schedulers need, in minutes."""

    production: Production
    epoch: datetime
    horizon: int
    dates: list[date]
    frames: list[Span]  # per shoot day: the widest frame over locations
    jobs: list[Job]
    busy: dict[tuple[str, object], list[Span]]  # unavailability per resource
    tasks: list[TaskSpec]
    by_number: dict[str, int]

    def minute(self, moment: datetime) -> int:
        """Minutes from the epoch, rounded down."""
        return math.floor((moment - self.epoch).total_seconds() / 60)

    def moment(self, minute: int) -> datetime:
        """The UTC instant of a minute."""
        return self.epoch + timedelta(minutes=minute)


def intersect(a: list[Span], b: list[Span]) -> list[Span]:
    """Minutes inside both sorted, disjoint span lists."""
    out: list[Span] = []
    i = j = 0
    while i < len(a) and j < len(b):
        start, end = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if start < end:
            out.append((start, end))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def complement(spans: list[Span], lo: int, hi: int) -> list[Span]:
    """Minutes of [lo, hi) outside the sorted, disjoint spans."""
    out: list[Span] = []
    cursor = lo
    for start, end in spans:
        if start > cursor:
            out.append((cursor, min(start, hi)))
        cursor = max(cursor, end)
    if cursor < hi:
        out.append((cursor, hi))
    return [s for s in out if s[0] < s[1]]


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for start, end in sorted(s for s in spans if s[0] < s[1]):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def window_pairs(windows) -> list[tuple[datetime, datetime]]:
    """(start, end) pairs of a Windows object or any iterable of windows or pairs."""
    pairs = []
    for item in windows:
        if hasattr(item, "start") and hasattr(item, "end"):
            pairs.append((item.start, item.end))
        else:
            start, end = item
            pairs.append((start, end))
    return pairs


def _hhmm(text) -> time:
    if isinstance(text, time):
        return text
    hours, minutes = str(text).split(":")
    return time(int(hours) % 24, int(minutes))


_CACHE: dict[int, tuple[object, Instance, list]] = {}


def _fingerprint(production: Production) -> tuple:
    """Everything the instance depends on, cheaply: Windows are immutable, so ids stand in for them."""
    rules = production.rules
    return (
        tuple(production.shoot_dates),
        tuple(
            (
                s.number,
                s.set,
                s.location,
                s.duration_minutes,
                id(s.allowed),
                tuple(s.cast),
                tuple(s.people),
                tuple(s.must_follow),
                s.split_min_minutes,
            )
            for s in production.scenes
        ),
        tuple((m.id, id(m.availability)) for m in production.cast),
        tuple((p.name, tuple(p.roles), id(p.availability)) for p in production.people),
        tuple((loc.name, loc.tz, tuple(loc.shooting_hours)) for loc in production.locations),
        tuple((t.kind, t.role, t.minutes, t.trigger) for t in production.tasks),
        (rules.max_hours_per_day, rules.turnaround_hours, rules.performer_rest_hours),
    )


def build_instance(production: Production) -> Instance:
    """Translate a production into minutes and candidate pieces per scene (cached per production).

    The stripboard evaluates the same production on every drag; rebuilding the pieces
    is most of that time, so the last instance is kept while nothing it depends on changes.
    """
    key = _fingerprint(production)
    cached = _CACHE.get(id(production))
    if cached is not None and cached[0] == key and cached[1].production is production:
        return cached[1]
    instance = _build(production)
    # Holding the window objects keeps their ids from being reused by new ones.
    refs = [s.allowed for s in production.scenes] + [m.availability for m in production.cast]
    refs += [p.availability for p in production.people]
    _CACHE.clear()  # one production at a time: the cache must not grow with the web's projects
    _CACHE[id(production)] = (key, instance, refs)
    return instance


def _build(production: Production) -> Instance:
    dates = list(production.shoot_dates)
    first = min(dates)
    epoch = datetime.combine(first - timedelta(days=2), time(0), tzinfo=UTC)
    horizon_end = datetime.combine(max(dates) + timedelta(days=3), time(0), tzinfo=UTC)
    horizon = math.floor((horizon_end - epoch).total_seconds() / 60)

    def minute_floor(moment: datetime) -> int:
        return math.floor((moment - epoch).total_seconds() / 60)

    def minute_ceil(moment: datetime) -> int:
        return math.ceil((moment - epoch).total_seconds() / 60)

    def spans_of(windows) -> list[Span]:
        spans = [(minute_ceil(s), minute_floor(e)) for s, e in window_pairs(windows)]
        return _merge([(max(0, s), min(horizon, e)) for s, e in spans])

    frames_by_location: dict[str, list[Span]] = {}
    hours_by_location: dict[str, list[Span]] = {}
    for location in production.locations:
        zone = ZoneInfo(location.tz)
        open_time, close_time = (_hhmm(t) for t in location.shooting_hours)
        frames, hours = [], []
        for day in dates:
            opens = datetime.combine(day, open_time, tzinfo=zone)
            closes = datetime.combine(day, close_time, tzinfo=zone)
            if closes <= opens:  # shooting hours that run past midnight
                closes = datetime.combine(day + timedelta(days=1), close_time, tzinfo=zone)
            frame_start = minute_floor(opens) - FRAME_LEAD_MINUTES
            frames.append((frame_start, frame_start + 24 * 60))
            hours.append((minute_ceil(opens), minute_floor(closes)))
        frames_by_location[location.name] = frames
        hours_by_location[location.name] = _merge(hours)
    frames = [
        (
            min(f[d][0] for f in frames_by_location.values()),
            max(f[d][1] for f in frames_by_location.values()),
        )
        for d in range(len(dates))
    ]

    busy: dict[tuple[str, object], list[Span]] = {}
    free: dict[tuple[str, object], list[Span]] = {}
    for member in production.cast:
        if member.availability is not None:
            free[("cast", member.id)] = spans_of(member.availability)
    for person in production.people:
        if person.availability is not None:
            free[("person", person.name)] = spans_of(person.availability)
    for key, spans in free.items():
        busy[key] = complement(spans, 0, horizon)

    by_number = {scene.number: i for i, scene in enumerate(production.scenes)}
    jobs: list[Job] = []
    for index, scene in enumerate(production.scenes):
        resources: list[tuple[str, object]] = [("cast", c) for c in scene.cast]
        resources += [("person", p) for p in scene.people]
        resources.append(("set", f"{scene.location}/{scene.set}"))
        if scene.allowed is None:
            allowed = hours_by_location[scene.location]
        else:
            allowed = spans_of(scene.allowed)
        available = allowed
        for key in resources:
            if key in free:
                available = intersect(available, free[key])
        frames_here = frames_by_location[scene.location]
        split_min = scene.split_min_minutes
        shortest = min(split_min, scene.duration_minutes) if split_min else scene.duration_minutes
        need_pieces = _cut(allowed, frames_here, 1)
        if available is allowed:  # nobody in the scene has limited hours: no second cut
            pieces = [p for p in need_pieces if p.end - p.start >= shortest]
        else:
            pieces = _cut(available, frames_here, shortest)
        jobs.append(
            Job(
                index=index,
                scene=scene,
                duration=scene.duration_minutes,
                resources=resources,
                pieces=pieces,
                need_pieces=need_pieces,
                split_min=split_min,
            )
        )
    for job in jobs:
        job.follows = [by_number[n] for n in job.scene.must_follow if n in by_number]

    tasks = [
        TaskSpec(
            kind=rule.kind,
            role=rule.role,
            minutes=rule.minutes,
            trigger=rule.trigger,
            holders=[p.name for p in production.people if rule.role in p.roles],
        )
        for rule in production.tasks
    ]
    return Instance(production, epoch, horizon, dates, frames, jobs, busy, tasks, by_number)


def _cut(spans: list[Span], frames: list[Span], shortest: int) -> list[Piece]:
    """Cut spans at day frames; keep the pieces at least `shortest` minutes long."""
    pieces = []
    starts = [lo for lo, _hi in frames]
    for start, end in spans:
        # frames are in date order; begin at the last frame opening at or before `start`
        day = max(0, bisect_right(starts, start) - 1)
        while day < len(frames) and frames[day][0] < end:
            lo, hi = frames[day]
            a, b = max(start, lo), min(end, hi)
            if b - a >= shortest:
                pieces.append(Piece(day, a, b))
            day += 1
    pieces.sort(key=lambda p: (p.day, p.start))
    return pieces
