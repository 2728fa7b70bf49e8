"""The production the solver schedules: people, places, calendar and what each scene needs.

`plan/` builds a Production from a project file (skyslate.toml) and a Breakdown;
`solve/` turns it into a Schedule. Every time here is a timezone-aware datetime;
every window set is a `skyslate.sky.windows.Windows` (half-open UTC intervals).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from skyslate.script.model import Breakdown
    from skyslate.sky.windows import Windows


@dataclass
class CastMember:
    """An actor on the board: paid every day from first to last work day."""

    id: int  # board id, 1 = lead
    name: str  # the main character name as the script writes it (upper case)
    actor: str
    rate_per_day: float
    characters: list[str] = field(default_factory=list)  # every script name this actor plays
    availability: Windows | None = None  # None = always available
    hold_allowed: bool = True
    drop_allowed: bool = False
    drop_min_gap_days: int = 10  # a drop/pick-up needs more than this many calendar days off


@dataclass
class Person:
    """A real crew member; one person, one resource, however many roles."""

    name: str
    roles: list[str]
    availability: Windows | None = None
    rate_per_day: float = 0.0


@dataclass
class Location:
    """A ground site or an orbital platform, with the sets it holds."""

    name: str
    kind: str  # "ground" | "orbit"
    tz: str  # IANA zone; "UTC" aboard a station
    lat_degrees: float | None = None  # ground only
    lon_degrees: float | None = None
    element_sets: str | None = None  # orbit only: path of the TLE file
    switch_times_utc: list[datetime] = field(default_factory=list)
    sets: list[str] = field(default_factory=list)
    shooting_hours: tuple[str, str] = ("07:00", "19:00")  # local "HH:MM"
    stations: list[str] = field(default_factory=list)  # orbit: ground stations for contact:NAME
    regions: list[str] = field(default_factory=list)  # orbit: regions for over:NAME
    availability: Windows | None = None  # None = always (the ISS only while docked)
    platform: object | None = field(default=None, repr=False)  # orbit: sky.elements.Platform
    ground_stations: dict = field(
        default_factory=dict, repr=False
    )  # name -> sky.orbit.GroundStation


@dataclass
class TaskRule:
    """Work a person with `role` must do around scenes, e.g. makeup before first scene."""

    kind: str  # "makeup", "lighting", ...
    role: str  # who can do it
    minutes: int
    trigger: str  # "cast_first_scene_of_day" | "set_change" | "scene"


@dataclass
class SceneJob:
    """One scene to schedule, with everything the solver needs to place it."""

    number: str
    set: str
    location: str  # Location.name
    eighths: int
    duration_minutes: int
    cast: list[int] = field(default_factory=list)  # board ids
    people: list[str] = field(default_factory=list)  # person names required on set
    needs: list[str] = field(default_factory=list)  # need words, e.g. ["sunlit", "ground_day"]
    allowed: Windows | None = None  # needs ∩ shooting hours ∩ fixed/not-before/not-after
    must_follow: list[str] = field(default_factory=list)  # scene numbers shot earlier
    split_min_minutes: int | None = None  # may be split across windows in pieces this long
    int_ext: str | None = None
    day_night: str | None = None


@dataclass
class Rules:
    """Working rules and cost weights from the project file."""

    max_hours_per_day: float = 12.0
    overtime_rate_per_hour: float = 0.0
    turnaround_hours: float = 10.0  # crew, wrap to next call
    performer_rest_hours: float = 12.0  # cast
    company_move_minutes: int = 60  # between any two locations the file does not name
    move_minutes_between: dict[tuple[str, str], int] = field(default_factory=dict)  # both orders

    def move_minutes(self, from_location: str, to_location: str) -> int:
        """Minutes a company move takes between two locations (0 when staying)."""
        if from_location == to_location:
            return 0
        return self.move_minutes_between.get(
            (from_location, to_location), self.company_move_minutes
        )

    cost_per_move: float = 0.0
    cost_per_shoot_day: float = 0.0


@dataclass
class Production:
    """A production ready to schedule."""

    title: str
    breakdown: Breakdown
    cast: list[CastMember]
    people: list[Person]
    locations: list[Location]
    scenes: list[SceneJob]
    shoot_dates: list[date]  # calendar days on which shooting is allowed, in order
    rules: Rules = field(default_factory=Rules)
    tasks: list[TaskRule] = field(default_factory=list)
    source: str | None = None  # path of the project file
    sky: object | None = field(
        default=None, repr=False
    )  # plan.needs.SkyCache: need windows per location
    calendar_dates: list[date] = field(
        default_factory=list
    )  # every date first..last, off days included
    days_off: list[date] = field(default_factory=list)  # company days off: never paid as holds
    key_lines: object | None = field(
        default=None, repr=False
    )  # plan.locate.KeyLines of the project file: errors found later name a line

    def location(self, name: str) -> Location:
        for location in self.locations:
            if location.name == name:
                return location
        raise KeyError(name)

    def cast_member(self, board_id: int) -> CastMember:
        for member in self.cast:
            if member.id == board_id:
                return member
        raise KeyError(board_id)
