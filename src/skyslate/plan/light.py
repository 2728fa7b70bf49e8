"""The light of one shoot day at one location, for call sheets and the board (ISO strings)."""

from __future__ import annotations

import copy
from collections import OrderedDict
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from skyslate.plan.model import Location


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    # to the second: sky windows carry microseconds nobody on a set can use
    moment = (moment + timedelta(microseconds=500_000)).replace(microsecond=0)
    text = moment.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _pairs(windows) -> list[list[str]]:
    return [[_iso(w.start), _iso(w.end)] for w in windows]


_CACHE: OrderedDict = OrderedDict()
_CACHE_SIZE = 4096


def day_light(location: Location, day: date) -> dict:
    """Ground: sunrise, sunset, golden/blue hour, polar; orbit: sunlit, umbra, contacts in shooting hours."""
    # memoised: the web re-serialises a board on every strip drag and must answer in < 100 ms
    key = (
        location.name, location.kind, location.lat_degrees, location.lon_degrees, location.tz,
        tuple(location.shooting_hours), location.element_sets, tuple(location.switch_times_utc),
        location.availability, tuple(sorted(location.ground_stations)), id(location.platform), day,
    )  # fmt: skip
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is location.platform:
        _CACHE.move_to_end(key)
        return copy.deepcopy(hit[1])
    light = (
        _orbit_light(location, day) if location.kind == "orbit" else _ground_light(location, day)
    )
    _CACHE[key] = (location.platform, light)  # the platform is kept so its id cannot be reused
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return copy.deepcopy(light)


def _ground_light(location: Location, day: date) -> dict:
    from skyslate.sky.ground import Site, ground_days

    site = Site(location.lat_degrees, location.lon_degrees, location.tz, name=location.name)
    almanac = ground_days(site, day, day)[0]
    return {
        "sunrise": _iso(almanac["sunrise"]),
        "sunset": _iso(almanac["sunset"]),
        "solar_noon": _iso(almanac["solar_noon"]),
        "golden_hour": [[_iso(a), _iso(b)] for a, b in almanac["golden_hour"]],
        "blue_hour": [[_iso(a), _iso(b)] for a, b in almanac["blue_hour"]],
        "civil_twilight": [[_iso(a), _iso(b)] for a, b in almanac["civil_twilight"]],
        "polar": almanac["polar"],
    }


def shooting_span(location: Location, day: date) -> tuple[datetime, datetime]:
    """The day's shooting hours at the location as a UTC (start, end)."""
    zone = ZoneInfo(location.tz)
    first, last = (time.fromisoformat(t) for t in location.shooting_hours)
    start = datetime.combine(day, first, zone)
    end = datetime.combine(day if last > first else day + timedelta(days=1), last, zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def _orbit_light(location: Location, day: date) -> dict:
    from skyslate.sky.orbit import orbit_windows
    from skyslate.sky.windows import Windows

    start, end = shooting_span(location, day)
    if location.availability is not None:
        inside = location.availability.clip(start, end)
        if not inside:
            return {
                "sunlit": [],
                "umbra": [],
                "contacts": {name: [] for name in location.ground_stations},
            }
        start, end = inside[0].start, inside[len(inside) - 1].end
    platform = location.platform
    if platform is None:
        from skyslate.sky.elements import Platform

        platform = Platform.from_file(location.element_sets, switch_times=location.switch_times_utc)
    contacts = {
        name: _pairs(orbit_windows(platform, "contact", start, end, station=station))
        for name, station in location.ground_stations.items()
    }
    hours = Windows([(start, end)])
    return {
        "sunlit": _pairs(orbit_windows(platform, "sunlit", start, end).intersection(hours)),
        "umbra": _pairs(orbit_windows(platform, "umbra", start, end).intersection(hours)),
        "contacts": contacts,
    }
