"""A read-only view of a plan json + breakdown that every report draws from.

It parses times into each location's zone, attaches what the breakdown knows
(INT/EXT, DAY/NIGHT, synopsis) and lays out banners; it recomputes nothing the
planner computed, except the DOOD codes when the plan json carries none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from skyslate.report.dood import compute_dood
from skyslate.script.model import Breakdown, format_eighths

# Traditional strip colours (FIELD-NOTES Part A §2.1); `palette=` overrides any key.
DEFAULT_PALETTE = {
    "INT DAY": "#ffffff",
    "EXT DAY": "#fff25c",
    "INT NIGHT": "#8fb8f0",
    "EXT NIGHT": "#8fd694",
    "day_break": "#000000",
    "banner": "#f3f3f3",
    "move": "#ffd9a8",
    "week": "#f5a623",
    "day_off": "#c8c8c8",
    "holiday": "#f28b82",
}


def parse_time(text: str) -> datetime:
    """An ISO 8601 date-time with offset ("Z" allowed) as an aware datetime."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def zone_suffix(moment: datetime | None, day_tz: ZoneInfo | None) -> str:
    """ " MSK" when `moment` is in another zone than its day's (a day that flies between zones), else ""."""
    if moment is None or day_tz is None or str(moment.tzinfo) == str(day_tz):
        return ""
    name = moment.tzname() or ""
    return f" {name}" if name[:1].isalpha() else f" UTC{name}"


def clock(moment: datetime | None, day_tz: ZoneInfo | None = None) -> str:
    """HH:MM in the moment's own zone, naming that zone when it is not the day's."""
    return f"{moment:%H:%M}{zone_suffix(moment, day_tz)}" if moment else ""


@dataclass
class Strip:
    """One scheduled (or boneyard) scene as the board shows it."""

    number: str
    int_ext: str
    set: str
    day_night: str
    eighths: int
    cast: list[int]
    people: list[str] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    location: str = ""
    start: datetime | None = None  # in the location's zone
    end: datetime | None = None
    synopsis: str | None = None
    why: str | None = None  # boneyard only
    part: tuple[int, int] | None = None  # (i, n) when the scene is shot in n pieces
    day_tz: ZoneInfo | None = (
        None  # the zone of its shoot day's location (times name theirs if other)
    )

    @property
    def start_text(self) -> str:
        """ "14:37", or "14:37 MSK" on a day whose location is in another zone."""
        return clock(self.start, self.day_tz)

    @property
    def times(self) -> str:
        """ "14:37–16:17", or "14:37–16:17 MSK" on a day whose location is in another zone."""
        if self.start is None or self.end is None:
            return ""
        return f"{self.start:%H:%M}–{self.end:%H:%M}{zone_suffix(self.start, self.day_tz)}"

    @property
    def part_label(self) -> str:
        """The label of a piece of a split scene ("part 2 of 3"), else empty."""
        return f"part {self.part[0]} of {self.part[1]}" if self.part else ""

    @property
    def kind(self) -> str:
        """The palette key: INT/EXT x DAY/NIGHT (INT/EXT and EST strips count as exteriors)."""
        inside = "INT" if self.int_ext == "INT" else "EXT"
        return f"{inside} {'NIGHT' if self.day_night == 'NIGHT' else 'DAY'}"

    @property
    def pages(self) -> str:
        # later pieces of a split scene carry 0 eighths so that day totals stay right
        return format_eighths(self.eighths) if self.eighths else "—"

    @property
    def minutes(self) -> int:
        """Minutes on camera."""
        if self.start is None or self.end is None:
            return 0
        return round((self.end - self.start).total_seconds() / 60)


@dataclass
class Task:
    kind: str
    person: str
    scene: str | None
    start: datetime
    end: datetime
    cast: int | None = None
    day_tz: ZoneInfo | None = None

    @property
    def times(self) -> str:
        """ "07:30–07:45", naming the zone when it is not the day's."""
        return f"{self.start:%H:%M}–{self.end:%H:%M}{zone_suffix(self.start, self.day_tz)}"


@dataclass
class Day:
    """One shoot day: strips in order, tasks, light and totals."""

    date: date
    number: int
    location: str
    tz: ZoneInfo
    kind: str  # "ground" | "orbit"
    light: dict
    strips: list[Strip]
    tasks: list[Task]

    @property
    def total_eighths(self) -> int:
        """Pages shot that day, in eighths."""
        return sum(strip.eighths for strip in self.strips)

    @property
    def pages(self) -> str:
        return format_eighths(self.total_eighths) if self.strips else "0"

    @property
    def call(self) -> datetime | None:
        """General call: the first task or scene of the day."""
        starts = [t.start for t in self.tasks] + [s.start for s in self.strips if s.start]
        return min(starts) if starts else None

    @property
    def wrap(self) -> datetime | None:
        """Estimated wrap: the end of the last task or scene."""
        ends = [t.end for t in self.tasks] + [s.end for s in self.strips if s.end]
        return max(ends) if ends else None

    @property
    def shooting_minutes(self) -> int:
        """Minutes of scenes on camera that day."""
        return sum(strip.minutes for strip in self.strips)

    def local(self, text: str) -> datetime:
        """An ISO time from the plan json in the day's zone."""
        return parse_time(text).astimezone(self.tz)


@dataclass
class Board:
    """Everything the reports show, built once from the plan json and the breakdown."""

    title: str
    days: list[Day]
    calendar: list[date]  # every date from the first to the last shoot day
    holidays: set[date]
    company_off: set[date] | None  # the plan's `days_off`; None: every date without shooting
    boneyard: list[Strip]
    cast: list[dict]
    people: list[dict]
    locations: dict[str, dict]
    dood: dict[str, dict[str, str]]
    cost: dict
    lower_bound: float | None
    optimal: bool | None
    gap: float | None
    violations: list[dict]
    palette: dict[str, str]
    breakdown: Breakdown | None

    @property
    def shoot_dates(self) -> set[date]:
        """Dates with shooting."""
        return {day.date for day in self.days}

    @property
    def days_off(self) -> list[date]:
        """Dates between the first and last shoot day without shooting."""
        return [d for d in self.calendar if d not in self.shoot_dates]

    def day_on(self, when: date) -> Day | None:
        """The shoot day on a date, or None."""
        for day in self.days:
            if day.date == when:
                return day
        return None

    def cast_member(self, board_id: int) -> dict:
        """The plan's cast entry for a board id (a stub for an id the plan does not list)."""
        for member in self.cast:
            if member["id"] == board_id:
                return member
        return {"id": board_id, "name": f"#{board_id}", "actor": ""}

    def code(self, board_id: int, when: date) -> str:
        """The DOOD code of a cast member on a date (empty if none)."""
        return self.dood.get(str(board_id), {}).get(when.isoformat(), "")

    def colour(self, strip: Strip) -> str:
        """The strip's colour in the board's palette."""
        return self.palette[strip.kind]

    def status(self, when: date) -> str:
        """The kind of a date: shoot, holiday, off (company day off, never a hold) or hiatus (cast held)."""
        if when in self.shoot_dates:
            return "shoot"
        if when in self.holidays:
            return "holiday"
        if self.company_off is None or when in self.company_off:
            return "off"
        return "hiatus"

    def off_runs(self) -> list[tuple[date, date, str]]:
        """Consecutive dates without shooting as (first, last, status), one run per status."""
        runs: list[tuple[date, date, str]] = []
        for when in self.days_off:
            status = self.status(when)
            if runs and runs[-1][1] + timedelta(days=1) == when and runs[-1][2] == status:
                runs[-1] = (runs[-1][0], when, status)
            else:
                runs.append((when, when, status))
        return runs

    def columns(self) -> list[dict]:
        """DOOD columns: one per shoot day, one per run of dates without shooting."""
        runs = {first: (last, status) for first, last, status in self.off_runs()}
        out, skip_until = [], None
        for when in self.calendar:
            if skip_until is not None and when <= skip_until:
                continue
            if when in runs:
                last, status = runs[when]
                dates = [when + timedelta(days=k) for k in range((last - when).days + 1)]
                out.append({"dates": dates, "status": status, "day": None})
                skip_until = last
            else:
                out.append({"dates": [when], "status": "shoot", "day": self.day_on(when)})
        return out

    def items(self):
        """The board top to bottom: ("strip", Strip), ("break", Day) and the banners ("off", first,
        last, status), ("move", from, to) and ("week", n, last shoot date) after each shooting week."""
        runs = {first: (first, last, status) for first, last, status in self.off_runs()}
        previous_location = None
        previous_date = None
        week = 1
        for day in self.days:
            if previous_date is not None and _week_start(day.date) > _week_start(previous_date):
                yield ("week", week, previous_date)
                week += 1
            if previous_date is not None:
                for k in range(1, (day.date - previous_date).days):
                    when = previous_date + timedelta(days=k)
                    if when in runs:
                        yield ("off", *runs[when])
            for strip in day.strips:
                if previous_location is not None and strip.location != previous_location:
                    yield ("move", previous_location, strip.location)
                previous_location = strip.location
                yield ("strip", strip)
            yield ("break", day)
            previous_date = day.date


def _week_start(when: date) -> date:
    """The Sunday that starts the shooting week of a date (weeks run Sunday to Saturday, as in MMS)."""
    return when - timedelta(days=(when.weekday() + 1) % 7)


def build_board(plan: dict, breakdown: Breakdown | None, palette: dict | None = None) -> Board:
    """The Board for a checked plan json (see plan_json.check_plan)."""
    locations = {loc["name"]: loc for loc in plan.get("locations", [])}
    scenes_by_number = {s.number: s for s in breakdown.scenes} if breakdown else {}

    def zone_of(location: str) -> ZoneInfo:
        return ZoneInfo(locations.get(location, {}).get("tz") or "UTC")

    def strip_of(scene: dict, tz: ZoneInfo | None) -> Strip:
        script = scenes_by_number.get(scene["number"])
        int_ext = scene.get("int_ext") or (script.int_ext if script else None) or "INT"
        day_night = scene.get("day_night") or (script.day_night if script else None) or "DAY"
        start = parse_time(scene["start"]).astimezone(tz) if scene.get("start") and tz else None
        end = parse_time(scene["end"]).astimezone(tz) if scene.get("end") and tz else None
        return Strip(
            number=scene["number"],
            int_ext=int_ext,
            set=scene.get("set") or (script.location if script else ""),
            day_night=day_night,
            eighths=scene.get("eighths", script.eighths if script else 1),
            cast=list(scene.get("cast", [])),
            people=list(scene.get("people", [])),
            needs=list(scene.get("needs", [])),
            location=scene.get("location", ""),
            start=start,
            end=end,
            synopsis=script.synopsis if script else None,
            part=tuple(scene["part"]) if scene.get("part") else None,
        )

    days = []
    for raw in plan["days"]:
        tz = zone_of(raw["location"])
        strips = []
        for scene in raw["scenes"]:
            scene = dict(scene)
            scene.setdefault("location", raw["location"])
            strip = strip_of(scene, zone_of(scene["location"]))
            strip.day_tz = tz
            strips.append(strip)
        # A task happens where the scene it prepares is shot, so it reads in that
        # place's clock: on a day that flies Baikonur -> Moscow the Moscow makeup is
        # at 14:22 MSK, next to its scene at 14:37 MSK, not at 17:22 Almaty time.
        zone_of_scene = {
            s["number"]: zone_of(s.get("location") or raw["location"]) for s in raw["scenes"]
        }
        tasks = []
        for t in raw.get("tasks", []):
            where = zone_of_scene.get(t.get("scene"), tz)
            tasks.append(
                Task(
                    kind=t.get("kind", "task"),
                    person=t.get("person", ""),
                    scene=t.get("scene"),
                    start=parse_time(t["start"]).astimezone(where),
                    end=parse_time(t["end"]).astimezone(where),
                    cast=t.get("cast"),
                    day_tz=tz,
                )
            )
        kind = locations.get(raw["location"], {}).get("kind", "ground")
        days.append(
            Day(
                date=date.fromisoformat(raw["date"]),
                number=raw["number"],
                location=raw["location"],
                tz=tz,
                kind=kind,
                light=raw.get("light") or {},
                strips=strips,
                tasks=sorted(tasks, key=lambda t: t.start),
            )
        )

    calendar: list[date] = []
    if days:
        first, last = days[0].date, days[-1].date
        calendar = [first + timedelta(days=k) for k in range((last - first).days + 1)]

    boneyard = []
    for item in plan.get("unscheduled", []):
        script = scenes_by_number.get(item["number"])
        strip = strip_of({"number": item["number"], "set": script.location if script else ""}, None)
        strip.why = item.get("why")
        boneyard.append(strip)

    production = plan["production"]
    title = production if isinstance(production, str) else production.get("title", "")
    return Board(
        title=title or (breakdown.title if breakdown else "") or "Untitled",
        days=days,
        calendar=calendar,
        holidays={date.fromisoformat(d) for d in plan.get("holidays", [])},
        company_off={date.fromisoformat(d) for d in plan["days_off"]}
        if "days_off" in plan
        else None,
        boneyard=boneyard,
        cast=sorted(plan["cast"], key=lambda m: m["id"]),
        people=_people(plan),
        locations=locations,
        dood=plan.get("dood") or compute_dood(plan),
        cost=plan.get("cost", {}),
        lower_bound=plan.get("lower_bound"),
        optimal=plan.get("optimal"),
        gap=plan.get("gap"),
        violations=list(plan.get("violations", [])),
        palette={**DEFAULT_PALETTE, **(palette or {})},
        breakdown=breakdown,
    )


def _people(plan: dict) -> list[dict]:
    """People with roles: the plan's optional `people` list, else names seen in scenes and tasks."""
    if plan.get("people"):
        return [{"name": p["name"], "roles": list(p.get("roles", []))} for p in plan["people"]]
    roles: dict[str, list[str]] = {}
    for day in plan["days"]:
        for scene in day["scenes"]:
            for name in scene.get("people", []):
                roles.setdefault(name, [])
        for task in day.get("tasks", []):
            kinds = roles.setdefault(task.get("person", ""), [])
            if task.get("kind") and task["kind"] not in kinds:
                kinds.append(task["kind"])
    return [{"name": name, "roles": kinds} for name, kinds in sorted(roles.items()) if name]
