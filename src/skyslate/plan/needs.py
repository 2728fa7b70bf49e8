"""Needs in words -> Windows from the sky engine, computed once per location and need."""

from __future__ import annotations

from datetime import datetime, timedelta

from skyslate.plan.model import Location
from skyslate.plan.schema import NEED_PREFIXES_ORBIT, NEED_WORDS_GROUND, NEED_WORDS_ORBIT
from skyslate.sky.windows import Windows


def need_problem(
    word: str, location: Location, stations: list[str], regions: list[str]
) -> str | None:
    """Why `word` cannot be a need at `location`, or None when it can."""
    if location.kind == "ground":
        if word in NEED_WORDS_GROUND:
            return None
        if word in NEED_WORDS_ORBIT or word.split(":")[0] in NEED_PREFIXES_ORBIT:
            return (
                f"'{word}' is an orbit need and {location.name} is a ground site; "
                f"ground needs are {', '.join(NEED_WORDS_GROUND)}"
            )
        return f"unknown need '{word}'; ground needs are {', '.join(NEED_WORDS_GROUND)}"
    prefix, _, name = word.partition(":")
    if word in NEED_WORDS_ORBIT:
        return None
    if prefix == "contact" and name:
        if name in stations:
            return None
        known = ", ".join(stations) or "none"
        return f"'{word}' names no ground station of {location.name} (stations: {known})"
    if prefix == "over" and name:
        if name in regions:
            return None
        known = ", ".join(regions) or "none"
        return f"'{word}' names no region of {location.name} (regions: {known})"
    if word in NEED_WORDS_GROUND:
        return (
            f"'{word}' is a ground need and {location.name} is an orbital platform; "
            f"orbit needs are {', '.join(NEED_WORDS_ORBIT)}, contact:STATION, over:REGION"
        )
    return (
        f"unknown need '{word}'; orbit needs are {', '.join(NEED_WORDS_ORBIT)}, "
        "contact:STATION, over:REGION"
    )


class SkyCache:
    """Windows of each (location, need) over a span, asked of the sky engine once."""

    def __init__(
        self,
        spans: dict[str, tuple[datetime, datetime]],
        platforms: dict,
        stations: dict,
        regions: dict,
    ):
        self._spans = spans  # location name -> (start_utc, end_utc)
        self._platforms = platforms  # orbit location name -> sky Platform
        self._stations = stations  # (location, station name) -> sky GroundStation
        self._regions = regions  # (location, region name) -> region for orbit_windows
        self._cache: dict[tuple[str, str], Windows] = {}
        self._sites: dict[str, object] = {}

    def span(self, location: Location) -> tuple[datetime, datetime]:
        return self._spans[location.name]

    def windows(self, location: Location, word: str) -> Windows:
        """When `word` holds at `location` over its span."""
        key = (location.name, word)
        if key not in self._cache:
            self._cache[key] = self._compute(location, word)
        return self._cache[key]

    def all_of(self, location: Location, words: list[str]) -> Windows:
        """When every need in `words` holds at once (no needs: the whole span)."""
        start, end = self.span(location)
        result = Windows([(start, end)])
        for word in words:
            result = result.intersection(self.windows(location, word))
        return result

    def _compute(self, location: Location, word: str) -> Windows:
        start, end = self.span(location)
        if location.kind == "ground":
            from skyslate.sky.ground import Site, ground_windows

            site = self._sites.get(location.name)
            if site is None:
                site = Site(
                    location.lat_degrees, location.lon_degrees, location.tz, name=location.name
                )
                self._sites[location.name] = site
            return ground_windows(site, word, start, end)
        from skyslate.sky.orbit import orbit_windows

        platform = self._platforms[location.name]
        prefix, _, name = word.partition(":")
        if prefix == "contact":
            return orbit_windows(
                platform, "contact", start, end, station=self._stations[(location.name, name)]
            )
        if prefix == "over":
            return orbit_windows(
                platform, "over", start, end, region=self._regions[(location.name, name)]
            )
        return orbit_windows(platform, word, start, end)


def pad_span(start: datetime, end: datetime) -> tuple[datetime, datetime]:
    """A span a little wider than asked, so windows at its edges are whole."""
    return start - timedelta(hours=1), end + timedelta(hours=1)
