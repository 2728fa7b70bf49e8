"""Scenes that cannot be placed whatever the order, found before solving and said in words."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from skyslate.errors import Conflict, InfeasibleError
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


def _room(windows: Windows, job: SceneJob, tz: str) -> int:
    """Minutes the scene could get: the longest window, or for a split scene the most on one day."""
    if not job.split_min_minutes:
        return _longest(windows)
    # a split scene is shot in pieces on one day, in windows at least this long
    per_day: dict = {}
    for window in windows.at_least(timedelta(minutes=job.split_min_minutes)):
        day = window.start.astimezone(ZoneInfo(tz)).date()
        per_day[day] = per_day.get(day, timedelta(0)) + window.duration
    return max((_minutes(total) for total in per_day.values()), default=0)


def _fits(windows: Windows, job: SceneJob, tz: str = "UTC") -> bool:
    return _room(windows, job, tz) >= job.duration_minutes


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


def presolve_error(production: Production) -> InfeasibleError | None:
    """The scenes no schedule can place as one error, at the line of the first one's override
    (or of its location's table); None when every scene fits somewhere."""
    conflicts = presolve_conflicts(production)
    if not conflicts:
        return None
    return InfeasibleError(
        f"{len(conflicts)} scene(s) can never be scheduled",
        conflicts=conflicts,
        path=production.source,
        line=scene_line(production, conflicts[0].scenes[0]),
    )


def scene_line(production: Production, number: str) -> int | None:
    """The line of the scene's [scenes.N] override, else of its location's table, else None."""
    recorded = getattr(production.key_lines, "lines", None)
    if not recorded:
        return None
    if ("scenes", number) in recorded:
        return recorded[("scenes", number)]
    job = next((j for j in production.scenes if j.number == number), None)
    names = [location.name for location in production.locations]
    if job is not None and job.location in names:
        return recorded.get(("locations", names.index(job.location)))
    return None


def scene_problem(production: Production, job: SceneJob) -> str | None:
    """Why this scene cannot be placed on its own, or None when some time fits it."""
    location = production.location(job.location)
    allowed = job.allowed if job.allowed is not None else Windows()
    how = f"for {job.duration_minutes} min"
    if job.split_min_minutes:
        how += f" (in pieces of at least {job.split_min_minutes} min on one day)"

    def best(windows: Windows, what: str) -> str:
        room = _room(windows, job, location.tz)
        if job.split_min_minutes:
            return f"the most {what} on one day is {room} min"
        return f"the longest {what} is {room} min"

    if not _fits(allowed, job, location.tz):
        if job.needs and production.sky is not None:
            need_windows = production.sky.all_of(location, job.needs)
            if location.availability is not None:
                need_windows = need_windows.intersection(location.availability)
            words = describe_needs(job.needs, location)
            if not _fits(need_windows, job, location.tz):
                what = " and ".join(job.needs)
                span = _span_words(production)
                return f"scene {job.number} needs {words} {how}; {best(need_windows, f'{what} window on {span}')}"
            hours = "-".join(location.shooting_hours)
            zone = "UTC" if location.kind == "orbit" else location.tz
            return (
                f"scene {job.number} needs {words} {how}; "
                f"{best(allowed, f'such window within the shooting hours ({hours} {zone}) and dates it may use')}"
            )
        return (
            f"scene {job.number} needs {how} at {location.name}; "
            f"{best(allowed, 'time it may use (shooting hours, dates, location availability)')}"
        )
    for board_id in job.cast:
        member = production.cast_member(board_id)
        if member.availability is not None:
            overlap = allowed.intersection(member.availability)
            if not _fits(overlap, job, location.tz):
                return (
                    f"scene {job.number} needs {member.name} ({member.actor}) {how}, but "
                    f"{best(overlap, f'time {member.actor} is free while the scene may be shot')}"
                )
    for name in job.people:
        person = next((p for p in production.people if p.name == name), None)
        if person is not None and person.availability is not None:
            overlap = allowed.intersection(person.availability)
            if not _fits(overlap, job, location.tz):
                return (
                    f"scene {job.number} needs {name} {how}, but "
                    f"{best(overlap, f'time {name} is free while the scene may be shot')}"
                )
    together = allowed
    for board_id in job.cast:
        member = production.cast_member(board_id)
        if member.availability is not None:
            together = together.intersection(member.availability)
    for person in production.people:
        if person.name in job.people and person.availability is not None:
            together = together.intersection(person.availability)
    if not _fits(together, job, location.tz):
        return (
            f"scene {job.number} needs its whole cast and crew together {how}; "
            f"{best(together, 'time they are all free while the scene may be shot')}"
        )
    return None
