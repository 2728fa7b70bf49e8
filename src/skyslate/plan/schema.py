"""The shape of skyslate.toml as pydantic models: types, ranges and the keys allowed.

Only what one table can check on its own lives here; rules that cross tables
(a cast name in the script, a need the location can have) are in `project.py`.
"""

from __future__ import annotations

import datetime as _dt
import re
from datetime import date, datetime, time

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    field_validator,
    model_validator,
)

NEED_WORDS_GROUND = ("day", "night", "golden_hour", "blue_hour", "civil_twilight")
NEED_WORDS_ORBIT = ("sunlit", "umbra", "penumbra", "ground_day", "ground_night")
NEED_PREFIXES_ORBIT = ("contact", "over")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
TRIGGERS = ("cast_first_scene_of_day", "set_change", "scene")

# money is scaled to whole numbers inside CP-SAT; far above any real rate, well inside int64
MAX_MONEY = 1_000_000_000
MAX_MOVE_MINUTES = 10_080  # a week

_HOURS = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def parse_hours(text: str) -> tuple[time, time]:
    """'18:00-21:00' -> (18:00, 21:00); an end at or before the start runs past midnight."""
    match = _HOURS.match(text)
    if not match:
        raise ValueError(f"expected hours like '07:00-19:00', got {text!r}")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59 or (h2 == 24 and m2):
        raise ValueError(f"expected hours like '07:00-19:00' (00:00 to 24:00), got {text!r}")
    return time(h1, m1), (time(0, 0) if h2 == 24 else time(h2, m2))


def split_needs(text: str) -> list[str]:
    """'sunlit and ground_day' -> ['sunlit', 'ground_day']; '' -> []."""
    words = [w.strip() for w in re.split(r"\s+and\s+", text.strip()) if w.strip()]
    for word in words:
        if " " in word:
            raise ValueError(f"needs are combined with 'and' only, got {text!r}")
    return words


def _not_before(value, info, earlier: str):
    """A date that must not come before the already-validated field `earlier`."""
    first = info.data.get(earlier)
    if value is not None and first is not None and value < first:
        raise ValueError(f"{value} is before {earlier} ({first})")
    return value


class Strict(BaseModel):
    """Every table forbids keys it does not know (reported with a 'did you mean')."""

    # strict numbers: TOML `true` is not 1, and inf / nan are no rate or position
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)


Moment = date | datetime


class Availability(Strict):
    """A span of dates (inclusive) or instants, optionally only some hours of each day."""

    from_: Moment = Field(alias="from")
    to: Moment
    hours: str | None = None  # "18:00-21:00": only these hours of each day
    tz: str | None = None  # zone of `hours` and of plain dates; default calendar.tz

    model_config = ConfigDict(extra="forbid", populate_by_name=True, allow_inf_nan=False)

    @field_validator("hours")
    @classmethod
    def _hours(cls, value):
        if value is not None:
            parse_hours(value)
        return value

    @field_validator("from_", "to")
    @classmethod
    def _aware(cls, value):
        if isinstance(value, datetime) and value.tzinfo is None:
            raise ValueError(f"give the time with an offset, e.g. {value.isoformat()}Z")
        return value

    @field_validator("to")
    @classmethod
    def _order(cls, value, info):
        first = info.data.get("from_")
        if first is None:
            return value
        both = isinstance(first, datetime) and isinstance(value, datetime)
        if (value < first) if both else (_day(value) < _day(first)):
            raise ValueError(f"{value} is before 'from' ({first})")
        return value


def _day(moment) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


class Production(Strict):
    title: str
    script: str


class Calendar(Strict):
    first_day: date
    last_day: date | None = None
    shoot_days: StrictInt | None = Field(default=None, ge=1, le=400)
    weekdays_off: list[str] = Field(default_factory=list)
    holidays: list[date] = Field(default_factory=list)
    tz: str = "UTC"

    @field_validator("weekdays_off")
    @classmethod
    def _weekdays(cls, values):
        out = []
        for value in values:
            word = value.lower()
            full = [d for d in WEEKDAYS if d.startswith(word[:3])] if len(word) >= 3 else []
            if len(full) != 1:
                raise ValueError(f"{value!r} is not a weekday; use one of {', '.join(WEEKDAYS)}")
            out.append(full[0])
        return out

    @field_validator("last_day")
    @classmethod
    def _after_first(cls, value, info):
        return _not_before(value, info, "first_day")

    @model_validator(mode="after")
    def _end(self):
        if self.last_day is None and self.shoot_days is None:
            raise ValueError("give last_day or shoot_days")
        return self


class Hours(Strict):
    ground: str = "07:00-19:00"  # local time of each site
    orbit: str = "08:00-21:30"  # UTC aboard a station

    @field_validator("ground", "orbit")
    @classmethod
    def _hours(cls, value):
        parse_hours(value)
        return value


class Rates(Strict):
    minutes_per_eighth: StrictFloat = Field(default=10.0, gt=0, le=480)
    overtime_per_hour: StrictFloat = Field(default=0.0, ge=0, le=MAX_MONEY)
    per_shoot_day: StrictFloat = Field(default=0.0, ge=0, le=MAX_MONEY)
    per_company_move: StrictFloat = Field(default=0.0, ge=0, le=MAX_MONEY)


class Rules(Strict):
    max_hours_per_day: StrictFloat = Field(default=12.0, gt=0, le=24)
    crew_turnaround_hours: StrictFloat = Field(default=10.0, ge=0, le=24)
    performer_rest_hours: StrictFloat = Field(default=12.0, ge=0, le=24)
    company_move_minutes: StrictInt = Field(default=60, ge=0, le=MAX_MOVE_MINUTES)
    roles_on_set: list[str] = Field(default_factory=lambda: ["director", "camera", "sound"])


class CastEntry(Strict):
    id: StrictInt = Field(ge=1, le=9999)
    characters: list[str] = Field(min_length=1)
    actor: str
    rate_per_day: StrictFloat = Field(ge=0, le=MAX_MONEY)
    available: list[Availability] | None = None
    hold_allowed: StrictBool = True
    drop_allowed: StrictBool = False
    drop_min_gap_days: StrictInt = Field(default=10, ge=0, le=400)

    @field_validator("characters", mode="before")
    @classmethod
    def _one_or_many(cls, value):
        return [value] if isinstance(value, str) else value


class PersonEntry(Strict):
    name: str
    roles: list[str] = Field(min_length=1)
    available: list[Availability] | None = None
    rate_per_day: StrictFloat = Field(default=0.0, ge=0, le=MAX_MONEY)


class SetEntry(Strict):
    name: str
    script: list[str] = Field(
        default_factory=list
    )  # location texts of the script that mean this set
    needs: str | None = None

    @field_validator("needs")
    @classmethod
    def _needs(cls, value):
        if value is not None:
            split_needs(value)
        return value


class StationEntry(Strict):
    name: str
    lat: StrictFloat = Field(ge=-90, le=90)
    lon: StrictFloat = Field(ge=-180, le=180)
    min_elevation_degrees: StrictFloat = Field(default=10.0, ge=0, lt=90)


class RegionEntry(Strict):
    name: str
    lat: StrictFloat = Field(ge=-90, le=90)
    lon: StrictFloat = Field(ge=-180, le=180)
    radius_km: StrictFloat = Field(gt=0, le=20_000)


class LocationEntry(Strict):
    name: str
    lat: StrictFloat | None = Field(default=None, ge=-90, le=90)
    lon: StrictFloat | None = Field(default=None, ge=-180, le=180)
    tz: str | None = None
    element_sets: str | None = None
    switch_times: list[datetime] = Field(default_factory=list)

    @field_validator("switch_times")
    @classmethod
    def _aware(cls, values):
        for value in values:
            if value.tzinfo is None:
                raise ValueError(f"give switch times with an offset, e.g. {value.isoformat()}Z")
        for earlier, later in zip(values, values[1:], strict=False):
            if later <= earlier:
                raise ValueError(
                    f"switch times go in order: {later.isoformat()} comes after {earlier.isoformat()}"
                )
        return values

    hours: str | None = None
    available: list[Availability] | None = None
    stations: list[StationEntry] = Field(default_factory=list)
    regions: list[RegionEntry] = Field(default_factory=list)
    sets: list[SetEntry] = Field(min_length=1)

    @field_validator("sets", mode="before")
    @classmethod
    def _plain_names(cls, value):
        if isinstance(value, list):
            return [{"name": v} if isinstance(v, str) else v for v in value]
        return value

    @field_validator("hours")
    @classmethod
    def _hours(cls, value):
        if value is not None:
            parse_hours(value)
        return value

    @model_validator(mode="after")
    def _kind(self):
        if self.element_sets is None:
            missing = [k for k in ("lat", "lon", "tz") if getattr(self, k) is None]
            if missing:
                raise ValueError(
                    f"location {self.name!r} needs lat, lon and tz (a ground site) "
                    f"or element_sets (an orbital platform); missing {', '.join(missing)}"
                )
        elif self.lat is not None or self.lon is not None:
            raise ValueError(
                f"location {self.name!r} has both element_sets and lat/lon: "
                "a location is a ground site or an orbital platform, not both"
            )
        return self

    @property
    def kind(self) -> str:
        return "orbit" if self.element_sets else "ground"


class MoveEntry(Strict):
    between: list[str] = Field(min_length=2, max_length=2)  # two location names
    minutes: StrictInt = Field(ge=0, le=MAX_MOVE_MINUTES)

    @field_validator("between")
    @classmethod
    def _two_places(cls, value):
        if value[0] == value[1]:
            raise ValueError(f"a move is between two different locations, got {value[0]!r} twice")
        return value


class TaskEntry(Strict):
    kind: str
    role: str
    minutes: StrictInt = Field(gt=0, le=600)
    trigger: str

    @field_validator("trigger")
    @classmethod
    def _trigger(cls, value):
        if value not in TRIGGERS:
            raise ValueError(f"trigger {value!r} is not one of {', '.join(TRIGGERS)}")
        return value


class SceneOverride(Strict):
    duration_minutes: StrictInt | None = Field(default=None, gt=0, le=1440)
    needs: str | None = None
    date: _dt.date | None = None  # a fixed shoot date
    not_before: _dt.date | None = None
    not_after: _dt.date | None = None
    after: list[str] = Field(default_factory=list)  # must follow these scenes
    split_min_minutes: StrictInt | None = Field(default=None, gt=0, le=1440)
    cast: list[StrictInt] = Field(default_factory=list)  # extra board ids
    not_on_set: list[str] = Field(
        default_factory=list
    )  # characters heard or seen but not on set (V.O., a screen)
    people: list[str] = Field(default_factory=list)  # extra people on set
    set: str | None = None
    # only these hours of each day (location's local time, UTC aboard a station), within
    # the location's shooting hours: a DAWN scene is shot at dawn, not in the evening
    hours: str | None = None

    @field_validator("hours")
    @classmethod
    def _hours(cls, value):
        if value is not None:
            parse_hours(value)
        return value

    @field_validator("after", mode="before")
    @classmethod
    def _after(cls, value):
        if isinstance(value, (str, int)):
            value = [value]
        return [str(v) for v in value] if isinstance(value, list) else value

    @field_validator("needs")
    @classmethod
    def _needs(cls, value):
        if value is not None:
            split_needs(value)
        return value

    @field_validator("not_after")
    @classmethod
    def _order(cls, value, info):
        return _not_before(value, info, "not_before")


class NeedDefaults(Strict):
    """Needs of ground scenes by INT/EXT x DAY/NIGHT ('' = nothing)."""

    ext_day: str = "day"
    ext_night: str = "night"
    int_day: str = ""
    int_night: str = ""

    @field_validator("*")
    @classmethod
    def _needs(cls, value):
        split_needs(value)
        return value


class ProjectFile(Strict):
    """The whole of skyslate.toml."""

    production: Production
    calendar: Calendar
    hours: Hours = Field(default_factory=Hours)
    rates: Rates = Field(default_factory=Rates)
    rules: Rules = Field(default_factory=Rules)
    needs: NeedDefaults = Field(default_factory=NeedDefaults)
    cast: list[CastEntry] = Field(default_factory=list)
    people: list[PersonEntry] = Field(default_factory=list)
    locations: list[LocationEntry] = Field(min_length=1)
    tasks: list[TaskEntry] = Field(default_factory=list)
    moves: list[MoveEntry] = Field(default_factory=list)
    scenes: dict[str, SceneOverride] = Field(default_factory=dict)
