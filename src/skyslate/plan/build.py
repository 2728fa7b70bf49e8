"""A validated project file + the breakdown + the sky -> the Production the solver schedules."""

from __future__ import annotations

import difflib
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from skyslate.errors import ElementSetError, ProjectError
from skyslate.plan import schema
from skyslate.plan.hours import availability_windows, hours_windows
from skyslate.plan.model import (
    CastMember,
    Location,
    Person,
    Production,
    Rules,
    TaskRule,
)
from skyslate.plan.needs import SkyCache
from skyslate.plan.scenes import SceneParts
from skyslate.sky.windows import Windows

MAX_CALENDAR_DAYS = 400


def build_production(
    document, *, source: str, base_dir: Path | None, breakdown, files: dict
) -> Production:
    """Resolve every scene's set, cast, people, needs and allowed windows."""
    return _Builder(document, source, base_dir, breakdown, files).build()


class _Builder(SceneParts):
    def __init__(self, document, source, base_dir, breakdown, files):
        self.doc = document
        self.p: schema.ProjectFile = document.project
        self.source = source
        self.base_dir = base_dir
        self.breakdown = breakdown
        self.files = files

    def error(self, path, message) -> ProjectError:
        return self.doc.error(path, message)

    # -- the whole -----------------------------------------------------------

    def build(self) -> Production:
        self._check_zones()
        if self.breakdown is None:
            self.breakdown = self._read_script()
        self.numbers = [scene.number or str(i + 1) for i, scene in enumerate(self.breakdown.scenes)]
        self.shoot_dates = self._calendar()
        self.calendar_dates = [
            self.shoot_dates[0] + timedelta(days=n)
            for n in range((self.shoot_dates[-1] - self.shoot_dates[0]).days + 1)
        ]
        self.locations, platforms, stations, regions = self._locations()
        self.shoot_dates = self._dates_with_a_location()
        cast = self._cast()
        people = self._people()
        rules = self._rules()
        tasks = self._tasks(people)
        spans = {loc.name: self._span(loc, i) for i, loc in enumerate(self.locations)}
        self.sky = SkyCache(spans, platforms, stations, regions)
        scenes = self._scenes(cast, people)
        production = Production(
            title=self.p.production.title,
            breakdown=self.breakdown,
            cast=cast,
            people=people,
            locations=self.locations,
            scenes=scenes,
            shoot_dates=self.shoot_dates,
            rules=rules,
            tasks=tasks,
            source=self.source,
            calendar_dates=self.calendar_dates,
            # weekdays off and holidays are never holds; a hiatus (no location free) is
            days_off=[d for d in self.calendar_dates if self._day_off(d)],
            key_lines=self.doc.lines,
        )
        production.sky = self.sky  # windows of needs, for explanations and light tables
        return production

    # -- pieces --------------------------------------------------------------

    def _zone(self, name: str, path) -> ZoneInfo:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            guess = difflib.get_close_matches(name, _common_zones(), n=1)
            hint = f" (did you mean '{guess[0]}'?)" if guess else ""
            raise self.error(
                path,
                f"unknown time zone '{name}'{hint}; give an IANA zone such as Europe/Moscow or UTC",
            ) from None

    def _check_zones(self) -> None:
        self._zone(self.p.calendar.tz, ("calendar", "tz"))
        for i, loc in enumerate(self.p.locations):
            if loc.tz is not None:  # an empty string is a mistake, not "use the default"
                self._zone(loc.tz, ("locations", i, "tz"))
        for table in ("cast", "people", "locations"):
            for i, entry in enumerate(getattr(self.p, table)):
                for j, span in enumerate(entry.available or []):
                    if span.tz is not None:
                        self._zone(span.tz, (table, i, "available", j, "tz"))

    def _read_script(self):
        name = self.p.production.script
        path = Path(name) if self.base_dir is None else self.base_dir / name
        if path.is_dir():
            raise self.error(
                ("production", "script"), f"script '{name}' is a folder, not a screenplay file"
            )
        if not path.is_file():
            raise self.error(
                ("production", "script"), f"script file '{name}' not found (looked for {path})"
            )
        from skyslate.script import read_script

        return read_script(path)

    def _day_off(self, day: date) -> bool:
        cal = self.p.calendar
        weekday = schema.WEEKDAYS[day.weekday()]
        return weekday in cal.weekdays_off or day in set(cal.holidays)

    def _calendar(self) -> list[date]:
        cal = self.p.calendar
        off = {schema.WEEKDAYS.index(d) for d in cal.weekdays_off}
        holidays = set(cal.holidays)
        if len(off) == 7:
            raise self.error(
                ("calendar", "weekdays_off"),
                "every weekday is off; leave at least one shooting weekday",
            )
        dates = []
        day = cal.first_day
        while True:
            if cal.last_day is not None and day > cal.last_day:
                break
            if cal.shoot_days is not None and len(dates) == cal.shoot_days:
                break
            if (day - cal.first_day).days > MAX_CALENDAR_DAYS:
                raise self.error(
                    ("calendar",), f"the calendar runs over {MAX_CALENDAR_DAYS} days; shorten it"
                )
            if day.weekday() not in off and day not in holidays:
                dates.append(day)
            day += timedelta(days=1)
        if not dates:
            raise self.error(
                ("calendar",), "the calendar has no shooting day (every day is off or a holiday)"
            )
        last = cal.last_day or dates[-1]
        for k, holiday in enumerate(cal.holidays):
            if not cal.first_day <= holiday <= last:  # most likely a typo in the year or month
                raise self.error(
                    ("calendar", "holidays", k),
                    f"holiday {holiday} is outside the calendar ({cal.first_day} to {last})",
                )
        return dates

    def _locations(self):
        locations, platforms, stations, regions = [], {}, {}, {}
        seen: dict[str, int] = {}
        for i, entry in enumerate(self.p.locations):
            if entry.name in seen:
                raise self.error(
                    ("locations", i, "name"),
                    f"location '{entry.name}' is already defined (locations[{seen[entry.name] + 1}])",
                )
            seen[entry.name] = i
            orbit = entry.kind == "orbit"
            hours = entry.hours or (self.p.hours.orbit if orbit else self.p.hours.ground)
            start, end = schema.parse_hours(hours)
            location = Location(
                name=entry.name,
                kind=entry.kind,
                tz="UTC" if orbit else entry.tz,
                lat_degrees=entry.lat,
                lon_degrees=entry.lon,
                element_sets=entry.element_sets,
                switch_times_utc=[t.astimezone(UTC) for t in entry.switch_times],
                sets=[s.name for s in entry.sets],
                shooting_hours=(start.strftime("%H:%M"), end.strftime("%H:%M")),
            )
            location.stations = [s.name for s in entry.stations]
            location.regions = [r.name for r in entry.regions]
            location.availability = self._available(entry.available, "locations", i)
            if orbit:
                platforms[entry.name] = location.platform = self._platform(entry, i)
                from skyslate.sky.orbit import GroundStation

                for station in entry.stations:
                    stations[(entry.name, station.name)] = GroundStation(
                        station.name,
                        station.lat,
                        station.lon,
                        min_elevation_degrees=station.min_elevation_degrees,
                    )
                    location.ground_stations[station.name] = stations[(entry.name, station.name)]
                for region in entry.regions:
                    regions[(entry.name, region.name)] = _region(region)
            elif entry.stations or entry.regions:
                key = "stations" if entry.stations else "regions"
                raise self.error(
                    ("locations", i, key),
                    f"{key} belong to orbital platforms; {entry.name} is a ground site",
                )
            locations.append(location)
        return locations, platforms, stations, regions

    def _platform(self, entry, i):
        name = entry.element_sets
        path = ("locations", i, "element_sets")
        from skyslate.sky.elements import Platform, parse_element_sets

        if name in self.files:
            text = self.files[name].decode("utf-8", "replace")
            sets = parse_element_sets(text, name)
            if not sets:
                raise self.error(path, f"element-set file '{name}' holds no element sets")
            return Platform(sets[0].name, tuple(sets), switch_times=tuple(entry.switch_times))
        file = Path(name) if self.base_dir is None else self.base_dir / name
        if not file.is_file():
            raise self.error(path, f"element-set file '{name}' not found (looked for {file})")
        try:
            return Platform.from_file(file, switch_times=entry.switch_times)
        except ElementSetError as error:
            if error.path is not None:
                raise  # a bad line in the element-set file: that file and line say it best
            raise self.error(("locations", i, "switch_times"), error.message) from None

    def _available(self, spans, table: str, i: int) -> Windows | None:
        """Availability entries -> Windows (None = always)."""
        if spans is None:
            return None
        result = Windows()
        for span in spans:
            zone = ZoneInfo(span.tz or self.p.calendar.tz)
            result = result.union(availability_windows(span, zone))
        return result

    def _script_names(self) -> list[str]:
        names: list[str] = []
        for scene in self.breakdown.scenes:
            for name in list(scene.speaking) + list(scene.characters):
                if name.upper() not in names:
                    names.append(name.upper())
        return names

    def _cast(self) -> list[CastMember]:
        names = self._script_names()
        cast, ids, owner = [], {}, {}
        for i, entry in enumerate(self.p.cast):
            if entry.id in ids:
                raise self.error(
                    ("cast", i, "id"), f"board id {entry.id} is already used by {ids[entry.id]}"
                )
            ids[entry.id] = entry.actor
            for j, character in enumerate(entry.characters):
                upper = character.upper()
                if upper not in names:
                    guess = difflib.get_close_matches(upper, names, n=1)
                    hint = f" (did you mean '{guess[0]}'?)" if guess else ""
                    raise self.error(
                        ("cast", i, "characters", j),
                        f"character '{character}' is not in the script{hint}; script characters: {', '.join(names)}",
                    )
                if upper in owner:
                    raise self.error(
                        ("cast", i, "characters", j),
                        f"character '{character}' is already played by {owner[upper]}",
                    )
                owner[upper] = entry.actor
            cast.append(
                CastMember(
                    id=entry.id,
                    name=entry.characters[0].upper(),
                    actor=entry.actor,
                    rate_per_day=entry.rate_per_day,
                    characters=[c.upper() for c in entry.characters],
                    availability=self._available(entry.available, "cast", i),
                    hold_allowed=entry.hold_allowed,
                    drop_allowed=entry.drop_allowed,
                    drop_min_gap_days=entry.drop_min_gap_days,
                )
            )
        self.character_ids = {name: member.id for member in cast for name in member.characters}
        return cast

    def _people(self) -> list[Person]:
        people, seen = [], set()
        for i, entry in enumerate(self.p.people):
            if entry.name in seen:
                raise self.error(("people", i, "name"), f"person '{entry.name}' is already listed")
            seen.add(entry.name)
            people.append(
                Person(
                    name=entry.name,
                    roles=list(entry.roles),
                    availability=self._available(entry.available, "people", i),
                    rate_per_day=entry.rate_per_day,
                )
            )
        return people

    def _holder(self, role: str, people: list[Person], path, why: str = "") -> Person:
        for person in people:
            if role in person.roles:
                return person
        roles = sorted({r for p in people for r in p.roles})
        guess = difflib.get_close_matches(role, roles, n=1)
        hint = f" (did you mean '{guess[0]}'?)" if guess else ""
        needed = f" needed {why}" if why else ""
        raise self.error(
            path,
            f"nobody has the role '{role}'{needed}{hint}; roles held: {', '.join(roles) or 'none'}",
        )

    def _moves(self) -> dict[tuple[str, str], int]:
        names = [loc.name for loc in self.p.locations]
        between = {}
        for i, move in enumerate(self.p.moves):
            for j, name in enumerate(move.between):
                if name not in names:
                    guess = difflib.get_close_matches(name, names, n=1)
                    hint = f" (did you mean '{guess[0]}'?)" if guess else ""
                    raise self.error(
                        ("moves", i, "between", j),
                        f"no location named '{name}'{hint}; locations: {', '.join(names)}",
                    )
            a, b = move.between
            between[(a, b)] = between[(b, a)] = move.minutes
        return between

    def _rules(self) -> Rules:
        r, rates = self.p.rules, self.p.rates
        return Rules(
            move_minutes_between=self._moves(),
            max_hours_per_day=r.max_hours_per_day,
            overtime_rate_per_hour=rates.overtime_per_hour,
            turnaround_hours=r.crew_turnaround_hours,
            performer_rest_hours=r.performer_rest_hours,
            company_move_minutes=r.company_move_minutes,
            cost_per_move=rates.per_company_move,
            cost_per_shoot_day=rates.per_shoot_day,
        )

    def _tasks(self, people) -> list[TaskRule]:
        tasks = []
        for i, entry in enumerate(self.p.tasks):
            self._holder(entry.role, people, ("tasks", i, "role"), f"for the task '{entry.kind}'")
            tasks.append(
                TaskRule(
                    kind=entry.kind, role=entry.role, minutes=entry.minutes, trigger=entry.trigger
                )
            )
        return tasks

    def _dates_with_a_location(self) -> list[date]:
        """Calendar dates on which at least one location is available during its hours."""
        dates = []
        for day in self.shoot_dates:
            for location in self.locations:
                if location.availability is None or location.availability.intersection(
                    hours_windows(location, [day])
                ):
                    dates.append(day)
                    break
        if not dates:
            raise self.error(
                ("locations",), "no location is available on any shooting day of the calendar"
            )
        return dates

    def _span(self, location: Location, i: int) -> tuple[datetime, datetime]:
        """The UTC span the sky is asked about: the calendar, cut to the location's availability."""
        zone = ZoneInfo(location.tz)
        start = datetime.combine(self.shoot_dates[0], time(0), zone).astimezone(UTC)
        end = datetime.combine(self.shoot_dates[-1] + timedelta(days=2), time(0), zone).astimezone(
            UTC
        )
        if location.availability is not None:
            cut = location.availability.clip(start, end)
            if not cut:
                raise self.error(
                    ("locations", i, "available"),
                    f"{location.name} is available on no shooting day "
                    f"({self.shoot_dates[0]} to {self.shoot_dates[-1]})",
                )
            start, end = cut[0].start, cut[len(cut) - 1].end
        return start, end


def _region(region: schema.RegionEntry):
    from skyslate.sky.orbit import CircleRegion

    return CircleRegion(region.lat, region.lon, region.radius_km, name=region.name)


def _common_zones() -> list[str]:
    from zoneinfo import available_timezones

    return sorted(available_timezones())
