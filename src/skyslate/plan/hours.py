"""Shooting hours and availability as UTC windows, day by day in a local time zone."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from skyslate.plan import schema
from skyslate.plan.model import Location
from skyslate.sky.windows import Windows


def hours_windows(location: Location, dates, hours: str | None = None) -> Windows:
    """Shooting hours (or `hours`, "06:00-09:00") of each date at `location`, in its local time."""
    zone = ZoneInfo(location.tz)
    if hours is None:
        start, end = (time.fromisoformat(t) for t in location.shooting_hours)
    else:
        start, end = schema.parse_hours(hours)
    spans = []
    for day in dates:
        begin = datetime.combine(day, start, zone)
        finish = datetime.combine(day if end > start else day + timedelta(days=1), end, zone)
        spans.append((begin.astimezone(UTC), finish.astimezone(UTC)))
    return Windows(spans)


def availability_windows(span: schema.Availability, zone: ZoneInfo) -> Windows:
    """One availability entry as UTC windows: dates are whole local days, `hours` cut each day."""
    first = span.from_
    last = span.to
    start = first if isinstance(first, datetime) else datetime.combine(first, time(0), zone)
    end = (
        last
        if isinstance(last, datetime)
        else datetime.combine(last + timedelta(days=1), time(0), zone)
    )
    if span.hours is None:
        return Windows([(start, end)]) if end > start else Windows()
    h1, h2 = schema.parse_hours(span.hours)
    pieces = []
    day = start.astimezone(zone).date() - timedelta(days=1)
    while datetime.combine(day, h1, zone) < end:
        begin = datetime.combine(day, h1, zone)
        finish = datetime.combine(day if h2 > h1 else day + timedelta(days=1), h2, zone)
        pieces.append((begin, finish))
        day += timedelta(days=1)
    return Windows(pieces).clip(start, end)
