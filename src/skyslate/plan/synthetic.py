"""A seeded synthetic feature film for benchmarks: a breakdown and a project file, then a Production.

The sizes follow a typical feature: about 110 pages in 120 scenes, 30 speaking parts
(a few carry the film), 10 crew, 8 ground locations with day, night and golden-hour
exteriors, 35 shoot days with Sundays off. Generated through the real project-file
path (`parse_project`), so the benchmark measures what a user's production costs.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import tomli_w

from skyslate.plan.model import Production
from skyslate.script.model import Breakdown, Scene

# (name, lat, lon, tz): ground sites an autumn shoot around Moscow might use
_SITES = [
    ("Mosfilm", 55.7245, 37.5125, "Europe/Moscow"),
    ("Old Arbat", 55.7494, 37.5912, "Europe/Moscow"),
    ("Kolomenskoye", 55.6676, 37.6708, "Europe/Moscow"),
    ("Zvenigorod", 55.7297, 36.8553, "Europe/Moscow"),
    ("Tver", 56.8587, 35.9176, "Europe/Moscow"),
    ("Klin", 56.3317, 36.7283, "Europe/Moscow"),
    ("Sergiev Posad", 56.3153, 38.1358, "Europe/Moscow"),
    ("Kolomna", 55.0794, 38.7783, "Europe/Moscow"),
    ("Vladimir", 56.1290, 40.4066, "Europe/Moscow"),
    ("Suzdal", 56.4197, 40.4493, "Europe/Moscow"),
]
_SET_WORDS = [
    "KITCHEN",
    "STREET",
    "OFFICE",
    "CHURCH",
    "RIVERBANK",
    "STATION",
    "ROOFTOP",
    "CAFE",
    "FOREST",
    "GARAGE",
    "BRIDGE",
    "SQUARE",
]
_NAMES = [
    "ANNA",
    "BORIS",
    "VERA",
    "GLEB",
    "DARIA",
    "YEGOR",
    "ZOYA",
    "IVAN",
    "KIRA",
    "LEV",
    "MILA",
    "NIKITA",
    "OLGA",
    "PAVEL",
    "RAISA",
    "SEMYON",
    "TAISIA",
    "ULYANA",
    "FYODOR",
    "KHARITON",
    "TSVETA",
    "CHESLAV",
    "SHURA",
    "EMIL",
    "YULIAN",
    "YAROSLAVA",
    "ARKADY",
    "BELLA",
    "VADIM",
    "GALINA",
    "DENIS",
    "ELENA",
    "ZHANNA",
    "ZAKHAR",
    "IRINA",
    "KONSTANTIN",
    "LIDIA",
    "MAKAR",
    "NADIA",
    "OSKAR",
]
_ROLES = [
    "director",
    "camera",
    "sound",
    "lighting",
    "makeup",
    "art",
    "camera",
    "lighting",
    "makeup",
    "art",
]


def synthetic_project(
    seed: int = 0,
    scenes: int = 120,
    cast: int = 30,
    people: int = 10,
    locations: int = 8,
    days: int = 35,
) -> tuple[str, Breakdown]:
    """The project file text and the breakdown of a seeded synthetic feature."""
    if not (
        1 <= locations <= len(_SITES)
        and 1 <= cast <= len(_NAMES)
        and people >= 3
        and scenes >= 1
        and days >= 1
    ):
        raise ValueError("synthetic sizes out of range")
    rng = random.Random(seed)
    first_day = date(2026, 9, 7)  # a Monday in early autumn: long enough days, early enough nights
    names = _NAMES[:cast]
    # a few leads carry the film: weights fall off like a real cast list
    weights = [1.0 / (1 + k) ** 1.1 for k in range(cast)]
    sites = _SITES[:locations]
    site_sets = {
        site[0]: [f"{site[0].upper()} - {w}" for w in rng.sample(_SET_WORDS, rng.randint(2, 4))]
        for site in sites
    }

    script_scenes: list[Scene] = []
    overrides: dict[str, dict] = {}
    appears = {name: 0 for name in names}
    for n in range(1, scenes + 1):
        site = rng.choice(sites)[0]
        text = rng.choice(site_sets[site])
        outside = rng.random() < 0.4
        night = rng.random() < 0.25
        eighths = max(1, min(16, int(rng.gauss(7, 3.5))))
        if outside and night:
            eighths = min(
                eighths, 8
            )  # exterior nights are written short: a few hours of dark a day
        count = min(cast, max(1, int(rng.gauss(2.5, 1.2))))
        chosen: list[str] = []
        if rng.random() < 0.7:
            chosen.append(names[0])
        while len(chosen) < count:
            name = rng.choices(names, weights)[0]
            if name not in chosen:
                chosen.append(name)
        for name in chosen:
            appears[name] += 1
        int_ext = "EXT" if outside else "INT"
        when = "NIGHT" if night else "DAY"
        script_scenes.append(
            Scene(
                str(n),
                f"{int_ext}. {text} - {when}",
                int_ext,
                text,
                when,
                when,
                eighths,
                list(chosen),
                list(chosen),
                line=n,
            )
        )
        if outside and not night and rng.random() < 0.25:
            overrides[str(n)] = {"needs": "golden_hour", "duration_minutes": 40}
        elif outside and not night and eighths > 10:
            overrides[str(n)] = {"split_min_minutes": 60}
    # every speaking part appears at least once, so the cast list matches the script
    for name in names:
        if not appears[name]:
            scene = rng.choice(script_scenes)
            scene.speaking.append(name)
            scene.characters.append(name)

    last_day = first_day + timedelta(days=days * 7 // 6 + 7)
    span_days = (last_day - first_day).days
    project: dict = {
        "production": {"title": f"Synthetic feature (seed {seed})", "script": "synthetic.fountain"},
        "calendar": {
            "first_day": first_day,
            "shoot_days": days,
            "weekdays_off": ["sunday"],
            "tz": "Europe/Moscow",
        },
        "hours": {"ground": "08:00-22:00"},
        "rates": {
            "minutes_per_eighth": 15,
            "overtime_per_hour": 500,
            "per_shoot_day": 10000,
            "per_company_move": 2000,
        },
        "rules": {
            "max_hours_per_day": 12,
            "company_move_minutes": 60,
            "roles_on_set": ["director", "camera", "sound"],
        },
        "cast": [],
        "people": [],
        "locations": [],
        "tasks": [
            {
                "kind": "makeup",
                "role": "makeup",
                "minutes": 15,
                "trigger": "cast_first_scene_of_day",
            },
            {"kind": "lighting", "role": "lighting", "minutes": 20, "trigger": "set_change"},
        ],
        "scenes": overrides,
    }
    for k, name in enumerate(names, start=1):
        entry = {
            "id": k,
            "characters": [name],
            "actor": f"Actor {k:02d}",
            "rate_per_day": float(round(3000 / k**0.8, -1)),
        }
        if k > 3 and rng.random() < 0.3:
            # a busy actor: free for a stretch that always covers the middle of the shoot
            start = first_day + timedelta(days=rng.randint(0, span_days * 3 // 10))
            end = last_day - timedelta(days=rng.randint(0, span_days * 3 // 10))
            entry["available"] = [{"from": start, "to": end}]
        if k > 5:
            entry["drop_allowed"] = True
        project["cast"].append(entry)
    for k in range(people):
        role = _ROLES[k % len(_ROLES)]
        roles = [role] + (["makeup"] if role == "art" else [])
        project["people"].append({"name": f"Crew {k + 1:02d}", "roles": roles})
    for name, lat, lon, tz in sites:
        project["locations"].append(
            {
                "name": name,
                "lat": lat,
                "lon": lon,
                "tz": tz,
                "sets": [{"name": s} for s in site_sets[name]],
            }
        )
    breakdown = Breakdown(
        title=project["production"]["title"], scenes=script_scenes, source="synthetic.fountain"
    )
    return tomli_w.dumps(project), breakdown


def synthetic_feature(
    seed: int = 0,
    scenes: int = 120,
    cast: int = 30,
    people: int = 10,
    locations: int = 8,
    days: int = 35,
) -> Production:
    """A seeded synthetic feature as a Production (writes nothing)."""
    from skyslate.plan.project import parse_project

    text, breakdown = synthetic_project(seed, scenes, cast, people, locations, days)
    return parse_project(text, source="synthetic.toml", breakdown=breakdown)
