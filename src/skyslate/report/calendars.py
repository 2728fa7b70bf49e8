"""iCalendar files: the whole schedule, and one per cast member and per person with their calls."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from skyslate.report.board import Board, Day

PRODID = "-//skyslate//reports//EN"


def slug(text: str) -> str:
    """A file-name and UID-safe form of a name: "Anna Lebedeva" -> "anna-lebedeva"."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _calendar(name: str):
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    return cal


def _event(
    uid: str, summary: str, start, end, stamp: datetime, description: str = "", location: str = ""
):
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    # DTSTAMP must not be the wall clock: the same schedule writes the same file.
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", end)
    if description:
        event.add("description", description)
    if location:
        event.add("location", location)
    return event


def _finish(cal, board: Board) -> bytes:
    """The calendar as bytes, with a VTIMEZONE for every TZID its events use."""
    from icalendar import Timezone

    # Only the rules of the shoot's years: the full 1970-2038 history costs a fifth
    # of a second per zone, and every cast member's calendar needs the same few zones.
    first = board.calendar[0] if board.calendar else datetime(2000, 1, 1).date()
    last = board.calendar[-1] if board.calendar else first
    for tzid in sorted(cal.get_missing_tzids()):
        key = (tzid, first, last)
        if key not in _ZONES:
            _ZONES[key] = Timezone.from_tzid(
                tzid, first_date=first - timedelta(days=366), last_date=last + timedelta(days=366)
            )
        cal.add_component(_ZONES[key])
    return cal.to_ical()


_ZONES: dict = {}


def _stamp(board: Board) -> datetime:
    from datetime import UTC

    if not board.days:
        return datetime(2000, 1, 1, tzinfo=UTC)
    first = board.days[0]
    return datetime.combine(first.date, datetime.min.time(), UTC) - timedelta(days=1)


def _domain(board: Board) -> str:
    return f"{slug(board.title)}.skyslate"


def _where(board: Board, name: str) -> str:
    loc = board.locations.get(name, {})
    if loc.get("lat") is not None and loc.get("lon") is not None:
        return f"{name} ({loc['lat']:.4f}, {loc['lon']:.4f})"
    return name


def schedule_ics(board: Board) -> bytes:
    """One event per scheduled scene (UID by scene number) and one all-day event per shoot day (UID by date)."""
    cal = _calendar(f"{board.title} — shooting schedule")
    stamp = _stamp(board)
    domain = _domain(board)
    for day in board.days:
        scenes = ", ".join(s.number for s in day.strips)
        cal.add_component(
            _event(
                f"shoot-day-{day.date.isoformat()}@{domain}",
                f"Day {day.number} of {len(board.days)} — {day.location} ({day.pages} pages)",
                day.date,
                day.date + timedelta(days=1),
                stamp,
                description=f"Scenes {scenes}. General call {day.call:%H:%M} {day.tz.key}.",
                location=_where(board, day.location),
            )
        )
        for strip in day.strips:
            cast = ", ".join(f"{c} {board.cast_member(c)['name']}" for c in strip.cast)
            cal.add_component(
                _event(
                    # the first piece of a split scene keeps the scene's UID
                    f"scene-{slug(strip.number)}{_piece(strip)}@{domain}",
                    f"Sc. {strip.number} {strip.int_ext} {strip.set} — {strip.day_night} ({strip.part_label or strip.pages})",
                    strip.start,
                    strip.end,
                    stamp,
                    description=f"Day {day.number}. Cast: {cast or 'none'}. Needs: {' & '.join(strip.needs) or 'none'}.",
                    location=_where(board, strip.location),
                )
            )
    return _finish(cal, board)


def _piece(strip) -> str:
    return f"-part-{strip.part[0]}" if strip.part and strip.part[0] > 1 else ""


def _call_event(board: Board, day: Day, who: str, uid_key: str, start, end, lines: list[str]):
    return _event(
        f"call-{uid_key}-{day.date.isoformat()}@{_domain(board)}",
        f"{board.title}: {who} — call {start:%H:%M}, Day {day.number}",
        start,
        end,
        _stamp(board),
        description="\n".join(lines),
        location=_where(board, day.location),
    )


def cast_ics(board: Board, board_id: int) -> bytes:
    """The calls of one cast member: from their makeup (or first scene) to their last scene, per work day."""
    member = board.cast_member(board_id)
    cal = _calendar(f"{board.title} — {board_id} {member['name']}")
    for day in board.days:
        strips = [s for s in day.strips if board_id in s.cast]
        if not strips:
            continue
        makeup = [t for t in day.tasks if t.kind == "makeup" and t.cast == board_id]
        start = min([t.start for t in makeup] + [strips[0].start])
        end = max(s.end for s in strips)
        lines = [f"Makeup {t.start:%H:%M}-{t.end:%H:%M} by {t.person}" for t in makeup]
        lines += [
            f"Sc. {s.number} {s.start:%H:%M}-{s.end:%H:%M} {s.int_ext} {s.set}" for s in strips
        ]
        cal.add_component(
            _call_event(
                board, day, f"{board_id} {member['name']}", f"cast-{board_id}", start, end, lines
            )
        )
    return _finish(cal, board)


def person_ics(board: Board, name: str) -> bytes:
    """The calls of one crew person: from their first task or scene to their last, per day."""
    cal = _calendar(f"{board.title} — {name}")
    for day in board.days:
        tasks = [t for t in day.tasks if t.person == name]
        strips = [s for s in day.strips if name in s.people]
        if not tasks and not strips:
            continue
        start = min([t.start for t in tasks] + [s.start for s in strips])
        end = max([t.end for t in tasks] + [s.end for s in strips])
        lines = [f"{t.kind} {t.start:%H:%M}-{t.end:%H:%M} (sc. {t.scene})" for t in tasks]
        lines += [
            f"Sc. {s.number} {s.start:%H:%M}-{s.end:%H:%M} {s.int_ext} {s.set}" for s in strips
        ]
        cal.add_component(_call_event(board, day, name, f"person-{slug(name)}", start, end, lines))
    return _finish(cal, board)
