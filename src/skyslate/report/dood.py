"""Day Out of Days codes, the way a DOOD report writes them (FIELD-NOTES Part A §2.4)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

WORK_CODES = {"SW", "W", "WF", "SWF", "PW"}


@dataclass(frozen=True)
class DoodRule:
    """What the DOOD may do with one cast member between work days."""

    hold_allowed: bool = True
    drop_allowed: bool = False
    drop_min_gap_days: int = 10  # a drop needs more than this many calendar days between work days


def codes_for(work_dates: set[date], hold_dates: set[date], rule: DoodRule) -> dict[date, str]:
    """One cast member's codes by date: SW/W/WF/SWF on work days, H or D/PW between them.

    `hold_dates` are the dates a hold may fall on (shoot days, and hiatus days the
    company is still engaged; never company days off). Between two work days with
    such dates in between, the actor is held (H on each) or, when holds are not
    allowed or a drop is allowed and the work days are more than
    `drop_min_gap_days` calendar days apart, dropped: D the day after the last work
    day, PW on the pick-up (the same conventions as `skyslate.solve.costs`).
    """
    days = sorted(work_dates)
    if not days:
        return {}
    if len(days) == 1:
        return {days[0]: "SWF"}
    codes: dict[date, str] = {}
    picked_up: set[date] = set()
    for before, after in zip(days, days[1:], strict=False):
        between = sorted(d for d in hold_dates if before < d < after)
        if not between:
            continue
        gap_days = (after - before).days - 1
        if not rule.hold_allowed or (rule.drop_allowed and gap_days > rule.drop_min_gap_days):
            codes[before + timedelta(days=1)] = "D"
            picked_up.add(after)
        else:
            codes.update(dict.fromkeys(between, "H"))
    for day in days:
        codes[day] = "PW" if day in picked_up else "W"
    codes[days[0]] = "SW"
    codes[days[-1]] = "WF"
    return codes


def compute_dood(plan: dict) -> dict[str, dict[str, str]]:
    """Codes for every cast member of a plan json, from its days (used when it has no `dood`).

    Holds fall on shoot days, and on other dates between them unless the plan lists
    them in `days_off` (company days off) or `holidays`; a plan without `days_off`
    treats every date without shooting as a company day off.
    """
    shoot_dates = {date.fromisoformat(day["date"]) for day in plan["days"]}
    hold_dates = set(shoot_dates)
    if "days_off" in plan and shoot_dates:
        off = {date.fromisoformat(d) for d in plan["days_off"]} | {
            date.fromisoformat(d) for d in plan.get("holidays", [])
        }
        first, last = min(shoot_dates), max(shoot_dates)
        span = (first + timedelta(days=k) for k in range((last - first).days + 1))
        hold_dates = {d for d in span if d not in off}
    work: dict[int, set[date]] = {member["id"]: set() for member in plan["cast"]}
    for day in plan["days"]:
        when = date.fromisoformat(day["date"])
        for scene in day["scenes"]:
            for board_id in scene["cast"]:
                work.setdefault(board_id, set()).add(when)
    rules = {member["id"]: rule_of(member) for member in plan["cast"]}
    return {
        str(board_id): {
            day.isoformat(): code
            for day, code in codes_for(dates, hold_dates, rules.get(board_id, DoodRule())).items()
        }
        for board_id, dates in work.items()
    }


def rule_of(member: dict) -> DoodRule:
    """The DOOD rule a plan's cast entry carries (optional keys; defaults hold yes, drop no)."""
    return DoodRule(
        hold_allowed=bool(member.get("hold_allowed", True)),
        drop_allowed=bool(member.get("drop_allowed", False)),
        drop_min_gap_days=int(member.get("drop_min_gap_days", 10)),
    )


def totals(codes: dict[str, str]) -> dict[str, int]:
    """Work, hold and drop counts of one cast member's codes."""
    values = list(codes.values())
    return {
        "work": sum(code in WORK_CODES for code in values),
        "hold": values.count("H"),
        "drop": values.count("D"),
    }
