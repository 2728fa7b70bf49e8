"""A shooting schedule: days, scenes with times, task bookings, cost terms, and its plan json."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from skyslate.plan.model import Production
from skyslate.solve.costs import CastDays, CostTerms, price


@dataclass
class ScheduledScene:
    """A scene (or one part of a split scene) placed at [start, end)."""

    number: str
    start: datetime
    end: datetime
    part: tuple[int, int] | None = None  # (i, n): part i of n of a split scene


@dataclass
class TaskBooking:
    """A person doing a task (makeup, lighting...) before a scene."""

    kind: str
    person: str
    scene: str
    start: datetime
    end: datetime
    cast: int | None = None  # whose makeup, for makeup-like tasks


@dataclass
class ShootDay:
    """One shoot date with its scenes in time order and its tasks."""

    date: date
    number: int
    location: str
    scenes: list[ScheduledScene] = field(default_factory=list)
    tasks: list[TaskBooking] = field(default_factory=list)


@dataclass
class Violation:
    """A rule a schedule breaks, in words, with the scene and day it concerns."""

    text: str
    scene: str | None = None
    day: date | None = None


@dataclass
class Schedule:
    """Shoot days with their cost terms, the solver's bound and what could not be placed."""

    days: list[ShootDay]
    cost: CostTerms
    cast: list[CastDays]
    lower_bound: float | None = None
    optimal: bool = False
    unscheduled: list[tuple[str, str]] = field(default_factory=list)  # (number, why)
    violations: list[Violation] = field(default_factory=list)
    seconds: float = 0.0
    changed_scenes: list[str] = field(default_factory=list)  # against a baseline

    @property
    def gap(self) -> float | None:
        """Relative distance between cost and bound (0 = proven optimal)."""
        if self.lower_bound is None:
            return None
        total = self.cost.total
        if total <= 0:
            return 0.0
        return max(0.0, (total - self.lower_bound) / total)

    def to_json(self, production: Production) -> dict:
        """The plan json contract of issue 5."""
        return plan_json(self, production)


def build_schedule(production: Production, days: list[ShootDay], **kwargs) -> Schedule:
    """A Schedule with its cost recomputed by the one cost function."""
    days = [d for d in days if d.scenes]
    for number, day in enumerate(days, start=1):
        day.number = number
        day.scenes.sort(key=lambda s: (s.start, s.number))
        day.tasks.sort(key=lambda t: (t.start, t.person))
        if day.scenes:
            first = min(day.scenes, key=lambda s: s.start)
            day.location = _job(production, first.number).location
    terms, per_cast = price(production, days)
    return Schedule(days=days, cost=terms, cast=per_cast, **kwargs)


def _job(production: Production, number: str):
    for scene in production.scenes:
        if scene.number == number:
            return scene
    raise KeyError(number)


def iso(moment: datetime) -> str:
    """ISO 8601 with offset; UTC as Z."""
    text = moment.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _local(moment: datetime, tz: str) -> str:
    return iso(moment.astimezone(ZoneInfo(tz)) if tz != "UTC" else moment.astimezone(UTC))


def _light(production: Production, location_name: str, day: date):
    try:
        from skyslate.plan.light import day_light
    except ImportError:
        return None
    try:
        return day_light(production.location(location_name), day)
    except Exception:  # light is a courtesy on the board; a sky failure must not lose the plan
        return None


def _money(value: float) -> float:
    return round(value, 2)


def plan_json(schedule: Schedule, production: Production) -> dict:
    """Serialise a schedule to the plan json contract (times local with offset)."""
    jobs = {scene.number: scene for scene in production.scenes}
    members = {m.id: m for m in production.cast}
    days_json = []
    for day in schedule.days:
        tz = production.location(day.location).tz
        scenes = []
        for placed in day.scenes:
            job = jobs[placed.number]
            zone = production.location(job.location).tz
            entry = {
                "number": placed.number,
                "set": job.set,
                "location": job.location,
                "start": _local(placed.start, zone),
                "end": _local(placed.end, zone),
                "eighths": job.eighths if (placed.part is None or placed.part[0] == 1) else 0,
                "cast": list(job.cast),
                "people": list(job.people),
                "needs": list(job.needs),
            }
            if placed.part is not None:
                entry["part"] = list(placed.part)
            scenes.append(entry)
        days_json.append(
            {
                "date": day.date.isoformat(),
                "number": day.number,
                "location": day.location,
                "light": _light(production, day.location, day.date),
                "scenes": scenes,
                "tasks": [
                    {
                        "kind": t.kind,
                        "person": t.person,
                        "scene": t.scene,
                        "start": _local(t.start, tz),
                        "end": _local(t.end, tz),
                        "cast": t.cast,
                    }
                    for t in day.tasks
                ],
            }
        )
    cast_json = []
    for days in schedule.cast:
        member = members[days.id]
        cast_json.append(
            {
                "id": member.id,
                "name": member.name,
                "actor": member.actor,
                "rate_per_day": member.rate_per_day,
                "first_day": days.first_day.isoformat() if days.first_day else None,
                "last_day": days.last_day.isoformat() if days.last_day else None,
                "work_days": days.work_days,
                "hold_days": days.hold_days,
                "pay_days": days.pay_days,
                "cost": _money(days.cost),
                "hold_allowed": member.hold_allowed,
                "drop_allowed": member.drop_allowed,
                "drop_min_gap_days": member.drop_min_gap_days,
            }
        )
    dood: dict[str, dict[str, str]] = {}
    if schedule.days:
        first, last = schedule.days[0].date, schedule.days[-1].date
        calendar = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        for days in schedule.cast:
            dood[str(days.id)] = {d.isoformat(): days.codes.get(d, "") for d in calendar}
    cost = schedule.cost
    gap = schedule.gap
    return {
        "version": 1,
        "production": production.title,
        "cost": {
            "total": _money(cost.total),
            "cast": _money(cost.cast),
            "overtime": _money(cost.overtime),
            "moves": _money(cost.moves),
            "days": _money(cost.days),
        },
        "lower_bound": None if schedule.lower_bound is None else _money(schedule.lower_bound),
        "optimal": schedule.optimal,
        "gap": None if gap is None else round(gap, 6),
        "locations": [
            {
                "name": loc.name,
                "kind": loc.kind,
                "lat": loc.lat_degrees,
                "lon": loc.lon_degrees,
                "tz": loc.tz,
                "element_sets": loc.element_sets,
            }
            for loc in production.locations
        ],
        "cast": cast_json,
        "people": [{"name": p.name, "roles": list(p.roles)} for p in production.people],
        "days_off": [d.isoformat() for d in sorted(production.days_off)],
        "days": days_json,
        "unscheduled": [{"number": n, "why": why} for n, why in schedule.unscheduled],
        "violations": [
            {
                "scene": v.scene,
                "day": v.day.isoformat() if v.day else None,
                "text": v.text,
            }
            for v in schedule.violations
        ],
        "dood": dood,
    }
