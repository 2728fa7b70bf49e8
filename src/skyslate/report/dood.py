"""Day Out of Days codes, the way a DOOD report writes them (FIELD-NOTES Part A §2.4)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

WORK_CODES = {"SW", "W", "WF", "SWF", "PW", "PWF"}


@dataclass(frozen=True)
class DoodRule:
    """What the DOOD may do with one cast member between work days."""

    hold_allowed: bool = True
    drop_allowed: bool = False
    drop_min_gap_days: int = 10  # a drop needs more than this many calendar days between work days


def codes_for(work_dates: set[date], shoot_dates: set[date], rule: DoodRule) -> dict[date, str]:
    """One cast member's codes by date: SW/W/WF/SWF on work days, H or D/PW between them.

    H falls only on shoot days between the first and last work day (company days
    off are never holds). When a drop is allowed and two work days are more than
    `drop_min_gap_days` calendar days apart with shoot days between, the actor is
    dropped (D on the first such shoot day, off payroll after) and picked up (PW).
    """
    days = sorted(work_dates)
    if not days:
        return {}
    codes: dict[date, str] = {day: "W" for day in days}
    if len(days) == 1:
        codes[days[0]] = "SWF"
        return codes
    for before, after in zip(days, days[1:], strict=False):
        between = sorted(d for d in shoot_dates if before < d < after)
        if not between:
            continue
        gap_days = (after - before).days - 1
        if rule.drop_allowed and gap_days > rule.drop_min_gap_days:
            codes[between[0]] = "D"
            codes[after] = "PW"
        elif rule.hold_allowed:
            codes.update(dict.fromkeys(between, "H"))
    codes[days[0]] = "SW"
    codes[days[-1]] = "PWF" if codes[days[-1]] == "PW" else "WF"
    return codes


def compute_dood(plan: dict) -> dict[str, dict[str, str]]:
    """Codes for every cast member of a plan json, from its days (used when it has no `dood`)."""
    shoot_dates = {date.fromisoformat(day["date"]) for day in plan["days"]}
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
            for day, code in codes_for(dates, shoot_dates, rules.get(board_id, DoodRule())).items()
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
