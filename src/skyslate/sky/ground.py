"""Ground light: sun-altitude bands at a Site as Windows, and the per-date almanac table.

Definitions (altitude of the Sun's centre, geometric, topocentric; refraction is
folded into the rise/set level as USNO does):

    day              above -0.833 deg   (sunrise to sunset: 34' refraction + 16' radius)
    night            below -0.833 deg   (sunset to sunrise; the film sense of NIGHT)
    golden_hour      -4 .. +6 deg        (astral, PhotoPills)
    blue_hour        -6 .. -4 deg        (astral, PhotoPills)
    civil_twilight   -6 .. -0.833 deg   (between civil dawn and sunrise, sunset and civil dusk)
    nautical_twilight      -12 .. -6 deg
    astronomical_twilight  -18 .. -12 deg
    dark             below -18 deg       (astronomical night)

Every band is configurable through `thresholds={"golden_hour": (-6, 6), ...}`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta

import numpy as np

from skyslate.errors import SkyError
from skyslate.sky.ephemeris import (
    FIRST_COVERED_DATE,
    LAST_COVERED_DATE,
    body_track,
    check_covered,
    moment,
)
from skyslate.sky.search import (
    Condition,
    find_crossings,
    find_edges,
    find_edges_batch,
    span_seconds,
    windows_from_seconds,
)
from skyslate.sky.site import Site, SiteTable, altitude_radians, hour_angle_sine, zone
from skyslate.sky.windows import Windows

__all__ = [
    "LIGHTS",
    "Site",
    "SunAltitudeBetween",
    "ground_days",
    "ground_light",
    "ground_windows",
    "zone",
]

SUNRISE_DEGREES = -0.833
MOON_HORIZON_DEGREES = -34.0 / 60.0  # refraction only; the Moon's radius is added per distance
NEVER = None  # a missing event (polar day or night, no moonrise that date)

LIGHTS: dict[str, tuple[float | None, float | None]] = {
    "day": (SUNRISE_DEGREES, None),
    "night": (None, SUNRISE_DEGREES),
    "golden_hour": (-4.0, 6.0),
    "blue_hour": (-6.0, -4.0),
    "civil_twilight": (-6.0, SUNRISE_DEGREES),
    "nautical_twilight": (-12.0, -6.0),
    "astronomical_twilight": (-18.0, -12.0),
    "dark": (None, -18.0),
}

# The sun's altitude changes smoothly with a one-day period (extrema 12 h apart); the
# finder adds the extrema itself, so two-hourly samples miss nothing.
SUN_STEP_SECONDS = 7200.0
MOON_STEP_SECONDS = 3600.0
MAX_SPAN_DAYS = 366
SITES_PER_BATCH = 16


class SunAltitudeBetween(Condition):
    """The Sun's centre between two altitudes (degrees) at a site."""

    step_seconds = SUN_STEP_SECONDS

    def __init__(self, site: Site, low_degrees: float | None, high_degrees: float | None, track):
        self.site = site
        self.low = low_degrees
        self.high = high_degrees
        self.track = track

    def quantity(self, posix_seconds: np.ndarray) -> np.ndarray:
        """Sun altitude in degrees."""
        return np.degrees(altitude_radians(self.site, self.track, posix_seconds)[0])


def _bounds(
    light: str, thresholds: Mapping[str, tuple] | None
) -> tuple[float | None, float | None]:
    table = dict(LIGHTS)
    for name, pair in (thresholds or {}).items():
        if name not in LIGHTS:
            raise SkyError(f"unknown light {name!r}; known: {', '.join(LIGHTS)}")
        low, high = pair
        if any(x is not None and not -90.0 <= x <= 90.0 for x in (low, high)):
            raise SkyError(
                f"threshold for {name} must lie between -90 and 90 degrees, not {low}..{high}"
            )
        if low is not None and high is not None and low >= high:
            raise SkyError(
                f"threshold for {name} must go from low to high degrees, not {low}..{high}"
            )
        table[name] = (low, high)
    if light not in table:
        raise SkyError(f"unknown light {light!r}; known: {', '.join(LIGHTS)}")
    return table[light]


def _check_span(start: float, end: float) -> None:
    if end - start > MAX_SPAN_DAYS * 86400:
        raise SkyError(
            f"span of {(end - start) / 86400:.0f} days is too long; ask for at most a year ({MAX_SPAN_DAYS} days)"
        )


def ground_windows(
    site: Site,
    light: str,
    start_utc: datetime,
    end_utc: datetime,
    thresholds: Mapping[str, tuple] | None = None,
) -> Windows:
    """Windows in [start_utc, end_utc) when the site has the named light."""
    return ground_light([site], [light], start_utc, end_utc, thresholds)[0][light]


def ground_light(
    sites: Sequence[Site],
    lights: Sequence[str],
    start_utc: datetime,
    end_utc: datetime,
    thresholds: Mapping[str, tuple] | None = None,
) -> list[dict[str, Windows]]:
    """For each site, the Windows of each named light; one vectorised search serves them all."""
    bounds = [_bounds(light, thresholds) for light in lights]
    start, end = span_seconds(start_utc, end_utc)
    _check_span(start, end)
    check_covered(start, end)
    if not sites:
        return []
    track = body_track("sun", start, end)
    out: list[dict[str, Windows]] = []
    # Small batches keep numpy's working arrays in the CPU cache (measured: 4 sites
    # per batch is faster than all 100 at once on a 2-core machine).
    for first in range(0, len(sites), SITES_PER_BATCH):
        out += _ground_light_batch(
            list(sites[first : first + SITES_PER_BATCH]), lights, bounds, track, start, end
        )
    return out


def _ground_light_batch(sites, lights, bounds, track, start, end) -> list[dict[str, Windows]]:
    table = SiteTable(sites)

    def sun_sine(t, rows):
        return table.altitude_sine(track, t, rows)[0]

    # Searching sin(altitude) against sin(level) finds the same times, without an arcsin.
    sine_bounds = [
        tuple(None if x is None else math.sin(math.radians(x)) for x in pair) for pair in bounds
    ]
    found = find_edges_batch(sun_sine, len(sites), sine_bounds, start, end, SUN_STEP_SECONDS)
    out: list[dict[str, Windows]] = [{} for _ in sites]
    for light, (rows, starts, ends) in zip(lights, found, strict=True):
        cuts = np.searchsorted(rows, np.arange(len(sites) + 1))
        for k in range(len(sites)):
            out[k][light] = windows_from_seconds(
                starts[cuts[k] : cuts[k + 1]], ends[cuts[k] : cuts[k + 1]]
            )
    return out


def local_midnight(site: Site, day: date) -> datetime:
    """Start of a local date at the site (well-defined across DST changes)."""
    return datetime(day.year, day.month, day.day, tzinfo=site.zone)


PHASE_NAMES = (
    "new moon",
    "waxing crescent",
    "first quarter",
    "waxing gibbous",
    "full moon",
    "waning gibbous",
    "last quarter",
    "waning crescent",
)


def _moon_phase(sun_track, moon_track, posix_seconds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Moon phase angle (0 new, 180 full; ecliptic longitude difference) and lit fraction."""
    sun = sun_track.position_at(posix_seconds)
    moon = moon_track.position_at(posix_seconds)
    centuries = (posix_seconds / 86400.0 - 10957.5) / 36525.0
    epsilon = np.radians(23.439291 - 0.0130042 * centuries)  # mean obliquity of date

    def longitude(v):
        return np.arctan2(v[1] * np.cos(epsilon) + v[2] * np.sin(epsilon), v[0])

    phase = np.degrees(longitude(moon) - longitude(sun)) % 360.0
    cosine = np.einsum("ij,ij->j", sun, moon) / (
        np.linalg.norm(sun, axis=0) * np.linalg.norm(moon, axis=0)
    )
    return phase, (1.0 - cosine) / 2.0


def ground_days(
    site: Site,
    from_date: date,
    to_date: date,
    thresholds: Mapping[str, tuple] | None = None,
) -> list[dict]:
    """Per local date: sunrise, sunset, solar noon, light bands, Moon and polar state."""
    if to_date < from_date:
        raise SkyError(f"--to {to_date} is before --from {from_date}; give a date on or after it")
    if (to_date - from_date).days + 1 > MAX_SPAN_DAYS:
        raise SkyError(
            f"{(to_date - from_date).days + 1} days asked; ask for at most a year ({MAX_SPAN_DAYS} days)"
        )
    for day in (from_date, to_date):
        # Checked on dates first: local midnights of year 9999 do not even exist.
        if not FIRST_COVERED_DATE < day < LAST_COVERED_DATE:
            raise SkyError(
                f"{day} is outside the bundled DE421 ephemeris; give dates from"
                f" {FIRST_COVERED_DATE + timedelta(days=1)} to {LAST_COVERED_DATE - timedelta(days=1)}"
            )
    dates = [from_date + timedelta(days=n) for n in range((to_date - from_date).days + 1)]
    # Local midnights bound each date; across a DST change a date lasts 23 or 25 hours.
    midnights = np.array(
        [local_midnight(site, d).timestamp() for d in [*dates, to_date + timedelta(days=1)]]
    )
    start, end = float(midnights[0]), float(midnights[-1])
    sun = body_track("sun", start, end)
    moon = body_track("moon", start, end)

    def sun_degrees(t):
        return np.degrees(altitude_radians(site, sun, t)[0])

    def moon_limb_degrees(t):
        altitude, distance = altitude_radians(site, moon, t)
        return np.degrees(altitude + np.arcsin(1737.4 / distance))

    bands = {
        name: _bounds(name, thresholds)
        for name in (
            "golden_hour",
            "blue_hour",
            "civil_twilight",
            "nautical_twilight",
            "astronomical_twilight",
            "day",
        )
    }
    pieces = dict(
        zip(
            bands,
            find_edges(sun_degrees, list(bands.values()), start, end, SUN_STEP_SECONDS),
            strict=True,
        )
    )
    (rise_set,) = find_crossings(sun_degrees, [bands["day"][0]], start, end, SUN_STEP_SECONDS)
    (moon_events,) = find_crossings(
        moon_limb_degrees, [MOON_HORIZON_DEGREES], start, end, MOON_STEP_SECONDS
    )
    (transits,) = find_crossings(
        lambda t: hour_angle_sine(site, sun, t), [0.0], start, end, SUN_STEP_SECONDS
    )
    noons = transits.times[transits.rising]
    local_noons = 0.5 * (midnights[:-1] + midnights[1:])
    phase, lit = _moon_phase(sun, moon, local_noons)
    day_is_up = sun_degrees(local_noons) > bands["day"][0]

    def first(times, lo, hi):
        inside = times[(times >= lo) & (times < hi)]
        return _local(site, inside[0]) if inside.size else NEVER

    def last(times, lo, hi):
        inside = times[(times >= lo) & (times < hi)]
        return _local(site, inside[-1]) if inside.size else NEVER

    def intervals(name, lo, hi):
        starts, ends = pieces[name]
        keep = (ends > lo) & (starts < hi)
        return [
            [_local(site, max(s, lo)), _local(site, min(e, hi))]
            for s, e in zip(starts[keep], ends[keep], strict=True)
        ]

    rises, sets = rise_set.times[rise_set.rising], rise_set.times[~rise_set.rising]
    moonrises, moonsets = (
        moon_events.times[moon_events.rising],
        moon_events.times[~moon_events.rising],
    )
    table = []
    for n, day in enumerate(dates):
        lo, hi = midnights[n], midnights[n + 1]
        sunrise, sunset = first(rises, lo, hi), last(sets, lo, hi)
        polar = None
        if sunrise is None and sunset is None:
            polar = "day" if day_is_up[n] else "night"
        table.append(
            {
                "date": day,
                "sunrise": sunrise,
                "sunset": sunset,
                "solar_noon": first(noons, lo, hi),
                "golden_hour": intervals("golden_hour", lo, hi),
                "blue_hour": intervals("blue_hour", lo, hi),
                "civil_twilight": intervals("civil_twilight", lo, hi),
                "nautical_twilight": intervals("nautical_twilight", lo, hi),
                "astronomical_twilight": intervals("astronomical_twilight", lo, hi),
                "day_length_minutes": round(_overlap_seconds(*pieces["day"], lo, hi) / 60.0, 1),
                "moon": {
                    "rise": first(moonrises, lo, hi),
                    "set": first(moonsets, lo, hi),
                    "phase_degrees": round(float(phase[n]), 1),
                    "illuminated": round(float(lit[n]), 3),
                    "phase": PHASE_NAMES[int(((phase[n] + 22.5) % 360.0) // 45.0)],
                },
                "polar": polar,
            }
        )
    return table


def _overlap_seconds(starts: np.ndarray, ends: np.ndarray, lo: float, hi: float) -> float:
    """Seconds of the pieces that fall inside [lo, hi)."""
    return float(np.clip(np.minimum(ends, hi) - np.maximum(starts, lo), 0.0, None).sum())


def _local(site: Site, posix_seconds: float) -> datetime:
    return moment(posix_seconds).astimezone(site.zone)


def sun_altitude_degrees(site: Site, moments: list[datetime]) -> np.ndarray:
    """The Sun's centre altitude (degrees, no refraction) at the site for aware datetimes."""
    t = np.array([m.timestamp() for m in moments])
    return np.degrees(
        altitude_radians(site, body_track("sun", float(t.min()), float(t.max())), t)[0]
    )
