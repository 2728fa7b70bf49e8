"""Clock times in violation texts shown in the location's local time, as the strips show them.

The core's evaluator writes times such as "scene 13 at 17:31-21:11 on 2021-09-14" in UTC
while the plan json gives the same scene's start and end in the location's time zone
(20:31+03:00). A first AD reading both side by side on a strip sees two different
times. This rewrites a time only where it is provably the UTC form of a start or end
in the same plan, so a text already in local time (or a location on UTC) is left as
it is; applying it twice changes nothing more. The zone's abbreviation follows the
time ("20:31-00:11 MSK"), the form the solver's own texts take once they are local.
"""

from __future__ import annotations

import contextlib
import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# A time already followed by its zone ("20:31-00:11 MSK", "+05") is local: not matched.
SPAN = re.compile(r"\bat (\d\d:\d\d)-(\d\d:\d\d)(?!\s[A-Z+-])")
SINGLE = re.compile(r"\bat (\d\d:\d\d):")
SCENE = re.compile(r"\bscene (\S+?)\b(?=[\s,;:)]|$)")


def _clock(moment: str, zone: str | None) -> tuple[str, str] | None:
    """(UTC HH:MM, local 'HH:MM ZZZ') of an ISO timestamp with an offset; None if unreadable."""
    try:
        parsed = datetime.fromisoformat(str(moment).replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return None
    local = parsed.strftime("%H:%M")
    if zone:
        with contextlib.suppress(ZoneInfoNotFoundError, ValueError):
            local = parsed.astimezone(ZoneInfo(zone)).strftime("%H:%M %Z")
    return parsed.astimezone(UTC).strftime("%H:%M"), local


Piece = tuple[str, str, str | None]  # start iso, end iso, the location's time zone


def _pieces(plan: dict) -> dict[tuple[str, str], list[Piece]]:
    """(scene number, date) -> [(start, end, zone)] of every scene piece and its tasks."""
    zones = {str(p.get("name")): p.get("tz") for p in plan.get("locations") or []}
    found: dict[tuple[str, str], list[Piece]] = {}
    for day in plan.get("days") or []:
        date = str(day.get("date", ""))[:10]
        zone_of = {}
        for scene in day.get("scenes") or []:
            zone = zones.get(str(scene.get("location")))
            zone_of[str(scene.get("number"))] = zone
            if scene.get("start") and scene.get("end"):
                key = (str(scene.get("number")), date)
                found.setdefault(key, []).append((scene["start"], scene["end"], zone))
        for task in day.get("tasks") or []:
            if task.get("start") and task.get("end") and task.get("scene") is not None:
                key = (str(task["scene"]), date)
                zone = zone_of.get(str(task["scene"]))
                found.setdefault(key, []).append((task["start"], task["end"], zone))
    return found


def _local_span(text: str, spans: list[Piece]) -> str:
    match = SPAN.search(text)
    if not match:
        return text
    for start, end, zone in spans:
        first, last = _clock(start, zone), _clock(end, zone)
        if first and last and (first[0], last[0]) == match.groups():
            local = f"at {first[1][:5]}-{last[1]}"
            return text[: match.start()] + local + text[match.end() :]
    return text


def _local_single(text: str, found: dict) -> str:
    """'X is booked twice at HH:MM: A and B': the time is when B starts (a scene or its task)."""
    match = SINGLE.search(text)
    scenes = SCENE.findall(text[match.end() :]) if match else []
    if not match or not scenes:
        return text
    second = scenes[-1]
    locals_ = {
        clock[1]
        for (number, _date), spans in found.items()
        if number == second
        for start, _end, zone in spans
        if (clock := _clock(start, zone)) and clock[0] == match.group(1)
    }
    if len(locals_) != 1:
        return text  # not provably one moment: leave the text as the core wrote it
    return text[: match.start()] + f"at {locals_.pop()}:" + text[match.end() :]


def local_violation_times(plan: dict) -> dict:
    """The plan with its violation texts' clock times in each scene's local time (in place)."""
    violations = plan.get("violations") or []
    if not violations:
        return plan
    found = _pieces(plan)
    for violation in violations:
        text = violation.get("text") or ""
        scene, day = violation.get("scene"), violation.get("day")
        if scene is not None and day:
            text = _local_span(text, found.get((str(scene), str(day)[:10]), []))
        elif scene is None:
            text = _local_single(text, found)
        violation["text"] = text
    return plan
