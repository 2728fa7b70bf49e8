"""Scenes that cannot be placed whatever the order, found before solving and said in words."""

from __future__ import annotations

from datetime import timedelta

from skyslate.errors import Conflict
from skyslate.plan.model import Location, Production, SceneJob
from skyslate.sky.windows import Windows

_ORBIT_WORDS = {
    "sunlit": "the station sunlit",
    "umbra": "the station in the Earth's shadow (umbra)",
    "penumbra": "the station in penumbra",
    "ground_day": "the ground below in daylight",
    "ground_night": "the ground below at night",
}
_GROUND_WORDS = {
    "day": "daylight",
    "night": "night",
    "golden_hour": "golden hour",
    "blue_hour": "blue hour",
    "civil_twilight": "civil twilight",
}


def describe_needs(words: list[str], location: Location) -> str:
    """['sunlit', 'ground_day'] -> 'the station sunlit and the ground below in daylight'."""
    parts = []
    for word in words:
        prefix, _, name = word.partition(":")
        if prefix == "contact":
            parts.append(f"a link with {name}")
        elif prefix == "over":
            parts.append(f"the station over {name}")
        elif location.kind == "orbit":
            parts.append(_ORBIT_WORDS.get(word, word))
        else:
            parts.append(f"{_GROUND_WORDS.get(word, word)} at {location.name}")
    return " and ".join(parts)


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


def _longest(windows: Windows) -> int:
    longest = windows.longest()
    return _minutes(longest.duration) if longest is not None else 0


def _fits(windows: Windows, job: SceneJob) -> bool:
    need = timedelta(minutes=job.duration_minutes)
    if job.split_min_minutes:
        pieces = windows.at_least(timedelta(minutes=job.split_min_minutes))
        return pieces.total() >= need
    return _longest(windows) >= job.duration_minutes


def _span_words(production: Production) -> str:
    first, last = production.shoot_dates[0], production.shoot_dates[-1]
    if first.year == last.year and first.month == last.month:
        return f"{first.isoformat()}..{last.day:02d}"
    return f"{first.isoformat()}..{last.isoformat()}"


def presolve_conflicts(production: Production) -> list[Conflict]:
    """Each scene no schedule can place (windows too short, nobody free), one Conflict per scene."""
    conflicts = []
    for job in production.scenes:
        text = scene_problem(production, job)
        if text:
            conflicts.append(Conflict(text, scenes=[job.number]))
    return conflicts


def scene_problem(production: Production, job: SceneJob) -> str | None:
    """Why this scene cannot be placed on its own, or None when some time fits it."""
    location = production.location(job.location)
    allowed = job.allowed if job.allowed is not None else Windows()
    how = f"for {job.duration_minutes} min"
    if job.split_min_minutes:
        how += f" (in pieces of at least {job.split_min_minutes} min)"
    if not _fits(allowed, job):
        span = _span_words(production)
        if job.needs and production.sky is not None:
            need_windows = production.sky.all_of(location, job.needs)
            if location.availability is not None:
                need_windows = need_windows.intersection(location.availability)
            words = describe_needs(job.needs, location)
            if not _fits(need_windows, job):
                what = " and ".join(job.needs)
                return (
                    f"scene {job.number} needs {words} {how}; the longest {what} window "
                    f"on {span} is {_longest(need_windows)} min"
                )
            hours = "-".join(location.shooting_hours)
            zone = "UTC" if location.kind == "orbit" else location.tz
            return (
                f"scene {job.number} needs {words} {how}; within the shooting hours "
                f"({hours} {zone}) and dates it may use, the longest such window is {_longest(allowed)} min"
            )
        return (
            f"scene {job.number} needs {how} at {location.name}; the longest time it may use "
            f"(shooting hours, dates, location availability) is {_longest(allowed)} min"
        )
    for board_id in job.cast:
        member = production.cast_member(board_id)
        if member.availability is not None:
            overlap = allowed.intersection(member.availability)
            if not _fits(overlap, job):
                return (
                    f"scene {job.number} needs {member.name} ({member.actor}) {how}, but the longest time "
                    f"{member.actor} is free while the scene may be shot is {_longest(overlap)} min"
                )
    for name in job.people:
        person = next((p for p in production.people if p.name == name), None)
        if person is not None and person.availability is not None:
            overlap = allowed.intersection(person.availability)
            if not _fits(overlap, job):
                return (
                    f"scene {job.number} needs {name} {how}, but the longest time {name} is free "
                    f"while the scene may be shot is {_longest(overlap)} min"
                )
    together = allowed
    for board_id in job.cast:
        member = production.cast_member(board_id)
        if member.availability is not None:
            together = together.intersection(member.availability)
    for person in production.people:
        if person.name in job.people and person.availability is not None:
            together = together.intersection(person.availability)
    if not _fits(together, job):
        return (
            f"scene {job.number} needs its whole cast and crew together {how}; the longest time they are "
            f"all free while the scene may be shot is {_longest(together)} min"
        )
    return None
