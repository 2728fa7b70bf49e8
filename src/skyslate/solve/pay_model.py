"""Cast pay in the CP-SAT model, exactly as `skyslate.solve.costs` prices it.

Per actor: each possible work day costs the day rate; each payable calendar date
inside the actor's run (between a work day before and one after) on which they do not
work is a hold at the same rate, unless holds are not allowed, or the two work days
around it are far enough apart for a drop. `before`/`after` chains mark the run.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from skyslate.solve.costs import payable_dates

SCALE = 6000  # objective units per unit of money: overtime per minute at cent rates stays whole


def add_cast_pay(plan) -> None:
    """Pay per actor over calendar dates: work days, plus holds inside their run unless dropped."""
    m = plan.model
    dates = plan.instance.dates
    payable = set(payable_dates(plan.instance.production))
    # positions: every calendar date from the first to the last shoot date
    first, last = min(dates), max(dates)
    calendar = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    position = {d: i for i, d in enumerate(calendar)}
    worked_days: dict[int, list[int]] = defaultdict(list)
    for c, d in sorted(plan.work):
        worked_days[c].append(d)
    for member in plan.instance.production.cast:
        rate = round(member.rate_per_day * SCALE)
        days = worked_days.get(member.id, [])
        if not days or not rate:
            continue
        work = {position[dates[d]]: plan.work[(member.id, d)] for d in days}
        for literal in work.values():
            plan.objective_terms.append((literal, rate))
        if not member.hold_allowed:
            continue
        lo, hi = position[dates[days[0]]], position[dates[days[-1]]]
        holdable = [t for t in range(lo + 1, hi) if calendar[t] in payable]
        if member.drop_allowed:
            reach = member.drop_min_gap_days + 1  # work days further apart drop the actor
            for t in holdable:
                hold = None
                for t1 in (x for x in work if t - reach <= x < t):
                    for t2 in (x for x in work if t < x <= t + reach):
                        if t2 - t1 - 1 > member.drop_min_gap_days:
                            continue
                        if hold is None:
                            hold = m.new_bool_var("hold")
                            plan.objective_terms.append((hold, rate))
                        m.add(hold >= work[t1] + work[t2] - 1 - work.get(t, 0))
            continue
        before, after = {}, {}
        previous = None
        for t in range(lo, hi + 1):
            before[t] = m.new_bool_var("bf")
            if previous is not None:
                m.add_implication(previous, before[t])
            if t in work:
                m.add_implication(work[t], before[t])
            previous = before[t]
        previous = None
        for t in range(hi, lo - 1, -1):
            after[t] = m.new_bool_var("af")
            if previous is not None:
                m.add_implication(previous, after[t])
            if t in work:
                m.add_implication(work[t], after[t])
            previous = after[t]
        held = plan.bound.actors.get(member.id) if plan.bound is not None else None
        if held is not None and held.held_from is not None:
            # redundant: some work day falls on or before F and some on or after L
            # (bound.py), so the run covers F..L whatever the days chosen
            for t in range(max(lo, position[held.held_from]), hi + 1):
                m.add(before[t] == 1)
            for t in range(lo, min(hi, position[held.held_to]) + 1):
                m.add(after[t] == 1)
        for t in holdable:
            hold = m.new_bool_var("hold")
            # a hold: a payable date inside the actor's run on which they do not work
            m.add(hold >= before[t] + after[t] - 1 - work.get(t, 0))
            plan.objective_terms.append((hold, rate))
