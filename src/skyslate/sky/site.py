"""Where a ground observer stands, and the altitude of the Sun or Moon seen from there."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np

from skyslate.errors import SkyError
from skyslate.sky.ephemeris import Track

WGS84_A_KM = 6378.137
WGS84_F = 1.0 / 298.257223563
WGS84_E2 = WGS84_F * (2.0 - WGS84_F)


def zone(name: str) -> ZoneInfo:
    """The IANA time zone called `name`, or a SkyError that says what a valid name looks like."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise SkyError(
            f"unknown time zone {name!r}; give an IANA name such as 'Europe/Moscow' or 'UTC'"
        ) from None


@dataclass(frozen=True)
class Site:
    """A ground location: geodetic latitude and longitude (WGS84) and its IANA time zone."""

    lat_degrees: float
    lon_degrees: float
    tz: str
    name: str | None = None
    elevation_m: float = 0.0
    zone: ZoneInfo = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for what, value, limit in (
            ("latitude", self.lat_degrees, 90),
            ("longitude", self.lon_degrees, 180),
        ):
            if not isinstance(value, int | float) or not math.isfinite(value) or abs(value) > limit:
                raise SkyError(
                    f"{what} {value} is out of range; it must lie between -{limit} and {limit} degrees"
                )
        object.__setattr__(self, "zone", zone(self.tz))

    def ecef_km(self) -> np.ndarray:
        """Earth-fixed position (x, y, z) in km on the WGS84 ellipsoid."""
        phi = math.radians(self.lat_degrees)
        lam = math.radians(self.lon_degrees)
        h = self.elevation_m / 1000.0
        n = WGS84_A_KM / math.sqrt(1.0 - WGS84_E2 * math.sin(phi) ** 2)
        return np.array(
            [
                (n + h) * math.cos(phi) * math.cos(lam),
                (n + h) * math.cos(phi) * math.sin(lam),
                (n * (1.0 - WGS84_E2) + h) * math.sin(phi),
            ]
        )


def altitude_radians(
    site: Site, track: Track, posix_seconds: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Topocentric altitude of the tracked body (no refraction) and its distance in km."""
    t = np.asarray(posix_seconds, dtype=float)
    return SiteTable([site]).altitude_radians(track, t, np.zeros(t.shape, dtype=int))


class SiteTable:
    """Many sites as arrays, so one vectorised evaluation serves them all."""

    def __init__(self, sites: list[Site]):
        ecef = np.array([s.ecef_km() for s in sites]).reshape(-1, 3)
        self.x, self.y, self.z = ecef[:, 0], ecef[:, 1], ecef[:, 2]
        phi = np.radians([s.lat_degrees for s in sites])
        lam = np.radians([s.lon_degrees for s in sites])
        self.cos_phi, self.sin_phi = np.cos(phi), np.sin(phi)
        self.cos_lam, self.sin_lam = np.cos(lam), np.sin(lam)

    def altitude_radians(
        self, track: Track, t: np.ndarray, rows: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Altitude and distance (km) of the body seen from site `rows[i]` at time `t[i]`."""
        sine, distance = self.altitude_sine(track, t, rows)
        return np.arcsin(sine), distance

    def altitude_sine(
        self, track: Track, t: np.ndarray, rows: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Sine of the altitude (monotonic in it, and cheaper) and distance in km."""
        bx, by, bz, theta = track.position_and_gast_at(t)
        c, s = np.cos(theta), np.sin(theta)
        x, y, z = self.x[rows], self.y[rows], self.z[rows]
        # Body minus site, in the true equator of date (the site turned by sidereal time;
        # polar motion, a few metres, is ignored).
        tx = bx - (x * c - y * s)
        ty = by - (x * s + y * c)
        tz = bz - z
        cos_phi, cos_lam, sin_lam = self.cos_phi[rows], self.cos_lam[rows], self.sin_lam[rows]
        # Zenith: (cos phi cos(lam + theta), cos phi sin(lam + theta), sin phi).
        up_x = cos_phi * (cos_lam * c - sin_lam * s)
        up_y = cos_phi * (sin_lam * c + cos_lam * s)
        distance = np.sqrt(tx * tx + ty * ty + tz * tz)
        sine = (up_x * tx + up_y * ty + self.sin_phi[rows] * tz) / distance
        return np.clip(sine, -1.0, 1.0), distance


def hour_angle_sine(site: Site, track: Track, posix_seconds: np.ndarray) -> np.ndarray:
    """Sine of the body's local hour angle: rises through zero at upper transit."""
    posix_seconds = np.asarray(posix_seconds, dtype=float)
    body = track.position_at(posix_seconds)
    right_ascension = np.arctan2(body[1], body[0])
    hour_angle = track.gast_at(posix_seconds) + math.radians(site.lon_degrees) - right_ascension
    return np.sin(hour_angle)
