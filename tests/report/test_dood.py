"""Day Out of Days codes against cases worked out by hand (rules: FIELD-NOTES Part A §2.4, after MMS)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from skyslate.report.dood import DoodRule, codes_for, compute_dood, totals

OCT = [date(2021, 10, d) for d in range(1, 32)]


def d(day: int) -> date:
    return date(2021, 10, day)


def test_single_day_cast_is_swf():
    assert codes_for({d(12)}, {d(11), d(12), d(13)}, DoodRule()) == {d(12): "SWF"}


def test_holds_fall_on_shoot_days_only_never_on_days_off():
    # shoot Tue 5, Wed 6, (Thu 7 off), Fri 8; works 5 and 8
    shoot = {d(5), d(6), d(8)}
    assert codes_for({d(5), d(8)}, shoot, DoodRule()) == {d(5): "SW", d(6): "H", d(8): "WF"}


def test_no_hold_before_first_or_after_last_work_day():
    shoot = {d(k) for k in range(1, 11)}
    codes = codes_for({d(4), d(6)}, shoot, DoodRule())
    assert codes == {d(4): "SW", d(5): "H", d(6): "WF"}


def test_hold_not_allowed_means_drop_and_pick_up():
    # an actor who may not be held is released after each job and hired again
    shoot = {d(5), d(6), d(7), d(8)}
    assert codes_for({d(5), d(7), d(8)}, shoot, DoodRule(hold_allowed=False)) == {
        d(5): "SW",
        d(6): "D",
        d(7): "PW",
        d(8): "WF",
    }


def test_drop_and_pick_up_need_more_than_the_minimum_gap():
    # works Fri 8 and Thu 14, shoot days 9, 11, 12, 13 between; 5 calendar days between work days
    shoot = {d(8), d(9), d(11), d(12), d(13), d(14), d(15)}
    work = {d(5), d(8), d(14), d(15)}
    dropped = codes_for(work, shoot | {d(5)}, DoodRule(drop_allowed=True, drop_min_gap_days=3))
    assert dropped == {d(5): "SW", d(8): "W", d(9): "D", d(14): "PW", d(15): "WF"}
    # the same gap under a 5-day rule is not "more than 5": held instead
    held = codes_for(work, shoot | {d(5)}, DoodRule(drop_allowed=True, drop_min_gap_days=5))
    assert held == {
        d(5): "SW",
        d(8): "W",
        d(9): "H",
        d(11): "H",
        d(12): "H",
        d(13): "H",
        d(14): "W",
        d(15): "WF",
    }


def test_no_drop_across_days_off_alone():
    # ten days apart but no shoot day between: nothing to drop, nothing to hold
    assert codes_for(
        {d(1), d(12)}, {d(1), d(12)}, DoodRule(drop_allowed=True, drop_min_gap_days=3)
    ) == {
        d(1): "SW",
        d(12): "WF",
    }


def test_drop_falls_the_day_after_work_even_on_a_day_off():
    # works Fri 1 and Wed 6; Sat 2 and Sun 3 are company days off; shoot Mon 4, Tue 5
    hold_dates = {d(1), d(4), d(5), d(6)}
    assert codes_for(
        {d(1), d(6)}, hold_dates, DoodRule(drop_allowed=True, drop_min_gap_days=2)
    ) == {
        d(1): "SW",
        d(2): "D",
        d(6): "WF",
    }


def test_hiatus_days_are_holds_when_the_plan_lists_company_days_off(plan):
    """LEAD 15:31 (CHANGES.md): dates without shooting that are not company days off are holds."""
    plan.pop("dood")
    plan["days_off"] = ["2021-10-07"]  # Sunday 10 October is then a hiatus day, not a day off
    codes = compute_dood(plan)
    assert codes["3"]["2021-10-10"] == "H" and "2021-10-07" not in codes["3"]
    assert codes["1"]["2021-10-10"] == "H"


def test_fixture_codes_match_the_codes_worked_by_hand(plan):
    """The plan fixture's `dood` was written by hand; computing it from the days must agree."""
    by_hand = plan.pop("dood")
    assert compute_dood(plan) == by_hand
    # cast 2: SW, hold across the Thursday off, W, dropped, picked up
    assert by_hand["2"] == {
        "2021-10-05": "SW",
        "2021-10-06": "H",
        "2021-10-08": "W",
        "2021-10-09": "D",
        "2021-10-14": "PW",
        "2021-10-15": "WF",
    }
    assert by_hand["4"] == {"2021-10-12": "SWF"}
    assert "2021-10-07" not in by_hand["3"] and by_hand["3"]["2021-10-08"] == "H"


def test_totals_count_work_hold_and_drop():
    codes = {"a": "SW", "b": "H", "c": "D", "d": "PW", "e": "WF"}
    assert totals(codes) == {"work": 3, "hold": 1, "drop": 1}


@given(
    work=st.sets(st.sampled_from(OCT), min_size=1, max_size=12),
    off=st.sets(st.sampled_from(OCT), max_size=10),
    drop=st.booleans(),
    gap=st.integers(0, 12),
)
def test_codes_keep_the_dood_rules(work, off, drop, gap):
    shoot = (set(OCT) - off) | work
    codes = codes_for(work, shoot, DoodRule(drop_allowed=drop, drop_min_gap_days=gap))
    first, last = min(work), max(work)
    worked = sorted(work)
    for day, code in codes.items():
        assert first <= day <= last
        assert (code in {"H", "D"}) == (day not in work)
        if code == "H":
            assert day in shoot, "a hold on a company day off"
        if code == "D":  # the day after a work day, and a pick-up follows
            assert day - timedelta(days=1) in work and any(w > day for w in worked)
    assert sum(c.startswith("S") for c in codes.values()) == 1
    assert sum(c.endswith("F") for c in codes.values()) == 1
    assert totals(codes)["work"] == len(work)
    if not drop:  # holds allowed and no drop: every shoot day from first to last is coded
        span = [first + timedelta(days=k) for k in range((last - first).days + 1)]
        assert all(day in codes for day in span if day in shoot)
