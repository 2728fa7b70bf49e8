"""Write plan-challenge.json: a hand-made plan json (PLAN-CONTRACT.md) for the report tests.

The scene order, cast, tasks and DOOD codes are chosen by hand (the DOOD worked out on
paper, see test_dood.py); the light windows are real: sunrise/sunset and golden/blue hours
from Skyfield's almanac for each site, and the ISS sunlit/umbra windows and Moscow contacts
from the October 2021 element sets in tests/data/iss-2021-10.tle. Run it once to refresh:

    .venv/bin/python tests/report/data/make_plan_fixture.py
"""

from __future__ import annotations

import json
import warnings
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from skyfield.api import EarthSatellite, Loader, wgs84
from skyfield_data import get_skyfield_data_path

HERE = Path(__file__).resolve().parent
TLE = HERE.parent.parent / "data" / "iss-2021-10.tle"
UTC = ZoneInfo("UTC")

with warnings.catch_warnings():
    warnings.simplefilter("ignore", RuntimeWarning)
    load = Loader(get_skyfield_data_path(), verbose=False)
ts = load.timescale()
eph = load("de421.bsp")

LOCATIONS = {
    "ISS": {
        "kind": "orbit",
        "lat": None,
        "lon": None,
        "tz": "UTC",
        "element_sets": "iss-2021-10.tle",
        "hours": ("08:00", "21:30"),
    },
    "Star City": {
        "kind": "ground",
        "lat": 55.8783,
        "lon": 38.1123,
        "tz": "Europe/Moscow",
        "element_sets": None,
        "hours": ("06:30", "19:00"),
    },
    "Moscow": {
        "kind": "ground",
        "lat": 55.7558,
        "lon": 37.6173,
        "tz": "Europe/Moscow",
        "element_sets": None,
        "hours": ("06:30", "19:00"),
    },
    "Baikonur": {
        "kind": "ground",
        "lat": 45.9646,
        "lon": 63.3052,
        "tz": "Asia/Almaty",
        "element_sets": None,
        "hours": ("06:30", "19:00"),
    },
    "Kazakh Steppe": {
        "kind": "ground",
        "lat": 47.36,
        "lon": 69.59,
        "tz": "Asia/Almaty",
        "element_sets": None,
        "hours": ("06:30", "19:00"),
    },
}
MOSCOW_STATION = wgs84.latlon(55.93, 38.02)

CAST = [
    # id, character, actor, rate, hold, drop, drop gap
    (1, "ZHENYA", "Anna Lebedeva", 2500.0, True, False, 10),
    (2, "KIREEV", "Pavel Kireev", 1200.0, True, True, 3),
    (3, "GURIN", "Ilya Gurin", 1100.0, True, False, 10),
    (4, "MATVEEV", "Sergei Matveev", 900.0, True, False, 10),
    (5, "SABIROV", "Rustam Sabirov", 700.0, True, False, 10),
    (6, "ORLOV", "Dmitri Orlov", 600.0, True, False, 10),
]
PEOPLE = [
    {"name": "Klara Shipova", "roles": ["director", "camera", "lighting", "sound", "makeup"]},
    {"name": "Oleg Dudin", "roles": ["camera"]},
    {"name": "Vera Mordova", "roles": ["makeup", "wardrobe"]},
]

# scene number, set, location, eighths, minutes, cast, people, needs
SCENES = {
    "14": ("ISS - NAUKA", "ISS", 11, 50, [1, 2], ["Klara Shipova"], []),
    "15": ("ISS - ZVEZDA - GALLEY", "ISS", 9, 40, [1, 2, 3], ["Klara Shipova"], []),
    "16": ("ISS - CUPOLA", "ISS", 6, 25, [1, 3], ["Klara Shipova"], ["umbra"]),
    "17": ("ISS - NAUKA", "ISS", 10, 45, [1, 3], ["Klara Shipova"], []),
    "19": ("ISS - NAUKA", "ISS", 5, 8, [1], ["Klara Shipova"], ["contact:MOSCOW"]),
    "20": ("ISS - NAUKA", "ISS", 4, 25, [1, 2], ["Klara Shipova"], []),
    "21": ("ISS - ZVEZDA", "ISS", 2, 15, [1, 2], ["Klara Shipova"], []),
    "22": ("ISS - NAUKA", "ISS", 12, 60, [1, 2], ["Klara Shipova"], []),
    "23": ("ISS - CUPOLA", "ISS", 7, 35, [1], ["Klara Shipova"], ["sunlit", "ground_day"]),
    "13": ("SOYUZ - DESCENT MODULE", "ISS", 8, 40, [1], ["Klara Shipova"], []),
    "7": (
        "STAR CITY - CENTRIFUGE HALL",
        "Star City",
        9,
        60,
        [1, 5],
        ["Klara Shipova", "Oleg Dudin"],
        [],
    ),
    "8": (
        "STAR CITY - TRAINING POOL",
        "Star City",
        7,
        60,
        [1, 5, 6],
        ["Klara Shipova", "Oleg Dudin"],
        [],
    ),
    "10": (
        "STAR CITY - GAGARIN ALLEY",
        "Star City",
        5,
        30,
        [1, 6],
        ["Klara Shipova", "Oleg Dudin"],
        ["golden_hour"],
    ),
    "2": (
        "TSUP - MAIN CONTROL ROOM",
        "Moscow",
        12,
        75,
        [4, 5],
        ["Klara Shipova", "Oleg Dudin"],
        [],
    ),
    "11": ("TSUP - MAIN CONTROL ROOM", "Moscow", 9, 60, [4], ["Klara Shipova", "Oleg Dudin"], []),
    "18": ("TSUP - MAIN CONTROL ROOM", "Moscow", 3, 20, [4], ["Klara Shipova", "Oleg Dudin"], []),
    "5": (
        "MOSCOW CITY HOSPITAL - COURTYARD",
        "Moscow",
        5,
        30,
        [1],
        ["Klara Shipova", "Oleg Dudin"],
        ["golden_hour"],
    ),
    "3": (
        "MOSCOW CITY HOSPITAL - OPERATING THEATRE",
        "Moscow",
        13,
        90,
        [1, 6],
        ["Klara Shipova", "Oleg Dudin"],
        [],
    ),
    "4": (
        "MOSCOW CITY HOSPITAL - SCRUB ROOM",
        "Moscow",
        6,
        30,
        [1, 6],
        ["Klara Shipova", "Oleg Dudin"],
        [],
    ),
    "12": (
        "BAIKONUR - SITE 31 - LAUNCH PAD",
        "Baikonur",
        6,
        40,
        [1, 2, 3],
        ["Klara Shipova", "Oleg Dudin"],
        ["golden_hour"],
    ),
    "9": (
        "IL-76MDK - CARGO HOLD",
        "Baikonur",
        8,
        50,
        [1, 2, 3],
        ["Klara Shipova", "Oleg Dudin"],
        [],
    ),
    "24": (
        "SOYUZ - DESCENT MODULE",
        "Baikonur",
        9,
        50,
        [1, 2, 3],
        ["Klara Shipova", "Oleg Dudin"],
        [],
    ),
    "25": (
        "KAZAKH STEPPE - LANDING SITE",
        "Kazakh Steppe",
        10,
        60,
        [1, 2, 3],
        ["Klara Shipova", "Oleg Dudin"],
        ["day"],
    ),
}
DAYS = [
    ("2021-10-05", "ISS", ["14", "15"]),
    ("2021-10-06", "ISS", ["16", "17", "19"]),
    ("2021-10-08", "ISS", ["20", "21", "22"]),
    ("2021-10-09", "ISS", ["23", "13"]),
    ("2021-10-11", "Star City", ["7", "8", "10"]),
    ("2021-10-12", "Moscow", ["2", "11", "18"]),
    ("2021-10-13", "Moscow", ["5", "3", "4"]),
    ("2021-10-14", "Baikonur", ["12", "9"]),
    ("2021-10-15", "Baikonur", ["24", "25"]),
]
UNSCHEDULED = [
    {
        "number": "1",
        "why": "scene 1 needs an EVA; no spacewalk is planned between 2021-10-05 and 2021-10-16",
    },
    {"number": "27", "why": "scene 27 (Red Square) needs a permit date; none is in the calendar"},
]
# worked out by hand from DAYS (see test_dood.py for the rules)
DOOD = {
    "1": "SW W . W W . W H W W WF",
    "2": "SW H . W D . . . . PW WF",
    "3": "SW W . H H . H H H W WF",
    "4": "_ _ . _ _ . _ SWF _ _ _",
    "5": "_ _ . _ _ . SW WF _ _ _",
    "6": "_ _ . _ _ . SW H WF _ _",
}
RATES = {"move": 500.0, "day": 1000.0}


def iso(moment: datetime) -> str:
    text = moment.isoformat(timespec="seconds")
    return text.replace("+00:00", "Z")


def intervals(times, mask):
    """[[start, end], ...] of the runs where mask is true (times are datetimes)."""
    out = []
    start = None
    for moment, flag in zip(times, mask, strict=True):
        if flag and start is None:
            start = moment
        elif not flag and start is not None:
            out.append([start, moment])
            start = None
    if start is not None:
        out.append([start, times[-1]])
    return out


def ground_light(loc: dict, day: date) -> dict:
    zone = ZoneInfo(loc["tz"])
    t0 = datetime.combine(day, time(0), zone)
    moments = [t0 + timedelta(minutes=m) for m in range(0, 24 * 60 + 1)]
    t = ts.from_datetimes(moments)
    site = wgs84.latlon(loc["lat"], loc["lon"])
    alt = (eph["earth"] + site).at(t).observe(eph["sun"]).apparent().altaz()[0].degrees
    local = [m.astimezone(zone) for m in moments]
    rise_set = intervals(local, alt > -0.833)
    golden = intervals(local, (alt > -4) & (alt < 6))
    blue = intervals(local, (alt > -6) & (alt <= -4))
    return {
        "sunrise": iso(rise_set[0][0]),
        "sunset": iso(rise_set[-1][1]),
        "golden_hour": [[iso(a), iso(b)] for a, b in golden],
        "blue_hour": [[iso(a), iso(b)] for a, b in blue],
        "polar": None,
    }


def orbit_light(day: date) -> dict:
    lines = TLE.read_text().splitlines()
    sets = [
        EarthSatellite(lines[i + 1], lines[i + 2], lines[i], ts)
        for i in range(0, len(lines) - 2, 3)
    ]
    start = datetime.combine(day, time(8), UTC)
    sat = min(sets, key=lambda s: abs(s.epoch.utc_datetime() - start))
    moments = [start + timedelta(seconds=20 * k) for k in range(0, int(13.5 * 180) + 1)]
    t = ts.from_datetimes(moments)
    sunlit = sat.at(t).is_sunlit(eph)
    elevation = (sat - MOSCOW_STATION).at(t).altaz()[0].degrees
    fmt = lambda ws: [[iso(a), iso(b)] for a, b in ws]  # noqa: E731
    return {
        "sunlit": fmt(intervals(moments, sunlit)),
        "umbra": fmt(intervals(moments, ~sunlit)),
        "contacts": {"MOSCOW": fmt(intervals(moments, elevation > 5))},
    }


def fit(start: datetime, minutes: int, windows: list[list[str]] | None) -> datetime:
    """The earliest start >= start that keeps [s, s + minutes) inside one window."""
    if windows is None:
        return start
    for a, b in windows:
        a, b = datetime.fromisoformat(a), datetime.fromisoformat(b)
        s = max(start, a)
        if s + timedelta(minutes=minutes) <= b:
            return s
    raise SystemExit(f"no window for {minutes} min after {start}")


def need_windows(needs, light):
    if not needs:
        return None
    need = needs[0]
    if need == "golden_hour":
        return light["golden_hour"]
    if need == "day":
        return [[light["sunrise"], light["sunset"]]]
    if need in ("sunlit", "umbra"):
        return light[need]
    if need.startswith("contact:"):
        return light["contacts"][need.split(":")[1]]
    raise SystemExit(need)


def build() -> dict:
    days = []
    moves = 0
    previous_location = None
    for number, (day_text, location, scene_numbers) in enumerate(DAYS, start=1):
        day = date.fromisoformat(day_text)
        loc = LOCATIONS[location]
        zone = ZoneInfo(loc["tz"])
        light = orbit_light(day) if loc["kind"] == "orbit" else ground_light(loc, day)
        cursor = datetime.combine(day, time.fromisoformat(loc["hours"][0]), zone)
        made_up: set[int] = set()
        scenes, tasks = [], []
        current_set = None
        for scene_number in scene_numbers:
            set_name, scene_location, eighths, minutes, cast, people, needs = SCENES[scene_number]
            if previous_location is not None and scene_location != previous_location:
                moves += 1
                if scenes:  # a move inside the day takes the company's time
                    cursor += timedelta(minutes=60)
            previous_location = scene_location
            makeup_person = "Klara Shipova" if loc["kind"] == "orbit" else "Vera Mordova"
            for member in cast:
                if member not in made_up:
                    made_up.add(member)
                    end = cursor + timedelta(minutes=15)
                    tasks.append(
                        {
                            "kind": "makeup",
                            "person": makeup_person,
                            "scene": scene_number,
                            "cast": member,
                            "start": iso(cursor),
                            "end": iso(end),
                        }
                    )
                    cursor = end
            if set_name != current_set:
                end = cursor + timedelta(minutes=20)
                tasks.append(
                    {
                        "kind": "lighting",
                        "person": "Klara Shipova",
                        "scene": scene_number,
                        "start": iso(cursor),
                        "end": iso(end),
                    }
                )
                cursor = end
                current_set = set_name
            start = fit(cursor, minutes, need_windows(needs, light))
            end = start + timedelta(minutes=minutes)
            scenes.append(
                {
                    "number": scene_number,
                    "set": set_name,
                    "location": scene_location,
                    "start": iso(start),
                    "end": iso(end),
                    "eighths": eighths,
                    "cast": cast,
                    "people": people,
                    "needs": needs,
                }
            )
            cursor = end
        days.append(
            {
                "date": day_text,
                "number": number,
                "location": location,
                "light": light,
                "scenes": scenes,
                "tasks": tasks,
            }
        )

    first, last = date.fromisoformat(DAYS[0][0]), date.fromisoformat(DAYS[-1][0])
    calendar = [first + timedelta(days=k) for k in range((last - first).days + 1)]
    dood = {}
    cast_rows = []
    cast_total = 0.0
    for board_id, name, actor, rate, hold, drop, gap in CAST:
        codes = DOOD[str(board_id)].split()
        assert len(codes) == len(calendar), board_id
        dood[str(board_id)] = {
            d.isoformat(): c for d, c in zip(calendar, codes, strict=True) if c not in ("_", ".")
        }
        worked = [d for d, c in zip(calendar, codes, strict=True) if "W" in c]
        holds = codes.count("H")
        pay = len(worked) + holds
        cast_total += pay * rate
        cast_rows.append(
            {
                "id": board_id,
                "name": name,
                "actor": actor,
                "rate_per_day": rate,
                "first_day": worked[0].isoformat(),
                "last_day": worked[-1].isoformat(),
                "work_days": len(worked),
                "hold_days": holds,
                "pay_days": pay,
                "cost": pay * rate,
                "hold_allowed": hold,
                "drop_allowed": drop,
                "drop_min_gap_days": gap,
            }
        )
    cost = {
        "cast": cast_total,
        "overtime": 0.0,
        "moves": moves * RATES["move"],
        "days": len(DAYS) * RATES["day"],
    }
    cost["total"] = sum(cost.values())
    return {
        "version": 1,
        "production": "The Challenge",
        "cost": cost,
        "lower_bound": round(cost["total"] - 1100.0, 2),
        "optimal": False,
        "gap": round(1100.0 / cost["total"], 4),
        "locations": [
            {
                "name": name,
                "kind": loc["kind"],
                "lat": loc["lat"],
                "lon": loc["lon"],
                "tz": loc["tz"],
                "element_sets": loc["element_sets"],
            }
            for name, loc in LOCATIONS.items()
        ],
        "cast": cast_rows,
        "people": PEOPLE,
        "days": days,
        "unscheduled": UNSCHEDULED,
        "violations": [],
        "dood": dood,
    }


if __name__ == "__main__":
    plan = build()
    (HERE / "plan-challenge.json").write_text(json.dumps(plan, indent=1) + "\n", encoding="utf-8")
