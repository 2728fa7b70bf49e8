"""Every rule a placed schedule breaks, in words: windows, availability, double booking, order, rest, moves."""

from __future__ import annotations

from collections import defaultdict
from zoneinfo import ZoneInfo

from skyslate.solve.instance import Instance, intersect
from skyslate.solve.placer import PlacedTask
from skyslate.solve.schedule import Violation


def _hm(instance: Instance, minute: int, location: str) -> str:
    """Local clock time at a location, with its zone: '19:45 MSK'."""
    zone = ZoneInfo(instance.production.location(location).tz)
    return instance.moment(minute).astimezone(zone).strftime("%H:%M %Z")


def _span(instance: Instance, start: int, end: int, location: str) -> str:
    """'19:45-20:30 MSK' in the location's local time."""
    return f"{_hm(instance, start, location)[:5]}-{_hm(instance, end, location)}"


def who(instance: Instance, key) -> str:
    """A resource in words: 'cast 2 (Anna Petrova)', 'Klim', 'set ISS/Cupola'."""
    kind, name = key
    if kind == "cast":
        try:
            return f"cast {name} ({instance.production.cast_member(name).actor})"
        except KeyError:
            return f"cast {name}"
    if kind == "set":
        return f"set {name}"
    return str(name)


def violations(
    instance: Instance,
    days: list[list[tuple[int, int, int]]],
    tasks: list[list[PlacedTask]],
) -> list[Violation]:
    """Rules broken by placed days: (job, start, end) per day index, tasks per day index."""
    out: list[Violation] = []
    rules = instance.production.rules
    jobs = instance.jobs
    uses: dict[tuple, list[tuple[int, int, str]]] = defaultdict(list)
    end_of: dict[int, int] = {}
    start_of: dict[int, int] = {}
    for day, placed in enumerate(days):
        date = instance.dates[day]
        for index, start, end in placed:
            job = jobs[index]
            what = f"scene {job.number}"
            if not _inside_any(job, day, start, end):
                needs = " and ".join(job.scene.needs) or "shooting hours"
                out.append(
                    Violation(
                        f"scene {job.number} at {_span(instance, start, end, job.location)} "
                        f"on {date} is outside its allowed windows ({needs})",
                        job.number,
                        date,
                    )
                )
            for key in job.resources:
                uses[key].append((start, end, what, job.location))
                if key in instance.busy and intersect(instance.busy[key], [(start, end)]):
                    out.append(
                        Violation(
                            f"{who(instance, key)} is not available for scene {job.number} "
                            f"at {_span(instance, start, end, job.location)} on {date}",
                            job.number,
                            date,
                        )
                    )
            end_of[index] = max(end_of.get(index, end), end)
            start_of[index] = min(start_of.get(index, start), start)
        for task in tasks[day]:
            what = f"{task.spec.kind} for scene {jobs[task.job].number}"
            if task.cast is not None:
                what += f" (cast {task.cast})"
            where = jobs[task.job].location
            uses[("person", task.person)].append((task.start, task.end, what, where))
            if task.cast is not None:
                uses[("cast", task.cast)].append((task.start, task.end, what, where))
    for key, spans in uses.items():
        spans.sort()
        for (_s1, e1, w1, _l1), (s2, _e2, w2, l2) in zip(spans, spans[1:], strict=False):
            if s2 < e1 and w1 != w2:
                out.append(
                    Violation(
                        f"{who(instance, key)} is booked twice at {_hm(instance, s2, l2)}: {w1} and {w2}"
                    )
                )
    for index, start in start_of.items():
        for before in jobs[index].follows:
            if before not in end_of or end_of[before] > start:
                out.append(
                    Violation(
                        f"scene {jobs[index].number} must follow scene {jobs[before].number}",
                        jobs[index].number,
                    )
                )
    out += _rest(instance, days, tasks)
    for day, placed in enumerate(days):
        ordered = sorted(placed, key=lambda p: p[1])
        for (a, _sa, ea), (b, sb, _eb) in zip(ordered, ordered[1:], strict=False):
            move = rules.move_minutes(jobs[a].location, jobs[b].location)
            if jobs[a].location != jobs[b].location and sb - ea < move:
                out.append(
                    Violation(
                        f"the move from {jobs[a].location} to {jobs[b].location} before scene "
                        f"{jobs[b].number} takes {move} min; only {sb - ea} min are left",
                        jobs[b].number,
                        instance.dates[day],
                    )
                )
    return out


def _inside_any(job, day, start, end) -> bool:
    return any(p.day == day and p.start <= start and end <= p.end for p in job.need_pieces)


def _rest(instance: Instance, days, tasks) -> list[Violation]:
    rules = instance.production.rules
    turnaround = round(rules.turnaround_hours * 60)
    rest = round(rules.performer_rest_hours * 60)
    spans: list[tuple[int, int, int]] = []
    cast_spans: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for day, placed in enumerate(days):
        if not placed:
            continue
        starts = [s for _, s, _ in placed] + [t.start for t in tasks[day]]
        ends = [e for _, _, e in placed] + [t.end for t in tasks[day]]
        spans.append((day, min(starts), max(ends)))
        per_cast: dict[int, list[int]] = {}
        for index, start, end in placed:
            for member in instance.jobs[index].scene.cast:
                span = per_cast.setdefault(member, [start, end])
                span[0], span[1] = min(span[0], start), max(span[1], end)
        for task in tasks[day]:
            if task.cast is not None and task.cast in per_cast:
                span = per_cast[task.cast]
                span[0] = min(span[0], task.start)
        for member, (lo, hi) in per_cast.items():
            cast_spans[member].append((day, lo, hi))
    out = []
    for (d1, _lo1, hi1), (d2, lo2, _hi2) in zip(spans, spans[1:], strict=False):
        if lo2 - hi1 < turnaround:
            out.append(
                Violation(
                    f"crew turnaround between {instance.dates[d1]} and {instance.dates[d2]} is "
                    f"{(lo2 - hi1) / 60:.1f} h; the rule is {rules.turnaround_hours:g} h",
                    day=instance.dates[d2],
                )
            )
    for member, runs in cast_spans.items():
        for (d1, _lo1, hi1), (d2, lo2, _hi2) in zip(runs, runs[1:], strict=False):
            if lo2 - hi1 < rest:
                out.append(
                    Violation(
                        f"{who(instance, ('cast', member))} rests {(lo2 - hi1) / 60:.1f} h between "
                        f"{instance.dates[d1]} and {instance.dates[d2]}; "
                        f"the rule is {rules.performer_rest_hours:g} h",
                        day=instance.dates[d2],
                    )
                )
    return out
