"""Universal Schedule Standard (.uss JSON) breakdowns read as a Breakdown.

Format: https://github.com/UniversalScheduleStandard/UniversalScheduleStandard
(docs/docs.md, USS 0.9); category numbers from the Universal Category
Identification Standard (scene categories 0-6, action categories 100-124).
The writer lives in `skyslate.report.uss`.
"""

from __future__ import annotations

import json
from pathlib import Path

from skyslate.errors import ScriptError
from skyslate.script.model import Breakdown, Scene
from skyslate.script.source import read_bytes

SCENE_CATEGORIES = {
    0: "Set",
    1: "INT/EXT",
    2: "Day/Night",
    3: "Script Day",
    4: "Unit",
    5: "Sequence",
    6: "Location",
}
ACTION_CATEGORIES = {
    100: "Cast Members",
    101: "Background Actors",
    102: "Stunts",
    103: "Vehicles",
    104: "Props",
    105: "Special Effects",
    106: "Wardrobe",
    107: "Makeup/Hair",
    108: "Animals",
    109: "Animal Wranglers",
    110: "Camera",
    111: "Music",
    112: "Sound",
    113: "Art Department",
    114: "Set Dressing",
    115: "Greenery",
    116: "Security",
    117: "Special Equipment",
    118: "Additional Labor",
    119: "Visual Effects",
    120: "Mechanical Effects",
    121: "Notes",
    122: "Comments",
    123: "Miscellaneous",
    124: "Other",
}


def read_uss(path: str | Path) -> Breakdown:
    """A Breakdown from a .uss file: its scene breakdowns in file order, elements by category."""
    path = Path(path)
    raw = read_bytes(path)  # the same size limit and read errors as every script
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise ScriptError(f"cannot read the USS file: {error}", path=path) from None
    except json.JSONDecodeError as error:
        raise ScriptError(f"not JSON: {error.msg}", path=path, line=error.lineno) from None
    return breakdown_from_uss(data, source=path)


def breakdown_from_uss(data: object, *, source: str | Path | None = None) -> Breakdown:
    """The Breakdown in a parsed USS object (raises ScriptError naming what is missing)."""
    root = data.get("universalScheduleStandard") if isinstance(data, dict) else None
    if not isinstance(root, dict):
        raise ScriptError(
            "not a USS file: no 'universalScheduleStandard' object at the top", path=source
        )
    for key in ("breakdowns", "categories", "elements"):
        if not isinstance(root.get(key), list):
            raise ScriptError(f"not a USS file: '{key}' must be a list", path=source)
    names = {e.get("id"): e for e in root["elements"] if isinstance(e, dict)}
    category_of: dict[str, tuple[int | None, str]] = {}
    for category in root["categories"]:
        ucid = category.get("ucid", category.get("catId"))
        for eid in category.get("elements") or []:
            category_of.setdefault(
                eid, (ucid, category.get("name") or ACTION_CATEGORIES.get(ucid, "Other"))
            )
    scenes = []
    for index, item in enumerate(root["breakdowns"]):
        if not isinstance(item, dict) or item.get("type", "scene") != "scene":
            continue
        int_ext = set_name = day_night = None
        characters: list[str] = []
        elements: dict[str, list[str]] = {}
        for eid in item.get("elements") or []:
            element = names.get(eid)
            if element is None or eid not in category_of:
                continue  # USS: elements in no category are ignored
            ucid, category = category_of[eid]
            name = str(element.get("name") or "").strip()
            if ucid == 0:
                set_name = name
            elif ucid == 1:
                int_ext = {"I/E": "INT/EXT", "INT./EXT": "INT/EXT", "EXT/INT": "INT/EXT"}.get(
                    name.upper(), name.upper()
                )
            elif ucid == 2:
                day_night = name.upper()
            elif ucid == 100:
                characters.append(name.upper())
            elif ucid in SCENE_CATEGORIES:
                continue
            else:
                elements.setdefault(category, []).append(name)
        pages = item.get("pages")
        try:
            eighths = max(1, round(float(pages) * 8)) if pages is not None else 1
        except (TypeError, ValueError):
            raise ScriptError(
                f"breakdowns[{index}].pages = {pages!r} is not a number", path=source
            ) from None
        heading = " - ".join(
            p
            for p in (f"{int_ext}. {set_name or ''}".strip() if int_ext else set_name, day_night)
            if p
        )
        scenes.append(
            Scene(
                number=str(item["scene"]) if item.get("scene") not in (None, "") else None,
                heading=heading or "",
                int_ext=int_ext,
                location=set_name or "",
                time_of_day=day_night,
                day_night=day_night if day_night in ("DAY", "NIGHT") else _day_night(day_night),
                eighths=eighths,
                speaking=list(characters),
                characters=list(characters),
                elements=elements,
                line=0,
                synopsis=item.get("description"),
            )
        )
    return Breakdown(
        title=root.get("project") or root.get("name"),
        scenes=scenes,
        metadata={"source": str(root.get("source") or "")},
        source=str(source) if source else None,
    )


def _day_night(text: str | None) -> str | None:
    if not text:
        return None
    night = ("NIGHT", "DUSK", "EVENING", "SUNSET")
    return "NIGHT" if any(word in text for word in night) else "DAY"
