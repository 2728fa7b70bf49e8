"""An independent check of a plan json against its Production, written from the issue text alone.

It shares no code with `skyslate.solve` (only the domain model and Windows):
every scene once, every scene inside its allowed windows (or the shooting hours)
and inside its cast's and people's availability, nobody and no set booked twice,
tasks before their scenes by people with the role, scene order, rest rules, and
the cost recomputed from the days.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from skyslate.plan.model import Production


def _t(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _inside(windows, start: datetime, end: datetime) -> bool:
    return any(w.start <= start and end <= w.end for w in windows)


def _shooting_hours(production: Production, location_name: str, day: date):
    location = production.location(location_name)
    zone = ZoneInfo(location.tz)
    a, b = location.shooting_hours
    opens = datetime.combine(day, datetime.strptime(a, "%H:%M").time(), tzinfo=zone)
    closes = datetime.combine(day, datetime.strptime(b, "%H:%M").time(), tzinfo=zone)
    if closes <= opens:
        closes += timedelta(days=1)
    return opens, closes


def validate(production: Production, plan: dict) -> list[str]:
    """Every problem found in `plan`; an empty list means the schedule is sound."""
    problems: list[str] = []
    jobs = {s.number: s for s in production.scenes}
    cast = {m.id: m for m in production.cast}
    people = {p.name: p for p in production.people}
    minutes_done: dict[str, int] = defaultdict(int)
    booked: dict[tuple, list] = defaultdict(list)
    first_start: dict[str, datetime] = {}
    last_end: dict[str, datetime] = {}
    day_spans = []
    cast_spans: dict[int, list] = defaultdict(list)
    for day in plan["days"]:
        when = date.fromisoformat(day["date"])
        if when not in production.shoot_dates:
            problems.append(f"{when} is not a shoot date")
        starts, ends = [], []
        per_cast: dict[int, list[datetime]] = {}
        for entry in day["scenes"]:
            number = entry["number"]
            job = jobs[number]
            start, end = _t(entry["start"]), _t(entry["end"])
            minutes = round((end - start).total_seconds() / 60)
            minutes_done[number] += minutes
            if (
                "part" in entry
                and job.split_min_minutes
                and minutes < min(job.split_min_minutes, job.duration_minutes)
            ):
                problems.append(f"scene {number}: a part of {minutes} min is too short")
            if job.allowed is not None:
                ok = _inside(job.allowed, start, end)
            else:
                opens, closes = _shooting_hours(production, job.location, when)
                ok = opens <= start and end <= closes
            if not ok:
                problems.append(f"scene {number} lies outside its windows")
            for c in job.cast:
                if cast[c].availability is not None and not _inside(
                    cast[c].availability, start, end
                ):
                    problems.append(f"scene {number}: cast {c} unavailable")
                booked[("cast", c)].append((start, end, number))
                span = per_cast.setdefault(c, [start, end])
                span[0], span[1] = min(span[0], start), max(span[1], end)
            for p in job.people:
                if people[p].availability is not None and not _inside(
                    people[p].availability, start, end
                ):
                    problems.append(f"scene {number}: {p} unavailable")
                booked[("person", p)].append((start, end, number))
            booked[("set", job.location, job.set)].append((start, end, number))
            first_start[number] = min(first_start.get(number, start), start)
            last_end[number] = max(last_end.get(number, end), end)
            starts.append(start)
            ends.append(end)
        problems += _tasks(production, day, jobs, people, booked)
        for task in day["tasks"]:
            # an actor's day (for performer rest) starts with their makeup
            if task.get("cast") in per_cast:
                span = per_cast[task["cast"]]
                span[0] = min(span[0], _t(task["start"]))
        problems += _moves(production, day, jobs)
        starts += [_t(t["start"]) for t in day["tasks"]]
        ends += [_t(t["end"]) for t in day["tasks"]]
        if starts:
            day_spans.append((when, min(starts), max(ends), day))
        for c, span in per_cast.items():
            cast_spans[c].append((span[0], span[1]))
    unscheduled = {u["number"] for u in plan["unscheduled"]}
    for number, job in jobs.items():
        if number in unscheduled:
            if minutes_done.get(number):
                problems.append(f"scene {number} is both scheduled and unscheduled")
        elif minutes_done.get(number) != job.duration_minutes:
            problems.append(
                f"scene {number} is shot for {minutes_done.get(number, 0)} of "
                f"{job.duration_minutes} min"
            )
    for key, spans in booked.items():
        spans.sort()
        for (_s1, e1, n1), (s2, _e2, n2) in zip(spans, spans[1:], strict=False):
            if s2 < e1:
                problems.append(f"{key} double-booked: {n1} and {n2}")
    for number, job in jobs.items():
        for before in job.must_follow:
            if (
                number in first_start
                and before in last_end
                and last_end[before] > first_start[number]
            ):
                problems.append(f"scene {number} is shot before scene {before}")
    rules = production.rules
    for (_d1, _s1, e1, _), (_d2, s2, _e2, _) in zip(day_spans, day_spans[1:], strict=False):
        if (s2 - e1) < timedelta(hours=rules.turnaround_hours):
            problems.append("crew turnaround broken")
    for c, spans in cast_spans.items():
        for (_s1, e1), (s2, _e2) in zip(spans, spans[1:], strict=False):
            if (s2 - e1) < timedelta(hours=rules.performer_rest_hours):
                problems.append(f"performer rest broken for cast {c}")
    for entry in plan["cast"]:
        codes = plan["dood"].get(str(entry["id"]), {}).values()
        paid = sum(1 for code in codes if code in {"SW", "W", "WF", "SWF", "PW", "H"})
        if paid != entry["pay_days"]:
            problems.append(
                f"cast {entry['id']}: DOOD shows {paid} paid days, pay_days {entry['pay_days']}"
            )
    bound = plan.get("lower_bound")
    if bound is not None and bound > plan["cost"]["total"] + 1e-6:
        problems.append(f"lower bound {bound} above the cost {plan['cost']['total']}")
    if plan.get("optimal") and bound is not None and bound < plan["cost"]["total"] - 1e-6:
        problems.append("called optimal with a gap")
    expected = recompute_cost(production, plan, day_spans)
    for term, value in expected.items():
        if abs(plan["cost"][term] - value) > 0.011:
            problems.append(f"cost {term}: plan says {plan['cost'][term]}, recomputed {value}")
    return problems


def _tasks(production, day, jobs, people, booked) -> list[str]:
    problems = []
    rules = {r.kind: r for r in production.tasks}
    scene_start = {e["number"]: _t(e["start"]) for e in day["scenes"]}
    for task in day["tasks"]:
        rule = rules.get(task["kind"])
        start, end = _t(task["start"]), _t(task["end"])
        if rule is None or rule.role not in people[task["person"]].roles:
            problems.append(f"task {task['kind']} by {task['person']} who lacks the role")
            continue
        if end > scene_start.get(task["scene"], start):
            problems.append(f"task {task['kind']} ends after scene {task['scene']} starts")
        if round((end - start).total_seconds() / 60) != rule.minutes:
            problems.append(f"task {task['kind']} lasts the wrong time")
        booked[("person", task["person"])].append((start, end, f"task {task['kind']}"))
        free = people[task["person"]].availability
        if free is not None and not _inside(free, start, end):
            problems.append(f"task {task['kind']} by {task['person']} while unavailable")
        if rule.trigger == "cast_first_scene_of_day":
            # the actor sits for it before their first scene of the day, and is busy then
            member = task.get("cast")
            theirs = [_t(e["start"]) for e in day["scenes"] if member in jobs[e["number"]].cast]
            if member is None or not theirs:
                problems.append(f"{day['date']}: {task['kind']} for no actor of the day")
            else:
                if end > min(theirs):
                    problems.append(
                        f"{task['kind']} for cast {member} ends after their first scene"
                    )
                booked[("cast", member)].append((start, end, f"task {task['kind']}"))
    for rule in production.tasks:
        count = sum(1 for t in day["tasks"] if t["kind"] == rule.kind)
        if rule.trigger == "cast_first_scene_of_day":
            wanted = len({c for e in day["scenes"] for c in jobs[e["number"]].cast})
        elif rule.trigger == "set_change":
            # a setup at every change of set in time order (the first scene counts)
            ordered = sorted(day["scenes"], key=lambda e: _t(e["start"]))
            keys = [(jobs[e["number"]].location, jobs[e["number"]].set) for e in ordered]
            wanted = sum(1 for i, key in enumerate(keys) if i == 0 or key != keys[i - 1])
        else:
            wanted = len({e["number"] for e in day["scenes"]})
        if count != wanted:
            problems.append(f"{day['date']}: {count} {rule.kind} tasks, expected {wanted}")
    return problems


def _moves(production, day, jobs) -> list[str]:
    """Consecutive scenes at different places leave the company its move time."""
    rules = production.rules
    ordered = sorted(day["scenes"], key=lambda e: _t(e["start"]))
    problems = []
    for a, b in zip(ordered, ordered[1:], strict=False):
        here, there = jobs[a["number"]].location, jobs[b["number"]].location
        if here == there:
            continue
        minutes = rules.move_minutes_between.get((here, there), rules.company_move_minutes)
        if _t(b["start"]) - _t(a["end"]) < timedelta(minutes=minutes):
            problems.append(f"{day['date']}: no {minutes} min to move {here} -> {there}")
    return problems


def recompute_cost(production: Production, plan: dict, day_spans) -> dict[str, float]:
    """Cost terms from the days: pay from first to last work day with holds, drops, overtime, moves, days."""
    rules = production.rules
    jobs = {s.number: s for s in production.scenes}
    shoot = [date.fromisoformat(d["date"]) for d in plan["days"] if d["scenes"]]
    # Paid dates: the calendar of the shoot without the company's days off (DESIGN.md:
    # "paid for every day from their first to their last work day (holds included)").
    calendar = list(production.calendar_dates) or [
        min(production.shoot_dates) + timedelta(days=i)
        for i in range((max(production.shoot_dates) - min(production.shoot_dates)).days + 1)
    ]
    payable = [d for d in calendar if d not in set(production.days_off)]
    cast_cost = 0.0
    for member in production.cast:
        worked = sorted(
            {
                date.fromisoformat(d["date"])
                for d in plan["days"]
                for e in d["scenes"]
                if member.id in jobs[e["number"]].cast
            }
        )
        paid = len(worked)
        for a, b in zip(worked, worked[1:], strict=False):
            idle = [d for d in payable if a < d < b]
            off_payroll = not member.hold_allowed or (
                member.drop_allowed and (b - a).days - 1 > member.drop_min_gap_days
            )
            if not off_payroll:
                paid += len(idle)
        cast_cost += paid * member.rate_per_day
    overtime_minutes = 0
    moves = 0
    for _when, start, end, day in day_spans:
        span = (end - start).total_seconds() / 60
        overtime_minutes += max(0, round(span) - round(rules.max_hours_per_day * 60))
        ordered = sorted(day["scenes"], key=lambda e: _t(e["start"]))
        moves += sum(
            1
            for a, b in zip(ordered, ordered[1:], strict=False)
            if jobs[a["number"]].location != jobs[b["number"]].location
        )
    overtime = overtime_minutes * rules.overtime_rate_per_hour / 60
    total = (
        cast_cost + overtime + moves * rules.cost_per_move + len(shoot) * rules.cost_per_shoot_day
    )
    return {
        "cast": cast_cost,
        "overtime": overtime,
        "moves": moves * rules.cost_per_move,
        "days": len(shoot) * rules.cost_per_shoot_day,
        "total": total,
    }


def needs_problems(production: Production, plan: dict) -> list[str]:
    """Scenes not inside the windows of every need, recomputed here from the sky engine itself.

    Each scene's needs are evaluated around the scene (three hours either side) with
    `skyslate.sky` directly, not through the project's cached windows.
    """
    from skyslate.sky.ground import ground_windows
    from skyslate.sky.orbit import orbit_windows
    from skyslate.sky.site import Site

    problems = []
    jobs = {s.number: s for s in production.scenes}
    for day in plan["days"]:
        for entry in day["scenes"]:
            job = jobs[entry["number"]]
            location = production.location(job.location)
            start, end = _t(entry["start"]), _t(entry["end"])
            lo, hi = start - timedelta(hours=3), end + timedelta(hours=3)
            for word in job.needs:
                if location.kind == "ground":
                    site = Site(location.lat_degrees, location.lon_degrees, location.tz)
                    found = ground_windows(site, word, lo, hi)
                else:
                    kind, _, name = word.partition(":")
                    if kind == "over":
                        continue  # regions are the project's own shapes; not recomputed here
                    extra = {"station": location.ground_stations[name]} if kind == "contact" else {}
                    found = orbit_windows(location.platform, kind, lo, hi, **extra)
                if not _inside(found, start, end):
                    problems.append(
                        f"scene {entry['number']} is not inside {word} at {entry['start']}"
                    )
    return problems
