"""Offline Skyfield (timescale, DE421 from skyfield-data) and the Sun and Moon on a time grid."""

from __future__ import annotations

import atexit
import functools
import warnings
from dataclasses import dataclass
from datetime import UTC, date, datetime

import numpy as np

from skyslate.errors import SkyError

SECONDS_PER_DAY = 86400.0
JD_UNIX_EPOCH = 2440587.5  # Julian date of 1970-01-01T00:00 UTC
NODE_STEP_SECONDS = 3600.0  # Sun and Moon are interpolated between hourly nodes
MOON_RADIUS_KM = 1737.4
SUN_RADIUS_KM = 695700.0  # IAU 2015 nominal solar radius
# DE421 covers 1899-07-29 .. 2053-10-09; the cache rounds spans out to 10-day blocks,
# so keep a margin of a month at each end.
FIRST_COVERED_DATE = date(1900, 1, 1)
LAST_COVERED_DATE = date(2053, 8, 31)


@functools.cache
def _loader():
    from skyfield.api import Loader
    from skyfield_data import get_skyfield_data_path

    # skyfield-data warns once its bundled IERS file passes its "expiry" date; the
    # file is still right for past dates and Skyfield's built-in Delta T is used anyway.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*has expired", category=RuntimeWarning)
        path = get_skyfield_data_path()
    return Loader(path, verbose=False)


@functools.cache
def timescale():
    """Skyfield timescale with its built-in Delta T table (no file, no network)."""
    return _loader().timescale()


@functools.cache
def ephemeris():
    """The JPL DE421 ephemeris shipped by skyfield-data (never downloaded)."""
    kernel = _loader()("de421.bsp")
    atexit.register(kernel.close)  # the file stays open for the process; close it cleanly at exit
    return kernel


def seconds(moment: datetime) -> float:
    """POSIX seconds of an aware datetime."""
    return moment.timestamp()


def moment(posix_seconds: float) -> datetime:
    """Aware UTC datetime of POSIX seconds, rounded to the microsecond."""
    return datetime.fromtimestamp(round(float(posix_seconds), 6), tz=UTC)


def moments(posix_seconds: np.ndarray) -> list[datetime]:
    """Aware UTC datetimes for an array of POSIX seconds (vectorised, to the microsecond)."""
    micro = np.round(np.asarray(posix_seconds, dtype=float) * 1e6).astype("int64")
    return [naive.replace(tzinfo=UTC) for naive in micro.astype("datetime64[us]").astype(object)]


def times(posix_seconds: np.ndarray):
    """Skyfield Time array for POSIX seconds (leap seconds handled by Skyfield)."""
    posix_seconds = np.asarray(posix_seconds, dtype=float)
    days = np.floor(posix_seconds / SECONDS_PER_DAY)
    return timescale().utc(1970, 1, 1 + days, 0, 0, posix_seconds - days * SECONDS_PER_DAY)


@dataclass(frozen=True)
class Track:
    """A body's apparent geocentric position (true equator of date, km) on hourly nodes."""

    node_seconds: np.ndarray
    position_km: np.ndarray  # shape (3, n)
    gast_radians: np.ndarray  # unwrapped Greenwich apparent sidereal time
    gmst82_radians: np.ndarray  # unwrapped GMST (IAU 1982), the Earth angle of SGP4's TEME frame

    def position_at(self, posix_seconds: np.ndarray) -> np.ndarray:
        """Linearly interpolated position (3, n); the hourly chord errs by < 3 arcsec for the Moon."""
        return np.stack(self.position_and_gast_at(posix_seconds)[:3])

    def position_and_gast_at(self, posix_seconds: np.ndarray):
        """(x, y, z, gast) at the times; the nodes are evenly spaced, so no search is needed."""
        t = np.asarray(posix_seconds, dtype=float)
        where = np.clip(
            (t - self.node_seconds[0]) / NODE_STEP_SECONDS, 0, self.node_seconds.size - 1.000001
        )
        index = where.astype(np.intp)
        weight = where - index
        return tuple(
            series[index] + weight * (series[index + 1] - series[index])
            for series in (*self.position_km, self.gast_radians)
        )

    def gast_at(self, posix_seconds: np.ndarray) -> np.ndarray:
        """Greenwich apparent sidereal time, radians (Earth rotation is linear to < 1 ms per hour)."""
        return np.interp(posix_seconds, self.node_seconds, self.gast_radians)

    def gmst82_at(self, posix_seconds: np.ndarray) -> np.ndarray:
        """Greenwich mean sidereal time (IAU 1982), radians."""
        return np.interp(posix_seconds, self.node_seconds, self.gmst82_radians)

    def position_teme_at(self, posix_seconds: np.ndarray) -> np.ndarray:
        """Position (3, n) in SGP4's TEME frame: true equator of date turned by GMST82 - GAST."""
        position = self.position_at(posix_seconds)
        angle = self.gmst82_at(posix_seconds) - self.gast_at(posix_seconds)
        c, s = np.cos(angle), np.sin(angle)
        return np.stack(
            [c * position[0] - s * position[1], s * position[0] + c * position[1], position[2]]
        )


def node_grid(start_seconds: float, end_seconds: float) -> np.ndarray:
    """Hourly nodes covering the span with two spare nodes each side."""
    first = np.floor(start_seconds / NODE_STEP_SECONDS) - 2
    last = np.ceil(end_seconds / NODE_STEP_SECONDS) + 2
    return np.arange(first, last + 1) * NODE_STEP_SECONDS


@functools.lru_cache(maxsize=32)
def track(body: str, first_node: float, last_node: float) -> Track:
    """Apparent Sun or Moon ('sun'/'moon') on hourly nodes between two node times."""
    from skyfield.framelib import true_equator_and_equinox_of_date
    from skyfield.nutationlib import iau2000b_radians
    from skyfield.sgp4lib import theta_GMST1982

    node_seconds = np.arange(first_node, last_node + 1, NODE_STEP_SECONDS)
    t = times(node_seconds)
    # IAU 2000B nutation (1 mas) instead of 2000A: Skyfield's almanac does the same
    # for rise/set searches, and it is ten times faster.
    t._nutation_angles_radians = iau2000b_radians(t)
    eph = ephemeris()
    target = eph["sun"] if body == "sun" else eph["moon"]
    apparent = eph["earth"].at(t).observe(target).apparent()
    position = apparent.frame_xyz(true_equator_and_equinox_of_date).km
    gast = np.unwrap(np.radians(np.asarray(t.gast) * 15.0))
    gmst82 = np.unwrap(theta_GMST1982(t.whole, t.ut1_fraction)[0])
    return Track(node_seconds, np.asarray(position), gast, gmst82)


def check_covered(start_seconds: float, end_seconds: float) -> None:
    """SkyError unless the span lies within the dates the bundled DE421 ephemeris covers."""
    first = datetime(*FIRST_COVERED_DATE.timetuple()[:3], tzinfo=UTC).timestamp()
    last = datetime(*LAST_COVERED_DATE.timetuple()[:3], 23, 59, 59, tzinfo=UTC).timestamp()
    if start_seconds < first or end_seconds > last:
        outside = start_seconds if start_seconds < first else end_seconds
        raise SkyError(
            f"{moment(outside).date()} is outside the bundled DE421 ephemeris; give times from"
            f" {FIRST_COVERED_DATE} to {LAST_COVERED_DATE}"
        )


def body_track(body: str, start_seconds: float, end_seconds: float) -> Track:
    """The cached hourly track of the Sun or Moon covering a span of POSIX seconds."""
    check_covered(start_seconds, end_seconds)
    grid = node_grid(start_seconds, end_seconds)
    # Round the span out to 10-day blocks so requests for nearby spans (many sites,
    # several time zones) share one cache entry.
    block = 10 * SECONDS_PER_DAY
    first = np.floor(grid[0] / block) * block - NODE_STEP_SECONDS * 2
    last = np.ceil(grid[-1] / block) * block + NODE_STEP_SECONDS * 2
    return track(body, float(first), float(last))
