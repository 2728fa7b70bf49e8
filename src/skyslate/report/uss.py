"""Universal Schedule Standard (.uss JSON): export a schedule, import a breakdown.

Format: https://github.com/UniversalScheduleStandard/UniversalScheduleStandard
(docs/docs.md, USS 0.9); category numbers from the Universal Category
Identification Standard (scene categories 0-6, action categories 100-124).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from skyslate.errors import ScriptError
from skyslate.report.board import Board, Strip
from skyslate.script.model import Breakdown, Scene

USS_VERSION = "0.9.0"
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
UCID_BY_NAME = {
    name.lower(): ucid for ucid, name in {**SCENE_CATEGORIES, **ACTION_CATEGORIES}.items()
}
UCID_BY_NAME["animal wrangler"] = 109  # Final Draft's singular spelling


def _id(*parts: object) -> str:
    """A stable 24-hex id (the size of a BSON ObjectId) from what the object is."""
    return hashlib.sha1("/".join(map(str, parts)).encode()).hexdigest()[:24]


def export_uss(board: Board) -> dict:
    """The schedule as a USS object: every scene a breakdown, day strips and banners in board order."""
    created = f"{board.days[0].date.isoformat()}T00:00:00.000Z" if board.days else None
    elements: dict[str, dict] = {}
    categories: dict[int | str, dict] = {}

    def element(category: str, name: str, board_id: str = "", member: dict | None = None) -> str:
        ucid = UCID_BY_NAME.get(category.lower())
        key = ucid if ucid is not None else category
        if key not in categories:
            custom = 500 + sum(1 for k in categories if isinstance(k, str))
            categories[key] = {
                "id": _id("category", category),
                "created": created,
                "elements": [],
                "name": category,
                "ucid": ucid if ucid is not None else custom,
            }
        eid = _id("element", category, name)
        if eid not in elements:
            member = member or {}
            elements[eid] = {
                "id": eid,
                "created": created,
                "doodDropAllow": bool(member.get("drop_allowed", False)),
                "doodDropDays": int(member.get("drop_min_gap_days", 10)),
                "doodHoldAllow": bool(member.get("hold_allowed", True)),
                "doodInclude": category == "Cast Members",
                "elementId": board_id,
                "elementIdLock": bool(board_id),
                "events": [],
                "linkedElements": [],
                "name": name,
            }
            categories[key]["elements"].append(eid)
        return eid

    scripts = {s.number: s for s in board.breakdown.scenes} if board.breakdown else {}
    strips: dict[str, Strip] = {}
    for strip in [s for day in board.days for s in day.strips] + board.boneyard:
        strips.setdefault(strip.number, strip)  # a split scene is one breakdown
    breakdowns, order = [], {}
    numbers = list(scripts) + [n for n in strips if n not in scripts]
    for number in numbers:
        script, strip = scripts.get(number), strips.get(number)
        ids = []
        int_ext = (strip.int_ext if strip else None) or (script.int_ext if script else None)
        day_night = (strip.day_night if strip else None) or (script.day_night if script else None)
        # the script's own set line, so an exported breakdown reads back as written
        # (the plan's "set" may be the project's short name: "ZVEZDA HULL" for
        # "OPEN SPACE - ZVEZDA HULL"); the project matches either.
        set_name = (script.location if script else "") or (strip.set if strip else "")
        if int_ext:
            ids.append(element("INT/EXT", int_ext))
        if set_name:
            ids.append(element("Set", set_name))
        if day_night:
            ids.append(element("Day/Night", day_night))
        if strip and strip.location:
            ids.append(element("Location", strip.location))
        cast_ids = strip.cast if strip and strip.cast else []
        for board_id in cast_ids:
            member = board.cast_member(board_id)
            ids.append(element("Cast Members", member["name"], str(board_id), member))
        if not cast_ids and script:
            ids += [element("Cast Members", name) for name in script.characters]
        for category, labels in (script.elements if script else {}).items():
            ids += [element(category, label) for label in labels]
        eighths = strip.eighths if strip else script.eighths
        bid = _id("scene", number)
        order[number] = bid
        breakdowns.append(
            {
                "id": bid,
                "comments": strip.why if strip and strip.why else None,
                "created": created,
                "description": script.synopsis if script else None,
                "elements": ids,
                "pages": eighths / 8,
                "scene": number,
                "scriptPage": None,
                "time": strip.minutes * 60_000 if strip and strip.start else None,
                "type": "scene",
                "_skyslate": {
                    "start": strip.start.isoformat(),
                    "end": strip.end.isoformat(),
                    "needs": strip.needs,
                }
                if strip and strip.start
                else None,
            }
        )
    board_ids = []
    for item in board.items():
        if item[0] == "strip":
            if order[item[1].number] not in board_ids:  # later pieces of a split scene
                board_ids.append(order[item[1].number])
            continue
        if item[0] == "break":
            bid, kind, text = (
                _id("day", item[1].date),
                "day",
                f"End of Day {item[1].number} — {item[1].date.isoformat()} — {item[1].pages} pages",
            )
        elif item[0] == "off":
            first, last = item[1], item[2]
            span = (
                first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"
            )
            bid, kind, text = (
                _id("off", first),
                "banner",
                f"{ {'holiday': 'HOLIDAY', 'off': 'DAY OFF'}.get(item[3], 'NO SHOOTING') } — {span}",
            )
        elif item[0] == "week":
            bid, kind, text = (_id("week", item[1]), "banner", f"END OF WEEK {item[1]}")
        else:
            bid, kind, text = (
                _id("move", len(board_ids), item[1], item[2]),
                "banner",
                f"COMPANY MOVE — {item[1]} → {item[2]}",
            )
        breakdowns.append(
            {
                "id": bid,
                "comments": None,
                "created": created,
                "description": text,
                "elements": [],
                "pages": None,
                "scene": None,
                "scriptPage": None,
                "time": None,
                "type": kind,
            }
        )
        board_ids.append(bid)
    scheduled = set(board_ids)
    boneyard = [b["id"] for b in breakdowns if b["id"] not in scheduled]
    calendar_id = _id("calendar", board.title)
    events = []
    if board.days:
        events.append(
            {
                "id": _id("start", board.days[0].date),
                "date": f"{board.days[0].date.isoformat()}T00:00:00.000Z",
                "type": "start",
                "name": None,
            }
        )
    for off in board.days_off:
        events.append(
            {
                "id": _id("dayoff", off),
                "date": f"{off.isoformat()}T00:00:00.000Z",
                "type": "dayOff",
                "name": {"holiday": "holiday", "off": "dayOff"}.get(board.status(off), "hiatus"),
            }
        )
    return {
        "universalScheduleStandard": {
            "id": _id("schedule", board.title),
            "author": None,
            "company": None,
            "created": created,
            "episode": None,
            "episodeName": None,
            "description": f"Shooting schedule written by skyslate; cost {board.cost.get('total')}",
            "name": "skyslate schedule",
            "project": board.title,
            "schedColor": None,
            "schedDate": created,
            "scriptColor": None,
            "scriptDate": None,
            "season": None,
            "source": "skyslate",
            "version": USS_VERSION,
            "breakdowns": breakdowns,
            "calendars": [
                {"id": calendar_id, "daysOff": [], "events": events, "name": "skyslate calendar"}
            ],
            "categories": sorted(categories.values(), key=lambda c: c["ucid"]),
            "elements": list(elements.values()),
            "stripboards": [
                {
                    "id": _id("stripboard", board.title),
                    "calendar": calendar_id,
                    "name": "skyslate",
                    "boards": [
                        {
                            "id": _id("board", "stripboard"),
                            "name": "stripboard",
                            "breakdownIds": board_ids,
                        },
                        {
                            "id": _id("board", "boneyard"),
                            "name": "boneyard",
                            "breakdownIds": boneyard,
                        },
                    ],
                }
            ],
        }
    }


def read_uss(path: str | Path) -> Breakdown:
    """A Breakdown from a .uss file: its scene breakdowns in file order, elements by category."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as error:
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
