"""The demo production: what each scene resolves to, and its windows checked against Skyfield."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest

from skyslate.plan.explain import presolve_conflicts


def job(production, number):
    return next(s for s in production.scenes if s.number == number)


def test_the_demo_loads_with_every_scene_placeable(demo_production):
    p = demo_production
    assert p.title == "The Challenge"
    assert [loc.name for loc in p.locations] == [
        "ISS",
        "Moscow",
        "Star City",
        "Baikonur",
        "Kazakh steppe",
    ]
    assert len(p.scenes) == 27 and len(p.cast) == 10
    assert presolve_conflicts(p) == []
    # no location is free between the ground block and the docking: those dates are not shoot dates
    assert date(2021, 9, 30) not in p.shoot_dates
    assert date(2021, 9, 19) not in p.shoot_dates  # the holiday
    assert p.shoot_dates[0] == date(2021, 9, 13) and p.shoot_dates[-1] == date(2021, 10, 17)
    # the holiday is a company day off (never a hold); the hiatus before the docking is not
    assert p.days_off == [date(2021, 9, 19)]
    assert p.calendar_dates[0] == date(2021, 9, 13) and len(p.calendar_dates) == 35


def test_weekdays_off_and_holidays_are_days_off():
    from skyslate.plan.synthetic import synthetic_feature

    p = synthetic_feature(seed=0)
    assert p.days_off and all(d.weekday() == 6 for d in p.days_off)  # its Sundays
    assert set(p.days_off) == {d for d in p.calendar_dates if d.weekday() == 6}
    assert not set(p.days_off) & set(p.shoot_dates)


def test_scenes_resolve_sets_cast_and_needs(demo_production):
    p = demo_production
    cupola = job(p, "23")
    assert (cupola.location, cupola.set, cupola.needs) == (
        "ISS",
        "CUPOLA",
        ["sunlit", "ground_day"],
    )
    assert cupola.cast == [1, 2] and cupola.people == ["Klim Shipenko"]
    assert job(p, "16").needs == ["umbra"]  # the scene override beats the set's needs
    assert job(p, "17").needs == ["contact:MOSCOW"] and job(p, "17").cast == [
        1,
        2,
        3,
        4,
    ]  # GURIN only heard
    assert job(p, "24").set == "SOYUZ MS-18 (DOCKED)" and job(p, "13").set == "SOYUZ SIMULATOR"
    assert job(p, "8").set == "STAR CITY"  # "STAR CITY - TRAINING POOL" by its prefix
    assert job(p, "26").needs == ["night"]  # EXT NIGHT on the ground by default
    assert job(p, "7").needs == []  # INT needs nothing
    assert job(p, "14").needs == []  # station interiors need nothing unless the file says so
    assert job(p, "4").duration_minutes == 7 * 20 and job(p, "10").duration_minutes == 45
    assert job(p, "20").must_follow == ["19"]


def test_cosmonauts_are_free_only_off_duty_and_at_weekends(demo_production):
    sabirov = demo_production.cast_member(3)
    free = sabirov.availability
    wednesday = datetime(2021, 10, 6, tzinfo=UTC)
    assert free.clip(wednesday, wednesday + timedelta(days=1)).to_pairs() == [
        (datetime(2021, 10, 6, 18, tzinfo=UTC), datetime(2021, 10, 6, 21, tzinfo=UTC))
    ]
    saturday = datetime(2021, 10, 9, tzinfo=UTC)
    assert free.clip(saturday, saturday + timedelta(days=1)).total() == timedelta(days=1)
    assert (
        free.contains(
            datetime(2021, 10, 5, 12, 0, tzinfo=UTC), datetime(2021, 10, 5, 12, 1, tzinfo=UTC)
        )
        is False
    )


def test_company_moves_by_pair(demo_production):
    rules = demo_production.rules
    assert rules.move_minutes("Star City", "Moscow") == 60
    assert rules.move_minutes("Baikonur", "Star City") == 600
    assert rules.move_minutes("ISS", "Moscow") == 90  # rules.company_move_minutes
    assert rules.move_minutes("ISS", "ISS") == 0


def test_the_reboost_switch_reaches_the_platform(demo_production):
    iss = demo_production.location("ISS")
    assert iss.switch_times_utc == [datetime(2021, 10, 12, 7, 5, tzinfo=UTC)]
    assert list(iss.platform.switch_times) == [datetime(2021, 10, 12, 7, 5, tzinfo=UTC)]


def test_allowed_is_needs_within_hours_and_docking(demo_production):
    """Recomputed here straight from the sky engine, not through the builder's cache."""
    from skyslate.sky.orbit import orbit_windows
    from skyslate.sky.windows import Windows

    p = demo_production
    iss = p.location("ISS")
    docked = (datetime(2021, 10, 5, 12, 22, tzinfo=UTC), datetime(2021, 10, 17, 1, 14, tzinfo=UTC))
    sunlit = orbit_windows(iss.platform, "sunlit", *docked)
    ground_day = orbit_windows(iss.platform, "ground_day", *docked)
    hours = Windows(
        [
            (datetime(2021, 10, d, 8, tzinfo=UTC), datetime(2021, 10, d, 21, 30, tzinfo=UTC))
            for d in range(5, 17)
        ]
    )
    expected = sunlit.intersection(ground_day).intersection(hours)
    got = job(p, "23").allowed
    assert len(got) == len(expected)
    for a, b in zip(got, expected, strict=True):
        assert (
            abs((a.start - b.start).total_seconds()) < 1
            and abs((a.end - b.end).total_seconds()) < 1
        )


@pytest.fixture(scope="module")
def skyfield_iss(demo_production):
    """Skyfield's own satellite for the element set in force at each time."""
    from skyfield.api import EarthSatellite

    from skyslate.sky.ephemeris import timescale

    platform = demo_production.location("ISS").platform
    ts = timescale()
    satellites = [EarthSatellite(s.line1, s.line2, "ISS", ts) for s in platform.element_sets]

    def at(moment):
        index = int(platform.set_index(np.array([moment.timestamp()]))[0])
        return satellites[index]

    return at


def test_cupola_windows_are_sunlit_over_the_day_side_per_skyfield(demo_production, skyfield_iss):
    from skyfield.api import wgs84

    from skyslate.sky.ephemeris import ephemeris, timescale

    eph, ts = ephemeris(), timescale()
    windows = job(demo_production, "23").allowed
    assert len(windows) > 20
    for window in list(windows)[::5]:
        middle = window.start + window.duration / 2
        t = ts.from_datetime(middle)
        sat = skyfield_iss(middle)
        assert sat.at(t).is_sunlit(eph)  # Skyfield's own shadow test (sun centre behind a sphere)
        below = wgs84.subpoint_of(sat.at(t))
        sun_altitude = (
            (eph["earth"] + below).at(t).observe(eph["sun"]).apparent().altaz()[0].degrees
        )
        assert sun_altitude > -0.833


def test_umbra_and_contact_windows_per_skyfield(demo_production, skyfield_iss):
    from skyfield.api import wgs84

    from skyslate.sky.ephemeris import ephemeris, timescale

    eph, ts = ephemeris(), timescale()
    for window in list(job(demo_production, "16").allowed)[::7]:
        middle = window.start + window.duration / 2
        assert not skyfield_iss(middle).at(ts.from_datetime(middle)).is_sunlit(eph)
    moscow = wgs84.latlon(55.92, 38.0)
    contacts = job(demo_production, "17").allowed
    assert 40 <= len(contacts) <= 70  # about five passes a day over 12 days, within shooting hours
    for window in contacts:
        middle = window.start + window.duration / 2
        t = ts.from_datetime(middle)
        elevation = (skyfield_iss(middle) - moscow).at(t).altaz()[0].degrees
        assert elevation > 5.0


def test_golden_hour_windows_per_skyfield(demo_production):
    from skyfield.api import wgs84

    from skyslate.sky.ephemeris import ephemeris, timescale

    eph, ts = ephemeris(), timescale()
    star_city = eph["earth"] + wgs84.latlon(55.8783, 38.1117)
    windows = job(demo_production, "10").allowed
    assert 8 <= len(windows) <= 9  # one evening golden hour a day on the block's shoot days
    for window in windows:
        for fraction in (0.02, 0.5, 0.98):
            t = ts.from_datetime(window.start + window.duration * fraction)
            altitude = star_city.at(t).observe(eph["sun"]).apparent().altaz()[0].degrees
            assert -4.0 < altitude < 6.0


def test_a_scene_with_its_own_hours_keeps_to_them(demo_production):
    """[scenes.12] hours = "05:00-10:00": the DAWN pad scene gets the morning golden hour only."""
    from zoneinfo import ZoneInfo

    pad = job(demo_production, "12")
    zone = ZoneInfo("Asia/Almaty")
    windows = list(pad.allowed)
    assert len(windows) == 4  # one dawn per Baikonur day, 22-25 Sep
    for window in windows:
        start, end = window.start.astimezone(zone), window.end.astimezone(zone)
        assert start.date() == end.date() and start.hour >= 5 and (end.hour, end.minute) <= (10, 0)
    # without the override the evening golden hour would be allowed too
    evening = demo_production.sky.windows(demo_production.location("Baikonur"), "golden_hour")
    assert any(w.start.astimezone(zone).hour >= 17 for w in evening)
