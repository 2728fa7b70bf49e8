"""Orbit windows against Skyfield (an independent pipeline: GCRS, its own frames) and published figures."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from skyslate.errors import SkyError
from skyslate.sky.elements import ISS_REBOOST_2021_10_12, load_element_sets
from skyslate.sky.orbit import (
    CircleRegion,
    GroundStation,
    PolygonRegion,
    orbit_report,
    orbit_windows,
)
from skyslate.sky.windows import Window, Windows

TLE = Path(__file__).resolve().parent.parent / "data" / "iss-2021-10.tle"
START = datetime.fromisoformat("2021-10-05T00:00:00+00:00")
END = START + timedelta(days=1)  # set A rules the whole day (A/B boundary is 10-06 19:06)
MOSCOW = GroundStation("Moscow", 55.75, 37.62, 10.0)


@pytest.fixture(scope="module")
def platform():
    return load_element_sets(TLE, switch_times=[ISS_REBOOST_2021_10_12])


@pytest.fixture(scope="module")
def skyfield_iss(platform):
    from skyfield.api import EarthSatellite

    from skyslate.sky.ephemeris import timescale

    first = platform.element_sets[0]
    return EarthSatellite(first.line1, first.line2, "ISS", timescale())


@pytest.fixture(scope="module")
def report(platform):
    return orbit_report(platform, START, END, stations=(MOSCOW,))


def skyfield_times(moments):
    from skyslate.sky.ephemeris import timescale

    return timescale().from_datetimes(list(moments))


def conical_margins(sat, t):
    """Independent conical-shadow margins from Skyfield GCRS vectors (radians)."""
    from skyslate.sky.ephemeris import ephemeris

    eph = ephemeris()
    sun = eph["earth"].at(t).observe(eph["sun"]).apparent().position.km
    r = sat.at(t).position.km
    d = sun - r
    dn, rn = np.linalg.norm(d, axis=0), np.linalg.norm(r, axis=0)
    separation = np.arccos(-np.einsum("ij,ij->j", d, r) / (dn * rn))
    earth, disc = np.arcsin(6378.137 / rn), np.arcsin(695700.0 / dn)
    return separation - (earth + disc), (earth - disc) - separation


def test_light_windows_cover_the_span_exactly(report):
    w = report["windows"]
    span = Windows([(START, END)])
    assert (w["sunlit"] | w["penumbra"] | w["umbra"]) == span
    assert (
        not (w["sunlit"] & w["penumbra"])
        and not (w["sunlit"] & w["umbra"])
        and not (w["penumbra"] & w["umbra"])
    )
    assert (w["ground_day"] | w["ground_night"]) == span and not (
        w["ground_day"] & w["ground_night"]
    )


def test_shadow_edges_within_a_second_of_an_independent_fine_evaluation(report, skyfield_iss):
    worst = 0.0
    for kind, which in (("sunlit", 0), ("umbra", 1)):
        for window in report["windows"][kind]:
            for edge in (window.start, window.end):
                if edge in (START, END):
                    continue
                grid = [edge + timedelta(seconds=s) for s in np.arange(-2.0, 2.0, 0.02)]
                margin = conical_margins(skyfield_iss, skyfield_times(grid))[which]
                flips = np.nonzero(np.diff(margin > 0))[0]
                assert flips.size == 1, (kind, edge)
                worst = max(worst, abs(-2.0 + 0.02 * flips[0] + 0.01))
    assert worst < 1.0  # measured 0.01 s: the hourly Sun interpolation and TEME rotation hold


def test_skyfield_is_sunlit_edge_falls_inside_our_penumbra(report, skyfield_iss):
    from skyfield.searchlib import find_discrete

    from skyslate.sky.ephemeris import ephemeris

    def sunlit(t):
        return skyfield_iss.at(t).is_sunlit(ephemeris())

    sunlit.step_days = 5 / 1440
    t, _ = find_discrete(*skyfield_times([START, END]), sunlit)
    edges = t.utc_datetime()
    assert len(edges) == 31
    penumbra = report["windows"]["penumbra"]
    assert all(penumbra.contains(e, e) for e in edges)


def test_contacts_within_two_seconds_of_skyfield_find_events(report, skyfield_iss):
    from skyfield.api import wgs84

    t, events = skyfield_iss.find_events(
        wgs84.latlon(MOSCOW.lat_degrees, MOSCOW.lon_degrees),
        *skyfield_times([START, END]),
        altitude_degrees=10.0,
    )
    moments = t.utc_datetime()
    rises = [m for m, e in zip(moments, events, strict=True) if e == 0]
    sets = [m for m, e in zip(moments, events, strict=True) if e == 2]
    contacts = report["contacts"]["Moscow"]
    assert len(contacts) == len(rises) == len(sets) == 4
    for window, rise, set_ in zip(contacts, rises, sets, strict=True):
        assert abs((window.start - rise).total_seconds()) < 2
        assert abs((window.end - set_).total_seconds()) < 2


def test_ground_below_agrees_with_skyfield_subpoint(report, skyfield_iss):
    from skyfield.api import wgs84

    from skyslate.sky.ephemeris import ephemeris

    eph = ephemeris()
    for kind, sign in (("ground_day", 1), ("ground_night", -1)):
        for window in report["windows"][kind]:
            if window.duration < timedelta(minutes=2):
                continue
            for moment in (window.start + timedelta(seconds=2), window.end - timedelta(seconds=2)):
                t = skyfield_times([moment])
                below = wgs84.subpoint_of(skyfield_iss.at(t))
                altitude = (
                    (eph["earth"] + below).at(t).observe(eph["sun"]).apparent().altaz()[0].degrees
                )
                assert sign * (altitude[0] + 0.833) > 0, (kind, moment)


def test_eclipse_length_matches_the_textbook_cylinder_formula(platform, report):
    # Wertz & Larson, Space Mission Analysis and Design, eclipse fraction of a circular orbit:
    # T_e = (P / 180 deg) * acos( sqrt(h^2 + 2 R h) / ((R + h) cos beta) ).
    beta = math.radians(report["beta_degrees"][0]["beta"])
    radius, height, period_min = 6378.137, 426.0, 92.97  # README-tle.md: mean height, period
    fraction = (
        math.degrees(
            math.acos(
                math.sqrt(height**2 + 2 * radius * height) / ((radius + height) * math.cos(beta))
            )
        )
        / 180
    )
    cylinder_min = period_min * fraction
    umbra = [w for w in report["windows"]["umbra"] if w.start > START and w.end < END]
    # The umbra plus one penumbra (half at entry, half at exit) is the cylinder-model shadow.
    penumbra = np.mean([w.duration.total_seconds() for w in report["windows"]["penumbra"]])
    for window in umbra:
        ours_min = (window.duration.total_seconds() + penumbra) / 60
        assert abs(ours_min - cylinder_min) < 0.5, (ours_min, cylinder_min)


def test_sunrises_and_beta_against_published_and_independent_figures(report, skyfield_iss):
    # NASA: the ISS sees about 16 sunrises a day (15.49 revolutions per day).
    assert report["sunrises_per_day"] == [{"date": START.date(), "sunrises": 16}]
    from skyslate.sky.ephemeris import ephemeris

    eph = ephemeris()
    t = skyfield_times([START.replace(hour=12)])
    position = skyfield_iss.at(t)
    normal = np.cross(position.position.km[:, 0], position.velocity.km_per_s[:, 0])
    sun = eph["earth"].at(t).observe(eph["sun"]).apparent().position.km[:, 0]
    beta = math.degrees(math.asin(normal @ sun / (np.linalg.norm(normal) * np.linalg.norm(sun))))
    assert abs(report["beta_degrees"][0]["beta"] - beta) < 0.05


def test_regions_circle_and_antimeridian_polygon(platform, skyfield_iss):
    from skyfield.api import wgs84

    circle = CircleRegion(55.75, 37.62, 1000.0)
    box = PolygonRegion(((-10.0, 170.0), (-10.0, -170.0), (10.0, -170.0), (10.0, 170.0)))
    for region in (circle, box):
        windows = orbit_windows(platform, "over", START, END, region=region)
        assert len(windows) >= 2
        for window in windows:
            middle = window.start + window.duration / 2
            below = wgs84.subpoint_of(skyfield_iss.at(skyfield_times([middle])))
            lat, lon = below.latitude.degrees[0], below.longitude.degrees[0]
            if region is circle:
                distance = 6371.0088 * math.radians(
                    math.degrees(
                        math.acos(
                            math.sin(math.radians(lat)) * math.sin(math.radians(55.75))
                            + math.cos(math.radians(lat))
                            * math.cos(math.radians(55.75))
                            * math.cos(math.radians(lon - 37.62))
                        )
                    )
                )
                assert distance < 1000
            else:
                assert -10 < lat < 10 and (lon > 170 or lon < -170)


def test_bad_orbit_requests(platform):
    with pytest.raises(SkyError, match=r"unknown orbit window kind 'noon'; known: sunlit"):
        orbit_windows(platform, "noon", START, END)
    with pytest.raises(SkyError, match=r"a contact window needs a ground station"):
        orbit_windows(platform, "contact", START, END)
    with pytest.raises(SkyError, match=r"at most a year"):
        orbit_windows(platform, "sunlit", START, START + timedelta(days=400))
    with pytest.raises(SkyError, match=r"station Nowhere latitude 95 is out of range"):
        GroundStation("Nowhere", 95, 0)
    assert Window(START, END).duration == timedelta(days=1)


def test_flattened_earth_casts_a_shorter_shadow_and_still_covers_the_span(platform, report):
    sunlit = orbit_windows(platform, "sunlit", START, END, flattening=True)
    penumbra = orbit_windows(platform, "penumbra", START, END, flattening=True)
    umbra = orbit_windows(platform, "umbra", START, END, flattening=True)
    assert (sunlit | penumbra | umbra) == Windows([(START, END)])
    # FIELD-NOTES B 4: WGS84 flattening shortens each eclipse by seconds, never lengthens it.
    shorter = (report["windows"]["umbra"].total() - umbra.total()).total_seconds()
    assert 0 < shorter < 16 * 30
