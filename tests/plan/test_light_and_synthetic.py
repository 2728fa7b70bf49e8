"""day_light for call sheets, and the seeded synthetic feature the benchmarks use."""

from __future__ import annotations

from datetime import date, datetime

from skyslate.plan.explain import presolve_conflicts
from skyslate.plan.light import day_light
from skyslate.plan.synthetic import synthetic_feature, synthetic_project


def test_ground_light_of_a_moscow_day(demo_production):
    light = day_light(demo_production.location("Moscow"), date(2021, 9, 14))
    # Skyfield's almanac.find_risings / find_settings for this site give 05:59:25 and 18:49:28 MSK
    assert light["sunrise"].startswith("2021-09-14T05:59") and light["sunrise"].endswith("+03:00")
    assert light["sunset"].startswith("2021-09-14T18:49")
    assert len(light["golden_hour"]) == 2 and light["polar"] is None


def test_orbit_light_lies_in_the_shooting_hours(demo_production):
    light = day_light(demo_production.location("ISS"), date(2021, 10, 10))
    assert set(light) == {"sunlit", "umbra", "contacts"}
    assert 8 <= len(light["sunlit"]) <= 10  # 13.5 h of a 93-minute orbit
    for start, end in light["sunlit"] + light["umbra"] + light["contacts"]["MOSCOW"]:
        assert "2021-10-10T08:00:00Z" <= start < end <= "2021-10-10T21:30:00Z"
    sunlit_end = datetime.fromisoformat(light["sunlit"][1][1])
    umbra_start = datetime.fromisoformat(light["umbra"][1][0])
    assert 0 < (umbra_start - sunlit_end).total_seconds() < 30  # the penumbra between them


def test_orbit_light_before_docking_is_empty(demo_production):
    light = day_light(demo_production.location("ISS"), date(2021, 10, 4))
    assert light == {"sunlit": [], "umbra": [], "contacts": {"MOSCOW": []}}


def test_the_synthetic_feature_is_seeded_and_sized():
    text_a, breakdown_a = synthetic_project(seed=7)
    text_b, breakdown_b = synthetic_project(seed=7)
    assert text_a == text_b and breakdown_a == breakdown_b
    assert synthetic_project(seed=8)[0] != text_a
    production = synthetic_feature(seed=0)
    assert (
        len(production.scenes),
        len(production.cast),
        len(production.people),
        len(production.locations),
    ) == (120, 30, 10, 8)
    assert len(production.shoot_dates) == 35
    assert {w for s in production.scenes for w in s.needs} == {"day", "night", "golden_hour"}
    assert presolve_conflicts(production) == []


def test_day_light_is_memoised_and_safe_to_change(demo_production):
    moscow = demo_production.location("Moscow")
    first = day_light(moscow, date(2021, 9, 15))
    first["golden_hour"].clear()  # a caller's change must not reach the next caller
    again = day_light(moscow, date(2021, 9, 15))
    assert len(again["golden_hour"]) == 2
    assert day_light(moscow, date(2021, 9, 16))["sunrise"] != again["sunrise"]
