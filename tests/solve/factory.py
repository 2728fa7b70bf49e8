"""Small productions built by hand for the solver tests: one ground site in UTC, tiny windows."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from skyslate.plan.model import (
    CastMember,
    Location,
    Person,
    Production,
    Rules,
    SceneJob,
    TaskRule,
)
from skyslate.script.model import Breakdown
from skyslate.sky.windows import Windows

FIRST = date(2021, 10, 5)


def at(day: int, hour: float) -> datetime:
    """UTC instant `hour` hours into shoot day `day` (0-based from 2021-10-05)."""
    return datetime(2021, 10, 5, tzinfo=UTC) + timedelta(days=day, hours=hour)


def windows(*spans: tuple[int, float, float]) -> Windows:
    """Windows from (day, start hour, end hour) triples."""
    return Windows([(at(d, a), at(d, b)) for d, a, b in spans])


def scene(
    number, cast=(), minutes=60, *, set="A", location="Studio", people=(), allowed=None, **kw
):
    """A scene job; eighths follow the minutes (one eighth per 10 min)."""
    return SceneJob(
        number=str(number),
        set=set,
        location=location,
        eighths=max(1, minutes // 10),
        duration_minutes=minutes,
        cast=list(cast),
        people=list(people),
        allowed=allowed,
        **kw,
    )


def production(
    scenes,
    cast_rates,
    *,
    days=3,
    people=(),
    tasks=(),
    rules=None,
    hours=("08:00", "18:00"),
    locations=("Studio",),
    cast_kw=None,
) -> Production:
    """A production on consecutive dates from 2021-10-05, shooting hours `hours` UTC."""
    cast_kw = cast_kw or {}
    cast = [
        CastMember(
            id=i, name=f"ACTOR{i}", actor=f"Actor {i}", rate_per_day=rate, **cast_kw.get(i, {})
        )
        for i, rate in cast_rates.items()
    ]
    return Production(
        title="Test",
        breakdown=Breakdown(title="Test"),
        cast=cast,
        people=list(people),
        locations=[
            Location(
                name=name,
                kind="ground",
                tz="UTC",
                lat_degrees=0.0,
                lon_degrees=0.0,
                sets=["A", "B", "C"],
                shooting_hours=hours,
            )
            for name in locations
        ],
        scenes=list(scenes),
        shoot_dates=[FIRST + timedelta(days=i) for i in range(days)],
        rules=rules or Rules(max_hours_per_day=12, turnaround_hours=10, performer_rest_hours=12),
        tasks=list(tasks),
    )


__all__ = ["Person", "TaskRule", "Rules", "at", "windows", "scene", "production"]
