"""The one cost function: what a schedule costs, term by term, and each actor's days.

The planner's CP-SAT objective encodes exactly these rules and every reported
cost is recomputed here from the placed days, so solver and stripboard agree:

- cast: an actor is paid on every calendar date from their first to their last
  work day (DESIGN.md, FIELD-NOTES §2.4): work days and holds. Company days off
  (`Production.days_off`) are never holds; a hiatus date that is no shoot date still
  is. The dates between two work days are unpaid when the actor is dropped: always if
  holds are not allowed, and if drop/pick-up is allowed when more than
  `drop_min_gap_days` calendar days pass between the two work days.
- overtime: minutes of a day's span (first call to last wrap, tasks included)
  beyond the maximum hours per day, at the hourly overtime rate.
- moves: each change of location between consecutive scenes of a day.
- days: the number of shoot days times the cost per shoot day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from skyslate.plan.model import CastMember, Production


@dataclass
class CostTerms:
    """Money by term; `total` is their sum."""

    cast: float = 0.0
    overtime: float = 0.0
    moves: float = 0.0
    days: float = 0.0
    overtime_minutes: int = 0
    move_count: int = 0
    day_count: int = 0

    @property
    def total(self) -> float:
        return self.cast + self.overtime + self.moves + self.days


@dataclass
class CastDays:
    """One actor's days on the schedule: what the Day Out of Days shows and what it costs."""

    id: int
    first_day: date | None
    last_day: date | None
    work_days: int
    hold_days: int
    pay_days: int
    cost: float
    codes: dict[date, str] = field(default_factory=dict)


def dropped(member: CastMember, before: date, after: date) -> bool:
    """True if the actor goes off payroll between work days `before` and `after`."""
    if not member.hold_allowed:
        return True
    days_off = (after - before).days - 1
    return member.drop_allowed and days_off > member.drop_min_gap_days


def payable_dates(production: Production) -> list[date]:
    """Calendar dates an actor can be paid for: every date of the shoot but company days off."""
    calendar = list(production.calendar_dates)
    if not calendar and production.shoot_dates:
        first, last = min(production.shoot_dates), max(production.shoot_dates)
        calendar = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    off = set(production.days_off)
    return [d for d in calendar if d not in off]


def cast_days(member: CastMember, work: set[date], payable: list[date]) -> CastDays:
    """Pay days, holds and DOOD codes of one actor, given the dates they work."""
    if not work:
        return CastDays(member.id, None, None, 0, 0, 0, 0.0)
    worked = sorted(work)
    first, last = worked[0], worked[-1]
    codes: dict[date, str] = {}
    holds = 0
    picked_up: set[date] = set()
    for before, after in zip(worked, worked[1:], strict=False):
        between = [d for d in payable if before < d < after]
        if not between:
            continue
        if dropped(member, before, after):
            codes[before + timedelta(days=1)] = "D"
            picked_up.add(after)
        else:
            holds += len(between)
            for day in between:
                codes[day] = "H"
    for day in worked:
        if len(worked) == 1:
            codes[day] = "SWF"
        elif day == first:
            codes[day] = "SW"
        elif day == last:
            codes[day] = "WF"
        elif day in picked_up:
            codes[day] = "PW"
        else:
            codes[day] = "W"
    pay = len(worked) + holds
    return CastDays(
        member.id, first, last, len(worked), holds, pay, pay * member.rate_per_day, codes
    )


def price(production: Production, days) -> tuple[CostTerms, list[CastDays]]:
    """Cost terms and per-actor days of placed ShootDays (scenes with start/end, tasks)."""
    rules = production.rules
    jobs = {scene.number: scene for scene in production.scenes}
    used = [day for day in days if day.scenes]
    payable = payable_dates(production)
    work: dict[int, set[date]] = {member.id: set() for member in production.cast}
    terms = CostTerms()
    limit_minutes = round(rules.max_hours_per_day * 60)
    for day in used:
        for placed in day.scenes:
            for board_id in jobs[placed.number].cast:
                work.setdefault(board_id, set()).add(day.date)
        starts = [s.start for s in day.scenes] + [t.start for t in day.tasks]
        ends = [s.end for s in day.scenes] + [t.end for t in day.tasks]
        span_minutes = round((max(ends) - min(starts)).total_seconds() / 60)
        terms.overtime_minutes += max(0, span_minutes - limit_minutes)
        ordered = sorted(day.scenes, key=lambda s: s.start)
        terms.move_count += sum(
            1
            for a, b in zip(ordered, ordered[1:], strict=False)
            if jobs[a.number].location != jobs[b.number].location
        )
    terms.day_count = len(used)
    terms.overtime = terms.overtime_minutes * rules.overtime_rate_per_hour / 60
    terms.moves = terms.move_count * rules.cost_per_move
    terms.days = terms.day_count * rules.cost_per_shoot_day
    per_cast = [cast_days(m, work.get(m.id, set()), payable) for m in production.cast]
    terms.cast = sum(c.cost for c in per_cast)
    return terms, per_cast
