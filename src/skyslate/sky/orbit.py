"""Orbit light and geometry as Windows: station sunlit / penumbra / umbra, the ground below, contacts, regions.

Shadow model: a conical Earth shadow. Seen from the station, the Sun is a disc
of angular radius asin(R_sun / d_sun) and the Earth a disc of angular radius
asin(R_earth / r). The station is *sunlit* when the discs do not overlap,
in *umbra* when the Earth's disc covers the Sun's completely and in *penumbra*
otherwise, so the three cover any span exactly. R_earth is the WGS84 equatorial
radius (6378.137 km), no atmosphere; `flattening=True` uses the WGS84 ellipsoid
(by squashing space along the polar axis, which turns the ellipsoid into a sphere).
Sun and station are in SGP4's TEME frame; the Sun is apparent (light time and
aberration), interpolated between hourly Skyfield nodes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np

from skyslate.errors import SkyError
from skyslate.sky.elements import (
    ISS_REBOOST_2021_10_12,
    ElementSet,
    Platform,
    StaleElementsWarning,
    load_element_sets,
)
from skyslate.sky.ephemeris import (
    SECONDS_PER_DAY,
    SUN_RADIUS_KM,
    Track,
    body_track,
    check_covered,
    moment,
)
from skyslate.sky.search import Condition, find_edges, span_seconds, windows_from_seconds
from skyslate.sky.site import WGS84_A_KM, WGS84_E2, WGS84_F
from skyslate.sky.windows import Window, Windows

__all__ = [
    "ISS_REBOOST_2021_10_12",
    "KINDS",
    "CircleRegion",
    "ElementSet",
    "GroundStation",
    "Platform",
    "PolygonRegion",
    "StaleElementsWarning",
    "beta_angles",
    "load_element_sets",
    "orbit_report",
    "orbit_windows",
    "sunrises_per_day",
]

KINDS = ("sunlit", "penumbra", "umbra", "ground_day", "ground_night", "contact", "over")
SUNRISE_DEGREES = -0.833
ORBIT_STEP_SECONDS = 60.0  # an ISS orbit is 93 min; the finder adds extrema between samples
REGION_STEP_SECONDS = 20.0  # polygon membership is on/off, so sample it finer
MEAN_EARTH_RADIUS_KM = 6371.0088
MAX_SPAN_DAYS = 366


@dataclass(frozen=True)
class GroundStation:
    """A named ground station (geodetic degrees) and the lowest elevation it can talk at."""

    name: str
    lat_degrees: float
    lon_degrees: float
    min_elevation_degrees: float = 10.0
    elevation_m: float = 0.0

    def __post_init__(self) -> None:
        _check_lat_lon(self.lat_degrees, self.lon_degrees, f"station {self.name}")
        if not -90.0 <= self.min_elevation_degrees < 90.0:
            raise SkyError(
                f"minimum elevation {self.min_elevation_degrees} must lie between -90 and 90 degrees"
            )

    def ecef_km(self) -> np.ndarray:
        """Earth-fixed position (km) on the WGS84 ellipsoid."""
        phi, lam = math.radians(self.lat_degrees), math.radians(self.lon_degrees)
        n = WGS84_A_KM / math.sqrt(1.0 - WGS84_E2 * math.sin(phi) ** 2)
        h = self.elevation_m / 1000.0
        return np.array(
            [
                (n + h) * math.cos(phi) * math.cos(lam),
                (n + h) * math.cos(phi) * math.sin(lam),
                (n * (1 - WGS84_E2) + h) * math.sin(phi),
            ]
        )


@dataclass(frozen=True)
class CircleRegion:
    """Ground within `radius_km` (great circle) of a point."""

    lat_degrees: float
    lon_degrees: float
    radius_km: float
    name: str | None = None

    def __post_init__(self) -> None:
        _check_lat_lon(self.lat_degrees, self.lon_degrees, "region centre")
        if not 0 < self.radius_km <= 20015:
            raise SkyError(
                f"region radius {self.radius_km} km must lie between 0 and 20015 km"
                " (half the Earth's circumference)"
            )

    @property
    def label(self) -> str:
        """Name used as the JSON key."""
        return (
            self.name
            or f"within {self.radius_km:g} km of {self.lat_degrees:g},{self.lon_degrees:g}"
        )

    def margin(self, lat_radians: np.ndarray, lon_radians: np.ndarray) -> np.ndarray:
        """Kilometres inside the circle (negative outside)."""
        phi0, lam0 = math.radians(self.lat_degrees), math.radians(self.lon_degrees)
        h = (
            np.sin((lat_radians - phi0) / 2) ** 2
            + math.cos(phi0) * np.cos(lat_radians) * np.sin((lon_radians - lam0) / 2) ** 2
        )
        return self.radius_km - 2 * MEAN_EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0, 1)))

    smooth = True


@dataclass(frozen=True)
class PolygonRegion:
    """Ground inside a lat/lon polygon (edges straight in lat/lon; may cross the antimeridian)."""

    vertices: tuple[tuple[float, float], ...]  # (lat_degrees, lon_degrees)
    name: str | None = None

    def __post_init__(self) -> None:
        if len(self.vertices) < 3:
            raise SkyError(f"a region polygon needs at least 3 vertices, not {len(self.vertices)}")
        for lat, lon in self.vertices:
            _check_lat_lon(lat, lon, "polygon vertex")

    @property
    def label(self) -> str:
        """Name used as the JSON key."""
        return self.name or "polygon " + ";".join(f"{a:g},{b:g}" for a, b in self.vertices)

    def margin(self, lat_radians: np.ndarray, lon_radians: np.ndarray) -> np.ndarray:
        """+1 inside the polygon, -1 outside (even-odd rule)."""
        lat = np.degrees(lat_radians)
        lon = np.degrees(lon_radians)
        vertex_lat = np.array([v[0] for v in self.vertices])
        # Unwrap vertex longitudes so an antimeridian-crossing polygon stays contiguous.
        vertex_lon = np.degrees(np.unwrap(np.radians([v[1] for v in self.vertices])))
        inside = np.zeros(lat.shape, dtype=bool)
        for shift in (-360.0, 0.0, 360.0):
            inside |= _point_in_polygon(lat, lon + shift, vertex_lat, vertex_lon)
        return np.where(inside, 1.0, -1.0)

    smooth = False


def _point_in_polygon(lat, lon, vertex_lat, vertex_lon) -> np.ndarray:
    inside = np.zeros(lat.shape, dtype=bool)
    j = len(vertex_lat) - 1
    for i in range(len(vertex_lat)):
        yi, yj, xi, xj = vertex_lat[i], vertex_lat[j], vertex_lon[i], vertex_lon[j]
        crosses = (yi > lat) != (yj > lat)
        with np.errstate(divide="ignore", invalid="ignore"):
            x_cross = xi + (lat - yi) * (xj - xi) / (yj - yi)
        inside ^= crosses & (lon < x_cross)
        j = i
    return inside


def _check_lat_lon(lat: float, lon: float, what: str) -> None:
    if not (isinstance(lat, int | float) and math.isfinite(lat) and -90 <= lat <= 90):
        raise SkyError(
            f"{what} latitude {lat} is out of range; it must lie between -90 and 90 degrees"
        )
    if not (isinstance(lon, int | float) and math.isfinite(lon) and -180 <= lon <= 180):
        raise SkyError(
            f"{what} longitude {lon} is out of range; it must lie between -180 and 180 degrees"
        )


class OrbitGeometry:
    """Station and Sun positions over one span, with the sample grid computed once and shared."""

    def __init__(
        self, platform: Platform, start_seconds: float, end_seconds: float, flattening: bool = False
    ):
        self.platform = platform
        self.sun: Track = body_track("sun", start_seconds, end_seconds)
        self.flattening = flattening
        self._cache: dict[tuple, tuple] = {}

    def state(self, t: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(station position, station velocity, Sun position), TEME km, for times t."""
        key = (t.size, float(t[0]), float(t[-1])) if t.size > 256 else None
        if key is not None and key in self._cache:
            return self._cache[key]
        r, v = self.platform.state_teme_km(t)
        value = (r, v, self.sun.position_teme_at(t))
        if key is not None:
            self._cache[key] = value
        return value

    # -- quantities (each a smooth function of POSIX seconds) --------------------
    def shadow_angles(self, t: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Separation of Sun and Earth centres, Earth radius, Sun radius, as seen from the station (radians)."""
        r, _v, sun = self.state(t)
        if self.flattening:
            # Scaling z by a/b maps the WGS84 ellipsoid onto a sphere of radius a.
            scale = np.array([[1.0], [1.0], [1.0 / (1.0 - WGS84_F)]])
            r, sun = r * scale, sun * scale
        to_sun = sun - r
        sun_distance = np.linalg.norm(to_sun, axis=0)
        r_norm = np.linalg.norm(r, axis=0)
        cosine = -np.einsum("ij,ij->j", to_sun, r) / (sun_distance * r_norm)
        separation = np.arccos(np.clip(cosine, -1.0, 1.0))
        earth = np.arcsin(np.clip(WGS84_A_KM / r_norm, -1.0, 1.0))
        sun_radius = np.arcsin(SUN_RADIUS_KM / sun_distance)
        return separation, earth, sun_radius

    def sunlit_margin(self, t: np.ndarray) -> np.ndarray:
        """Radians by which the solar disc clears the Earth's limb (positive = whole disc visible)."""
        separation, earth, sun = self.shadow_angles(t)
        return separation - (earth + sun)

    def umbra_margin(self, t: np.ndarray) -> np.ndarray:
        """Radians by which the Earth's disc overlaps the whole solar disc (positive = umbra)."""
        separation, earth, sun = self.shadow_angles(t)
        return (earth - sun) - separation

    def subpoint(self, t: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Geodetic latitude, TEME longitude and Earth-fixed longitude of the point below (radians)."""
        r, _v, _sun = self.state(t)
        rho = np.hypot(r[0], r[1])
        lat = np.arctan2(r[2], rho * (1 - WGS84_E2))
        for _ in range(3):  # fixed-point iteration for geodetic latitude converges to < 1e-9 rad
            n = WGS84_A_KM / np.sqrt(1 - WGS84_E2 * np.sin(lat) ** 2)
            lat = np.arctan2(r[2] + n * WGS84_E2 * np.sin(lat), rho)
        lon_teme = np.arctan2(r[1], r[0])
        lon_earth = (lon_teme - self.sun.gmst82_at(t) + np.pi) % (2 * np.pi) - np.pi
        return lat, lon_teme, lon_earth

    def subpoint_sun_degrees(self, t: np.ndarray) -> np.ndarray:
        """Altitude of the Sun's centre seen from the point on the ground below the station."""
        _r, _v, sun = self.state(t)
        lat, lon_teme, _ = self.subpoint(t)
        up = np.stack([np.cos(lat) * np.cos(lon_teme), np.cos(lat) * np.sin(lon_teme), np.sin(lat)])
        sine = np.einsum("ij,ij->j", up, sun) / np.linalg.norm(sun, axis=0)
        return np.degrees(np.arcsin(np.clip(sine, -1.0, 1.0)))

    def elevation_degrees(self, station: GroundStation, t: np.ndarray) -> np.ndarray:
        """Elevation of the station-to-platform line above the station's horizon."""
        r, _v, _sun = self.state(t)
        theta = self.sun.gmst82_at(t)
        c, s = np.cos(theta), np.sin(theta)
        x, y, z = station.ecef_km()
        site = np.stack([x * c - y * s, x * s + y * c, np.full_like(c, z)])
        phi, lam = math.radians(station.lat_degrees), math.radians(station.lon_degrees)
        up = np.stack(
            [
                math.cos(phi) * np.cos(lam + theta),
                math.cos(phi) * np.sin(lam + theta),
                np.full_like(c, math.sin(phi)),
            ]
        )
        topo = r - site
        sine = np.einsum("ij,ij->j", up, topo) / np.linalg.norm(topo, axis=0)
        return np.degrees(np.arcsin(np.clip(sine, -1.0, 1.0)))

    def region_margin(self, region, t: np.ndarray) -> np.ndarray:
        """How far inside the region the point below is (its own unit; positive inside)."""
        lat, _lon_teme, lon = self.subpoint(t)
        return region.margin(lat, lon)


class OrbitCondition(Condition):
    """A condition on an OrbitGeometry: quantity function and bounds."""

    step_seconds = ORBIT_STEP_SECONDS

    def __init__(
        self, quantity, low=None, high=None, *, step_seconds=ORBIT_STEP_SECONDS, smooth=True
    ):
        self._quantity = quantity
        self.low, self.high = low, high
        self.step_seconds, self.smooth = step_seconds, smooth

    def quantity(self, posix_seconds: np.ndarray) -> np.ndarray:
        return self._quantity(np.asarray(posix_seconds, dtype=float))


def orbit_condition(
    geometry: OrbitGeometry, kind: str, *, station=None, region=None
) -> OrbitCondition:
    """The condition for one kind of orbit window (penumbra is derived, not searched)."""
    if kind == "sunlit":
        return OrbitCondition(geometry.sunlit_margin, low=0.0)
    if kind == "umbra":
        return OrbitCondition(geometry.umbra_margin, low=0.0)
    if kind == "ground_day":
        return OrbitCondition(geometry.subpoint_sun_degrees, low=SUNRISE_DEGREES)
    if kind == "ground_night":
        return OrbitCondition(geometry.subpoint_sun_degrees, high=SUNRISE_DEGREES)
    if kind == "contact":
        if station is None:
            raise SkyError("a contact window needs a ground station")
        return OrbitCondition(
            lambda t: geometry.elevation_degrees(station, t), low=station.min_elevation_degrees
        )
    if kind == "over":
        if region is None:
            raise SkyError("an 'over' window needs a region (CircleRegion or PolygonRegion)")
        step = ORBIT_STEP_SECONDS if region.smooth else REGION_STEP_SECONDS
        return OrbitCondition(
            lambda t: geometry.region_margin(region, t),
            low=0.0,
            step_seconds=step,
            smooth=region.smooth,
        )
    raise SkyError(f"unknown orbit window kind {kind!r}; known: {', '.join(KINDS)}")


def _prepare(platform: Platform, start_utc: datetime, end_utc: datetime) -> tuple[float, float]:
    start, end = span_seconds(start_utc, end_utc)
    if end - start > MAX_SPAN_DAYS * SECONDS_PER_DAY:
        raise SkyError(
            f"span of {(end - start) / SECONDS_PER_DAY:.0f} days is too long; ask for at most a year ({MAX_SPAN_DAYS} days)"
        )
    check_covered(start, end)
    platform.warn_if_stale(start, end)
    return start, end


def _search(
    geometry: OrbitGeometry, conditions: dict, start: float, end: float
) -> dict[str, Windows]:
    out = {}
    for key, condition in conditions.items():
        ((starts, ends),) = find_edges(
            condition.quantity,
            [(condition.low, condition.high)],
            start,
            end,
            condition.step_seconds,
            smooth=condition.smooth,
        )
        out[key] = windows_from_seconds(starts, ends)
    return out


def orbit_windows(
    platform: Platform,
    kind: str,
    start_utc: datetime,
    end_utc: datetime,
    *,
    station: GroundStation | None = None,
    region: CircleRegion | PolygonRegion | None = None,
    flattening: bool = False,
) -> Windows:
    """Windows in [start_utc, end_utc) when the platform is in the given kind of light or geometry."""
    if kind not in KINDS:
        raise SkyError(f"unknown orbit window kind {kind!r}; known: {', '.join(KINDS)}")
    start, end = _prepare(platform, start_utc, end_utc)
    geometry = OrbitGeometry(platform, start, end, flattening)
    if kind == "penumbra":
        found = _search(
            geometry, {k: orbit_condition(geometry, k) for k in ("sunlit", "umbra")}, start, end
        )
        span = Window(moment(start), moment(end))
        return found["sunlit"].complement(span.start, span.end) - found["umbra"]
    if kind == "ground_night":
        # The exact complement of ground_day, so the two cover the span with no gap.
        day = _search(geometry, {kind: orbit_condition(geometry, "ground_day")}, start, end)[kind]
        return day.complement(moment(start), moment(end))
    return _search(
        geometry,
        {kind: orbit_condition(geometry, kind, station=station, region=region)},
        start,
        end,
    )[kind]


def _utc_dates(start: float, end: float) -> list[date]:
    first = moment(start).date()
    last = moment(end - 1e-6).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def beta_angles(geometry: OrbitGeometry, start: float, end: float) -> list[dict]:
    """The beta angle (Sun above the orbit plane, degrees) at 12:00 UTC of each date in the span."""
    dates = _utc_dates(start, end)
    noon = np.array(
        [datetime(d.year, d.month, d.day, 12, tzinfo=moment(0).tzinfo).timestamp() for d in dates]
    )
    r, v, sun = geometry.state(noon)
    normal = np.cross(r.T, v.T).T
    sine = np.einsum("ij,ij->j", normal, sun) / (
        np.linalg.norm(normal, axis=0) * np.linalg.norm(sun, axis=0)
    )
    return [
        {"date": d, "beta": round(float(b), 2)}
        for d, b in zip(dates, np.degrees(np.arcsin(sine)), strict=True)
    ]


def sunrises_per_day(sunlit: Windows, start: float, end: float) -> list[dict]:
    """Orbital sunrises (a sunlit window beginning after the span starts) per UTC date."""
    counts = {d: 0 for d in _utc_dates(start, end)}
    for window in sunlit:
        if window.start.timestamp() > start:
            counts[window.start.date()] += 1
    return [{"date": d, "sunrises": n} for d, n in counts.items()]


def orbit_report(
    platform: Platform,
    start_utc: datetime,
    end_utc: datetime,
    *,
    stations: tuple[GroundStation, ...] = (),
    regions: tuple = (),
    flattening: bool = False,
) -> dict:
    """Every orbit window kind over a span, with contacts, regions, beta per day and sunrises per day."""
    start, end = _prepare(platform, start_utc, end_utc)
    geometry = OrbitGeometry(platform, start, end, flattening)
    names = [s.name for s in stations]
    if len(set(names)) != len(names):
        raise SkyError(f"station names must differ; got {', '.join(names)}")
    labels = [r.label for r in regions]
    if len(set(labels)) != len(labels):
        raise SkyError(f"region names must differ; got {', '.join(labels)}")
    conditions = {k: orbit_condition(geometry, k) for k in ("sunlit", "umbra", "ground_day")}
    conditions.update(
        {("contact", s.name): orbit_condition(geometry, "contact", station=s) for s in stations}
    )
    conditions.update(
        {("over", r.label): orbit_condition(geometry, "over", region=r) for r in regions}
    )
    found = _search(geometry, conditions, start, end)
    span_start, span_end = moment(start), moment(end)
    windows = {
        "sunlit": found["sunlit"],
        "penumbra": found["sunlit"].complement(span_start, span_end) - found["umbra"],
        "umbra": found["umbra"],
        "ground_day": found["ground_day"],
        "ground_night": found["ground_day"].complement(span_start, span_end),
    }
    return {
        "from": span_start,
        "to": span_end,
        "element_sets": platform.describe(),
        "windows": windows,
        "contacts": {s.name: found[("contact", s.name)] for s in stations},
        "over": {r.label: found[("over", r.label)] for r in regions},
        "beta_degrees": beta_angles(geometry, start, end),
        "sunrises_per_day": sunrises_per_day(found["sunlit"], start, end),
    }
