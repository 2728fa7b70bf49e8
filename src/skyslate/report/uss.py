"""Universal Schedule Standard (.uss JSON): export a schedule (import: `skyslate.script.uss`).

Format: https://github.com/UniversalScheduleStandard/UniversalScheduleStandard
(docs/docs.md, USS 0.9); category numbers from the Universal Category
Identification Standard (scene categories 0-6, action categories 100-124).
"""

from __future__ import annotations

import hashlib

from skyslate.report.board import Board, Strip
from skyslate.script.uss import (  # noqa: F401  (read_uss, breakdown_from_uss: re-exported)
    ACTION_CATEGORIES,
    SCENE_CATEGORIES,
    breakdown_from_uss,
    read_uss,
)

USS_VERSION = "0.9.0"
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
