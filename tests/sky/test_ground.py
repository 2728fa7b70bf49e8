"""Ground light against outside figures: Skyfield's documented almanac examples (USNO definitions)
and Skyfield's own rise/set search run in the test."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest

from skyslate.errors import SkyError
from skyslate.sky.ground import LIGHTS, Site, ground_days, ground_windows, sun_altitude_degrees
from skyslate.sky.windows import Windows


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def seconds_apart(a: datetime, b: datetime) -> float:
    return abs((a - b).total_seconds())


# Golden values: Skyfield documentation, "Almanac Computation" (documentation/almanac.rst,
# Skyfield 1.4x), which follows the USNO rise/set definitions (https://aa.usno.navy.mil/faq/RST_defs)
# and says its minutes agree with the USNO tables.
BLUFFTON = Site(40.8939, -83.8917, "America/New_York", name="Bluffton, Ohio")


def test_bluffton_sunrise_and_sunset_match_the_published_almanac():
    days = ground_days(BLUFFTON, date(2018, 9, 12), date(2018, 9, 13))
    expected = [
        ("2018-09-12T11:13:12Z", "2018-09-12T23:49:38Z"),
        ("2018-09-13T11:14:12Z", "2018-09-13T23:47:56Z"),
    ]
    for day, (sunrise, sunset) in zip(days, expected, strict=True):
        assert seconds_apart(day["sunrise"], utc(sunrise)) < 2
        assert seconds_apart(day["sunset"], utc(sunset)) < 2
        assert day["polar"] is None
        # times are given in the site's own offset (EDT)
        assert day["sunrise"].utcoffset() == timedelta(hours=-4)


def test_bluffton_moonrise_and_moonset_match_the_published_almanac():
    days = ground_days(BLUFFTON, date(2023, 12, 27), date(2023, 12, 28))
    assert seconds_apart(days[0]["moon"]["rise"], utc("2023-12-27T22:40:11Z")) < 3
    assert seconds_apart(days[0]["moon"]["set"], utc("2023-12-27T13:54:47Z")) < 3
    assert seconds_apart(days[1]["moon"]["rise"], utc("2023-12-28T23:43:48Z")) < 3
    assert seconds_apart(days[1]["moon"]["set"], utc("2023-12-28T14:39:33Z")) < 3
    # 2023-12-27 was the full moon (00:33 UTC, USNO phases of the Moon)
    assert days[0]["moon"]["phase"] == "full moon" and days[0]["moon"]["illuminated"] > 0.97


def test_polar_night_at_harra_sweden():
    # Same source: the Sun never reaches -0.8333 deg at Harra on 2022-12-20..23.
    harra = Site(67.4066, 20.0997, "Europe/Stockholm")
    days = ground_days(harra, date(2022, 12, 18), date(2022, 12, 25))
    assert [d["polar"] for d in days] == [
        None,
        None,
        "night",
        "night",
        "night",
        "night",
        None,
        None,
    ]
    assert all(d["sunrise"] is None and d["sunset"] is None for d in days[2:6])
    # A grazing sunrise: the Sun climbs a few arcseconds per second, so seconds differ.
    assert seconds_apart(days[1]["sunrise"], utc("2022-12-19T10:29:21Z")) < 10
    assert seconds_apart(days[6]["sunrise"], utc("2022-12-24T10:31:28Z")) < 10
    # The Sun still passes the meridian, and golden hour still happens around noon.
    assert seconds_apart(days[3]["solar_noon"], utc("2022-12-21T10:37:36Z")) < 2
    assert len(days[3]["golden_hour"]) == 1


def test_polar_day_at_utqiagvik():
    # Same source: the Sun stays 4.7 deg up at its lowest on 2023-06-21.
    site = Site(71.2906, -156.7886, "America/Anchorage")
    (day,) = ground_days(site, date(2023, 6, 21), date(2023, 6, 21))
    assert day["polar"] == "day" and day["sunrise"] is None and day["sunset"] is None
    assert day["blue_hour"] == [] and day["civil_twilight"] == []
    assert day["day_length_minutes"] == 1440.0


def test_no_golden_hour_where_the_sun_stays_high_or_low():
    north_pole_summer = Site(89.9, 0.0, "UTC")
    (day,) = ground_days(north_pole_summer, date(2021, 6, 21), date(2021, 6, 21))
    assert day["golden_hour"] == [] and day["polar"] == "day"
    deep_polar_night = Site(85.0, 0.0, "UTC")
    (night,) = ground_days(deep_polar_night, date(2021, 12, 21), date(2021, 12, 21))
    assert night["golden_hour"] == [] and night["polar"] == "night"


@pytest.mark.parametrize(
    ("day", "hours"), [(date(2021, 3, 28), 23), (date(2021, 10, 31), 25)], ids=["spring", "autumn"]
)
def test_dst_days_are_well_defined(day, hours):
    berlin = Site(52.52, 13.405, "Europe/Berlin")
    (row,) = ground_days(berlin, day, day)
    assert row["sunrise"].date() == day and row["sunset"].date() == day
    start = datetime(day.year, day.month, day.day, tzinfo=berlin.zone)
    end = start + timedelta(days=1)
    assert (end.astimezone(UTC) - start.astimezone(UTC)) == timedelta(hours=hours)
    assert all(start <= a < b <= end for a, b in row["golden_hour"])


def test_rise_and_set_agree_with_skyfield_at_random_sites():
    from skyfield import almanac
    from skyfield.api import wgs84

    from skyslate.sky.ephemeris import ephemeris, timescale

    eph, ts = ephemeris(), timescale()
    rng = np.random.default_rng(3)
    for lat, lon in zip(rng.uniform(-60, 60, 5), rng.uniform(-180, 180, 5), strict=True):
        site = Site(float(lat), float(lon), "UTC")
        observer = eph["earth"] + wgs84.latlon(float(lat), float(lon))
        t0, t1 = ts.utc(2021, 10, 5), ts.utc(2021, 10, 8)
        for horizon, light in ((None, "day"), (-4.0, "golden_hour"), (6.0, "golden_hour")):
            kwargs = {} if horizon is None else {"horizon_degrees": horizon}
            rises, ok = almanac.find_risings(observer, eph["sun"], t0, t1, **kwargs)
            windows = ground_windows(site, light, t0.utc_datetime(), t1.utc_datetime())
            edges = [w.start for w in windows] + [w.end for w in windows]
            for moment in rises[ok].utc_datetime():
                assert min(seconds_apart(moment, e) for e in edges) < 2, (lat, lon, light)


def test_day_and_night_cover_the_span_exactly_and_bands_hold():
    site = Site(55.7558, 37.6173, "Europe/Moscow")
    start, end = utc("2021-10-05T00:00:00Z"), utc("2021-10-08T00:00:00Z")
    day = ground_windows(site, "day", start, end)
    night = ground_windows(site, "night", start, end)
    assert (day & night) == Windows() and (day | night) == Windows([(start, end)])
    golden = ground_windows(site, "golden_hour", start, end)
    assert len(golden) == 6  # morning and evening, three days
    middles = [w.start + w.duration / 2 for w in golden]
    altitudes = sun_altitude_degrees(site, middles)
    assert np.all((altitudes > -4) & (altitudes < 6))
    wide = ground_windows(site, "golden_hour", start, end, thresholds={"golden_hour": (-6.0, 6.0)})
    assert wide.total() > golden.total() and (golden - wide) == Windows()


def test_bad_sites_and_spans_say_what_is_valid():
    with pytest.raises(
        SkyError, match=r"latitude 91 is out of range; it must lie between -90 and 90"
    ):
        Site(91, 0, "UTC")
    with pytest.raises(SkyError, match=r"unknown time zone 'Mars/Olympus'; give an IANA name"):
        Site(0, 0, "Mars/Olympus")
    with pytest.raises(SkyError, match=r"unknown light 'dusk'; known: day, night"):
        ground_windows(
            Site(0, 0, "UTC"), "dusk", utc("2021-01-01T00:00:00Z"), utc("2021-01-02T00:00:00Z")
        )
    with pytest.raises(SkyError, match=r"is before --from"):
        ground_days(Site(0, 0, "UTC"), date(2021, 1, 2), date(2021, 1, 1))
    with pytest.raises(SkyError, match=r"at most a year"):
        ground_days(Site(0, 0, "UTC"), date(2021, 1, 1), date(2022, 6, 1))
    assert set(LIGHTS) >= {"day", "night", "golden_hour", "blue_hour", "civil_twilight"}


def test_many_sites_in_one_search_equal_one_site_at_a_time():
    from skyslate.sky.ground import ground_light

    sites = [
        Site(55.75, 37.62, "Europe/Moscow"),
        Site(-33.87, 151.21, "Australia/Sydney"),
        Site(69.65, 18.96, "Europe/Oslo"),
    ]
    start, end = utc("2021-10-01T00:00:00Z"), utc("2021-10-11T00:00:00Z")
    lights = ["day", "golden_hour", "blue_hour", "civil_twilight"]
    together = ground_light(sites, lights, start, end)
    for site, row in zip(sites, together, strict=True):
        for light in lights:
            alone = ground_windows(site, light, start, end)
            assert row[light] == alone
            assert row[light].total() == alone.total() and len(row[light]) == len(alone)


def test_a_condition_object_goes_through_the_one_finder():
    from skyslate.sky.ephemeris import body_track
    from skyslate.sky.ground import SunAltitudeBetween
    from skyslate.sky.search import find_windows

    site = Site(55.7558, 37.6173, "Europe/Moscow")
    start, end = utc("2021-10-05T00:00:00Z"), utc("2021-10-07T00:00:00Z")
    condition = SunAltitudeBetween(
        site, -6.0, -4.0, body_track("sun", start.timestamp(), end.timestamp())
    )
    found = find_windows(condition, start, end)
    expected = ground_windows(site, "blue_hour", start, end)
    assert len(found) == len(expected) == 4
    for a, b in zip(found, expected, strict=True):
        assert seconds_apart(a.start, b.start) < 0.1 and seconds_apart(a.end, b.end) < 0.1
