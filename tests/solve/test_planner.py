"""Hand-worked productions whose cheapest schedule is known, solved and re-checked independently."""

from __future__ import annotations

from datetime import date

import pytest
from factory import Person, Rules, TaskRule, at, production, scene, windows
from validator import validate

from skyslate.errors import InfeasibleError
from skyslate.solve.planner import solve

FAST = {"time_limit_seconds": 10.0, "num_workers": 2, "random_seed": 1}


def solved(prod, **kw):
    """Solve, then insist the independent validator finds nothing wrong."""
    schedule = solve(prod, **{**FAST, **kw})
    plan = schedule.to_json(prod)
    assert validate(prod, plan) == []
    return schedule, plan


def test_expensive_actor_works_one_day():
    # Scenes of 4 h, 10 h of shooting a day: two scenes a day at most. Actor 2 (1000/day)
    # is in scenes 1 and 3, so they share a day; actor 1 (100/day) needs two days for
    # scenes 1, 2 and 4. By hand: 1000 + 2 x 100 + 2 days x 50 = 1300.
    prod = production(
        [scene(1, [1, 2], 240), scene(2, [1], 240), scene(3, [2], 240), scene(4, [1], 240)],
        {1: 100, 2: 1000},
        rules=Rules(cost_per_shoot_day=50),
    )
    schedule, plan = solved(prod)
    assert plan["cost"] == {"total": 1300, "cast": 1200, "overtime": 0, "moves": 0, "days": 100}
    assert schedule.optimal and schedule.gap == 0
    together = {
        e["number"]
        for d in plan["days"]
        for e in d["scenes"]
        if "3" in [x["number"] for x in d["scenes"]]
    }
    assert together == {"1", "3"}


def test_hold_day_is_paid_and_drop_is_not():
    # Actor 1 can only work on days 0 and 2; scene 3 (actor 2) only on day 1, so day 1
    # is a shoot day and actor 1 is held: 3 x 100 + 10 = 310. Dropped instead (a drop
    # needs more than 0 days off), actor 1 is paid 2 days: 200 + 10 = 210.
    def build(**cast_kw):
        return production(
            [
                scene(1, [1], 60, allowed=windows((0, 8, 18))),
                scene(2, [1], 60, allowed=windows((2, 8, 18))),
                scene(3, [2], 60, allowed=windows((1, 8, 18))),
            ],
            {1: 100, 2: 10},
            cast_kw={1: cast_kw},
        )

    held = build()
    _, plan = solved(held)
    assert plan["cost"]["cast"] == 310
    assert plan["dood"]["1"] == {"2021-10-05": "SW", "2021-10-06": "H", "2021-10-07": "WF"}
    assert plan["cast"][0]["hold_days"] == 1 and plan["cast"][0]["pay_days"] == 3

    dropped = build(drop_allowed=True, drop_min_gap_days=0)
    _, plan = solved(dropped)
    assert plan["cost"]["cast"] == 210
    assert plan["dood"]["1"]["2021-10-06"] == "D"


def test_director_doing_makeup_cannot_direct_at_the_same_time():
    # Kim directs both scenes and is the only makeup artist. Actor 2 is free from
    # 08:30 only, so Kim must make them up at 08:30 at the earliest; with the scene
    # window 08:00-10:00 both one-hour scenes no longer fit one day: 2 days x 100 + cast.
    people = [Person("Kim", ["director", "makeup"])]
    makeup = [TaskRule("makeup", "makeup", 15, "cast_first_scene_of_day")]
    both = windows((0, 8, 10), (1, 8, 10))
    scenes = [
        scene(1, [1], 60, people=["Kim"], allowed=both),
        scene(2, [2], 60, people=["Kim"], allowed=both),
    ]
    late = {2: {"availability": windows((0, 8.5, 20), (1, 8.5, 20))}}
    prod = production(
        scenes,
        {1: 10, 2: 10},
        days=2,
        people=people,
        tasks=makeup,
        rules=Rules(cost_per_shoot_day=100),
        cast_kw=late,
    )
    _, plan = solved(prod)
    assert plan["cost"]["days"] == 200
    # With a separate makeup artist the same scenes fit one day.
    people = [Person("Kim", ["director"]), Person("Ann", ["makeup"])]
    prod = production(
        scenes,
        {1: 10, 2: 10},
        days=2,
        people=people,
        tasks=makeup,
        rules=Rules(cost_per_shoot_day=100),
        cast_kw=late,
    )
    _, plan = solved(prod)
    assert plan["cost"]["days"] == 100
    assert {t["person"] for d in plan["days"] for t in d["tasks"]} == {"Ann"}


def test_overtime_is_cheaper_than_a_second_day():
    # Three 4 h scenes with one actor: one 12 h day costs 2 h overtime at 30/h = 60 against
    # a second shoot day at 500. By hand: 100 + 60 + 500 = 660.
    prod = production(
        [scene(i, [1], 240) for i in (1, 2, 3)],
        {1: 100},
        hours=("06:00", "20:00"),
        rules=Rules(max_hours_per_day=10, overtime_rate_per_hour=30, cost_per_shoot_day=500),
    )
    schedule, plan = solved(prod)
    assert plan["cost"] == {"total": 660, "cast": 100, "overtime": 60, "moves": 0, "days": 500}
    assert schedule.cost.overtime_minutes == 120


def test_company_move_takes_time_and_costs():
    # Two locations, one scene each, 08:00-10:00 windows, 60 min scenes and a 30 min
    # move: they cannot share a day (60 + 30 + 60 > 120); with a 0 min move they can,
    # paying one move (70) instead of a second day (100).
    scenes = [
        scene(1, [1], 60, location="North", allowed=windows((0, 8, 10), (1, 8, 10))),
        scene(2, [1], 60, location="South", allowed=windows((0, 8, 10), (1, 8, 10))),
    ]
    rules = Rules(company_move_minutes=30, cost_per_move=70, cost_per_shoot_day=100)
    prod = production(scenes, {1: 1}, days=2, locations=("North", "South"), rules=rules)
    _, plan = solved(prod)
    assert (plan["cost"]["days"], plan["cost"]["moves"]) == (200, 0)
    rules = Rules(company_move_minutes=0, cost_per_move=70, cost_per_shoot_day=100)
    prod = production(scenes, {1: 1}, days=2, locations=("North", "South"), rules=rules)
    _, plan = solved(prod)
    assert (plan["cost"]["days"], plan["cost"]["moves"]) == (100, 70)


def test_must_follow_is_kept():
    prod = production(
        [scene(1, [1], 60), scene(2, [1], 60, must_follow=["3"]), scene(3, [1], 60)],
        {1: 100},
    )
    _, plan = solved(prod)
    order = [e["number"] for d in plan["days"] for e in d["scenes"]]
    assert order.index("3") < order.index("2")


def test_split_scene_runs_in_two_windows():
    # 90 min of "sunlit" needed, windows of 60 min: only a split scene (pieces >= 30 min) fits.
    sunlit = windows((0, 8, 9), (0, 10, 11))
    prod = production([scene(9, [1], 90, allowed=sunlit, split_min_minutes=30)], {1: 100})
    prod.scenes[0].needs = ["sunlit"]
    _, plan = solved(prod)
    parts = plan["days"][0]["scenes"]
    assert [p["part"] for p in parts] == [[1, 2], [2, 2]]
    assert plan["unscheduled"] == []


def test_scene_longer_than_every_window_is_reported():
    sunlit = windows((0, 8, 9.15), (1, 8, 9), (2, 10, 10.5))  # longest: 69 min
    prod = production([scene(9, [1], 70, allowed=sunlit), scene(1, [1], 30)], {1: 100})
    prod.scenes[0].needs = ["sunlit"]
    _, plan = solved(prod)
    assert plan["unscheduled"] == [
        {
            "number": "9",
            "why": "scene 9 needs sunlit for 70 min; the longest such window "
            "in 2021-10-05..2021-10-07 is 69 min",
        }
    ]


def test_scene_outside_its_actors_hours_is_reported():
    # A cosmonaut is free 18:00-21:00 only; the scene needs 4 h.
    prod = production(
        [scene(5, [2], 240, allowed=windows((0, 8, 22)))],
        {2: 100},
        cast_kw={2: {"availability": windows((0, 18, 21))}},
    )
    _, plan = solved(prod)
    assert plan["unscheduled"][0]["why"] == (
        "scene 5 needs cast 2 (Actor 2) for 240 min within the shooting hours; "
        "they are free for at most 180 min at a time then in 2021-10-05..2021-10-07"
    )


def test_conflicting_scenes_explain_themselves():
    # Both scenes need actor 1 in the same single hour: each alone fits, together not.
    hour = windows((0, 8, 9))
    prod = production(
        [scene(1, [1], 60, allowed=hour), scene(2, [1], 60, allowed=hour), scene(3, [2], 30)],
        {1: 100, 2: 100},
    )
    with pytest.raises(InfeasibleError) as caught:
        solve(prod, **FAST)
    texts = [c.text for c in caught.value.conflicts]
    assert texts == [
        "scene 1 is shot (60 min within shooting hours) with cast 1, possible on 2021-10-05",
        "scene 2 is shot (60 min within shooting hours) with cast 1, possible on 2021-10-05",
    ]


def test_a_move_that_makes_two_scenes_clash_is_named():
    # Scene 1 at the Studio 08:00-09:00, scene 2 in the Yard 09:30-10:30, same actor:
    # each fits, and they would fit together but for the 60-minute move.
    prod = production(
        [
            scene(1, [1], 60, allowed=windows((0, 8, 9))),
            scene(2, [1], 60, location="Yard", allowed=windows((0, 9.5, 10.5))),
            scene(3, [2], 60),
        ],
        {1: 10, 2: 5},
        days=2,
        locations=("Studio", "Yard"),
        rules=Rules(cost_per_shoot_day=10, company_move_minutes=60),
    )
    with pytest.raises(InfeasibleError) as caught:
        solve(prod, **FAST)
    assert [c.text for c in caught.value.conflicts] == [
        "scene 1 is shot (60 min within shooting hours) with cast 1, possible on 2021-10-05",
        "scene 2 is shot (60 min within shooting hours) with cast 1, possible on 2021-10-05",
        "a company move between Studio and Yard takes 60 min",
    ]


def test_missing_role_is_explained():
    prod = production(
        [scene(1, [1], 60)],
        {1: 1},
        tasks=[TaskRule("makeup", "makeup", 15, "cast_first_scene_of_day")],
    )
    with pytest.raises(InfeasibleError) as caught:
        solve(prod, **FAST)
    assert caught.value.conflicts[0].text == (
        "makeup (15 min) needs a person with the role makeup; nobody in the production has it"
    )


def test_lighting_setup_at_each_set():
    people = [Person("Lee", ["lighting", "camera"])]
    rule = [TaskRule("lighting", "lighting", 30, "set_change")]
    prod = production(
        [scene(1, [1], 60, set="A", people=["Lee"]), scene(2, [1], 60, set="B", people=["Lee"])],
        {1: 100},
        days=1,
        people=people,
        tasks=rule,
    )
    _, plan = solved(prod)
    tasks = plan["days"][0]["tasks"]
    assert sorted(t["scene"] for t in tasks) == ["1", "2"]


def test_rescheduling_keeps_shot_days_and_moves_little():
    scenes = [scene(i, [1 + i % 2], 240) for i in range(1, 7)]
    prod = production(scenes, {1: 100, 2: 100}, days=5, rules=Rules(cost_per_shoot_day=10))
    first, plan = solved(prod)
    shot = plan["days"][0]
    # Actor 2 falls ill on the second shoot date of the old plan.
    ill_day = date.fromisoformat(plan["days"][1]["date"])
    index = (ill_day - date(2021, 10, 5)).days
    free = [(d, 0, 24) for d in range(5) if d != index]
    prod.cast[1].availability = windows(*free)
    second, replan = solved(prod, baseline=plan, freeze_through=date.fromisoformat(shot["date"]))
    assert replan["days"][0]["scenes"] == shot["scenes"]
    moved = set(second.changed_scenes)
    ill_scenes = {e["number"] for e in plan["days"][1]["scenes"] if 2 in e["cast"]}
    assert ill_scenes <= moved
    for day in replan["days"]:
        assert day["date"] != ill_day.isoformat() or all(2 not in e["cast"] for e in day["scenes"])


def test_progress_reports_costs_and_bound():
    seen = []
    prod = production([scene(1, [1], 60), scene(2, [1], 60)], {1: 100})
    solve(prod, progress=lambda *a: seen.append(a), **FAST)
    # The seed's cost comes first: two scenes, one actor, one day at 100.
    assert seen[0][1:] == ("seeded (greedy packing)", 100, None)
    assert seen[1][1] == "model built"
    assert seen[-1] == (1.0, "done", 100, 100)


def test_times_are_utc_with_z_and_days_numbered():
    prod = production([scene(1, [1], 60, allowed=windows((1, 9, 12)))], {1: 100})
    _, plan = solved(prod)
    assert plan["days"][0]["number"] == 1
    assert plan["days"][0]["scenes"][0]["start"] == at(1, 9).isoformat().replace("+00:00", "Z")


def test_neighbourhood_search_keeps_schedules_sound_and_beats_the_first_ad():
    from skyslate.solve.greedy import greedy_schedule

    # Twelve scenes over six days, actors spread through the script: the first AD's
    # script-order packing holds actors for days; LNS must do no worse and stay valid.
    scenes = [scene(i, [1 + i % 3, 4] if i % 4 == 0 else [1 + i % 3], 150) for i in range(1, 13)]
    prod = production(
        scenes, {1: 300, 2: 200, 3: 100, 4: 500}, days=6, rules=Rules(cost_per_shoot_day=100)
    )
    first_ad = greedy_schedule(prod).cost.total
    schedule, plan = solved(prod, lns=True, time_limit_seconds=6.0)
    assert plan["cost"]["total"] <= first_ad
    assert schedule.lower_bound <= plan["cost"]["total"]


def test_circular_order_is_explained():
    prod = production(
        [scene(1, [1], 60, must_follow=["2"]), scene(2, [1], 60, must_follow=["1"])], {1: 100}
    )
    with pytest.raises(InfeasibleError) as caught:
        solve(prod, **FAST)
    texts = sorted(c.text for c in caught.value.conflicts)
    assert "scene 1 must follow scene 2" in texts and "scene 2 must follow scene 1" in texts


def test_days_off_are_never_holds_but_a_hiatus_is():
    # Actor 1 works 2021-10-05 and 2021-10-08 (allowed only then); scene 3 pins a shoot
    # day in between. Days 6 and 7 are company days off: paid 2 work days + 0 holds...
    def build(days_off):
        prod = production(
            [
                scene(1, [1], 60, allowed=windows((0, 8, 18))),
                scene(2, [1], 60, allowed=windows((3, 8, 18))),
            ],
            {1: 100},
            days=4,
        )
        prod.shoot_dates = [d for d in prod.shoot_dates if d not in days_off]
        prod.days_off = list(days_off)
        return prod

    weekend = [date(2021, 10, 6), date(2021, 10, 7)]
    _, plan = solved(build(weekend))
    assert plan["cost"]["cast"] == 200
    assert plan["dood"]["1"] == {
        "2021-10-05": "SW",
        "2021-10-06": "",
        "2021-10-07": "",
        "2021-10-08": "WF",
    }
    # ...while the same two dates as a hiatus (no shoot dates, not days off) are held.
    prod = build([])
    prod.shoot_dates = [date(2021, 10, 5), date(2021, 10, 8)]
    _, plan = solved(prod)
    assert plan["cost"]["cast"] == 400
    assert plan["cast"][0]["hold_days"] == 2


def test_move_time_between_named_locations():
    # 08:00-11:00 windows, 60 min scenes: with a 60 min move both fit one day
    # (60 + 60 + 60 = 180 min), with a 150 min move they need two.
    both = windows((0, 8, 11), (1, 8, 11))
    scenes = [
        scene(1, [1], 60, location="North", allowed=both),
        scene(2, [1], 60, location="South", allowed=both),
    ]
    for minutes, shoot_days in ((60, 1), (150, 2)):
        rules = Rules(cost_per_shoot_day=100, cost_per_move=10, company_move_minutes=0)
        rules.move_minutes_between = {("North", "South"): minutes, ("South", "North"): minutes}
        prod = production(scenes, {1: 1}, days=2, locations=("North", "South"), rules=rules)
        _, plan = solved(prod)
        assert len(plan["days"]) == shoot_days


def test_rescheduling_reports_a_scene_only_frozen_days_could_take():
    prod = production(
        [
            scene(1, [1], 60, allowed=windows((0, 8, 18))),
            scene(2, [1], 60, allowed=windows((1, 8, 18))),
        ],
        {1: 100},
    )
    _, plan = solved(prod)
    # The window of scene 2 moves to the first day, which is already shot.
    prod.scenes[1].allowed = windows((0, 13, 18))
    schedule, replan = solved(prod, baseline=plan, freeze_through=date(2021, 10, 5))
    assert replan["unscheduled"] == [
        {"number": "2", "why": "scene 2 fits only on days up to 2021-10-05, which are shot"}
    ]
    assert [e["number"] for d in replan["days"] for e in d["scenes"]] == ["1"]


def test_plan_json_has_the_contract_keys():
    people = [Person("Kim", ["director", "makeup"])]
    prod = production(
        [scene(1, [1], 60, people=["Kim"])],
        {1: 100},
        people=people,
        tasks=[TaskRule("makeup", "makeup", 15, "cast_first_scene_of_day")],
    )
    _, plan = solved(prod)
    contract = {
        "production",
        "cost",
        "lower_bound",
        "optimal",
        "gap",
        "locations",
        "cast",
        "days",
        "unscheduled",
        "violations",
        "dood",
    }
    extras = {"version", "people", "days_off"}  # optional keys the reports read
    assert set(plan) == contract | extras
    assert set(plan["cost"]) == {"total", "cast", "overtime", "moves", "days"}
    assert set(plan["locations"][0]) == {"name", "kind", "lat", "lon", "tz", "element_sets"}
    assert {
        "id",
        "name",
        "actor",
        "rate_per_day",
        "first_day",
        "last_day",
        "work_days",
        "hold_days",
        "pay_days",
        "cost",
    } <= set(plan["cast"][0])
    day = plan["days"][0]
    assert set(day) == {"date", "number", "location", "light", "scenes", "tasks"}
    assert set(day["scenes"][0]) == {
        "number",
        "set",
        "location",
        "start",
        "end",
        "eighths",
        "cast",
        "people",
        "needs",
    }
    assert set(day["tasks"][0]) == {"kind", "person", "scene", "start", "end", "cast"}
    assert plan["version"] == 1 and plan["violations"] == []
