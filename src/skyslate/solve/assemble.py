"""Minutes back to dates: placed days and tasks become a priced Schedule."""

from __future__ import annotations

from skyslate.solve.instance import Instance
from skyslate.solve.placer import PlacedTask
from skyslate.solve.schedule import Schedule, ScheduledScene, ShootDay, TaskBooking, build_schedule


def assemble(
    instance: Instance,
    days: list[list[tuple[int, int, int]]],
    tasks: list[list[PlacedTask]],
    **kwargs,
) -> Schedule:
    """A Schedule from (job, start, end) per shoot-day index and the tasks of each day."""
    jobs = instance.jobs
    shoot_days = []
    for day, placed in enumerate(days):
        if not placed:
            continue
        parts: dict[int, int] = {}
        for index, _s, _e in placed:
            parts[index] = parts.get(index, 0) + 1
        seen: dict[int, int] = {}
        scenes = []
        for index, start, end in sorted(placed, key=lambda p: p[1]):
            part = None
            if parts[index] > 1:
                seen[index] = seen.get(index, 0) + 1
                part = (seen[index], parts[index])
            scenes.append(
                ScheduledScene(
                    jobs[index].number, instance.moment(start), instance.moment(end), part
                )
            )
        bookings = [
            TaskBooking(
                t.spec.kind,
                t.person,
                jobs[t.job].number,
                instance.moment(t.start),
                instance.moment(t.end),
                t.cast,
            )
            for t in tasks[day]
        ]
        first = min(placed, key=lambda p: p[1])[0]
        shoot_days.append(ShootDay(instance.dates[day], 0, jobs[first].location, scenes, bookings))
    return build_schedule(instance.production, shoot_days, **kwargs)
