"""HTML documents from a Board with jinja2: stripboard, one-liner, DOOD, call sheets, breakdown sheets."""

from __future__ import annotations

from datetime import date, datetime
from math import ceil
from pathlib import Path

from skyslate.report.board import Board, Day, clock
from skyslate.report.dood import totals
from skyslate.script.model import format_eighths

TEMPLATES = Path(__file__).resolve().parent / "templates"

# Breakdown-sheet highlight colours by category (FIELD-NOTES Part A §2.3, traditional marking).
CATEGORY_COLOURS = {
    "Cast Members": "#e53935",
    "Stunts": "#fb8c00",
    "Background Actors": "#fdd835",
    "Special Effects": "#1e88e5",
    "Props": "#8e24aa",
    "Vehicles": "#ec407a",
    "Animals": "#ec407a",
    "Sound": "#8d6e63",
    "Music": "#8d6e63",
}


def environment():
    """The jinja2 environment with the report filters (imported lazily by write_reports)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=jinja2.select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["hhmm"] = hhmm
    env.filters["longdate"] = longdate
    env.globals["date_span"] = date_span
    env.filters["shortdate"] = lambda d: d.strftime("%a %d %b")
    env.filters["money"] = money
    env.filters["pages"] = format_eighths
    env.filters["coords"] = coords
    env.globals["category_colour"] = lambda name: CATEGORY_COLOURS.get(name, "#9e9e9e")
    env.globals["css"] = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    return env


def hhmm(moment: datetime | None, day: Day | None = None) -> str:
    """The time as HH:MM ("07:20") in its own zone; "14:37 MSK" when that is not `day`'s zone."""
    return clock(moment, day.tz if day else None)


def longdate(day: date) -> str:
    """The date as a call sheet writes it ("Tuesday 5 October 2021")."""
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}"


def date_span(first: date, last: date) -> str:
    """A date or a run of dates as banners write it ("Friday 17 – Tuesday 21 September 2021 (5 days)")."""
    if first == last:
        return longdate(first)
    days = (last - first).days + 1
    if (first.year, first.month) == (last.year, last.month):
        head = f"{first.strftime('%A')} {first.day}"
    elif first.year == last.year:
        head = f"{first.strftime('%A')} {first.day} {first.strftime('%B')}"
    else:
        head = longdate(first)
    return f"{head} – {longdate(last)} ({days} days)"


def money(value) -> str:
    """12,345 for a number; nothing for a missing figure."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    return f"{value:,.0f}"


def coords(location: dict) -> str:
    """55.8783° N, 38.1123° E for a ground site; the element-set file for a station."""
    if location.get("kind") == "orbit":
        sets = location.get("element_sets")
        return f"orbit (element sets: {Path(sets).name})" if sets else "orbit"
    lat, lon = location.get("lat"), location.get("lon")
    if lat is None or lon is None:
        return ""
    return f"{abs(lat):.4f}° {'N' if lat >= 0 else 'S'}, {abs(lon):.4f}° {'E' if lon >= 0 else 'W'}"


def spans(day: Day, windows) -> str:
    """[[start, end], ...] in the day's zone as "08:14–09:12 · 09:47–10:45"."""
    return " · ".join(f"{hhmm(day.local(a))}–{hhmm(day.local(b))}" for a, b in windows or [])


def light_lines(day: Day) -> list[tuple[str, str]]:
    """(label, text) rows describing the day's light: sun on the ground, sunlit/umbra/contacts in orbit."""
    light = day.light
    rows = []
    if day.kind == "orbit":
        rows.append(("Sunlit", spans(day, light.get("sunlit"))))
        rows.append(("Umbra", spans(day, light.get("umbra"))))
        for name, windows in (light.get("contacts") or {}).items():
            rows.append((f"Contact {name}", spans(day, windows)))
    else:
        if light.get("polar"):
            rows.append(("Sun", str(light["polar"])))
        if light.get("sunrise") or light.get("sunset"):
            rise = hhmm(day.local(light["sunrise"])) if light.get("sunrise") else "—"
            sets = hhmm(day.local(light["sunset"])) if light.get("sunset") else "—"
            rows.append(("Sunrise / sunset", f"{rise} / {sets}"))
        if light.get("golden_hour"):
            rows.append(("Golden hour", spans(day, light["golden_hour"])))
        if light.get("blue_hour"):
            rows.append(("Blue hour", spans(day, light["blue_hour"])))
    return [(label, text) for label, text in rows if text]


def zone_label(day: Day) -> str:
    """The zone a day's times are in, as the documents name it."""
    return "UTC" if day.kind == "orbit" or str(day.tz) == "UTC" else day.tz.key


def day_break_text(day: Day) -> str:
    """The short light summary of a day break or one-liner line."""
    light = day.light
    if day.kind == "orbit":
        sunlit = light.get("sunlit") or []
        umbra = light.get("umbra") or []
        return f"{len(sunlit)} sunlit / {len(umbra)} umbra windows (UTC)"
    if light.get("sunrise") and light.get("sunset"):
        return f"sunrise {hhmm(day.local(light['sunrise']))} · sunset {hhmm(day.local(light['sunset']))}"
    return ""


def render_stripboard(env, board: Board, plots: dict[str, str]) -> str:
    """The stripboard HTML."""
    return env.get_template("stripboard.html").render(
        board=board,
        light_lines=light_lines,
        day_break_text=day_break_text,
        zone_label=zone_label,
        plots=plots,
    )


def render_oneliner(env, board: Board, plots: dict[str, str]) -> str:
    """The one-liner HTML."""
    return env.get_template("oneliner.html").render(
        board=board, day_break_text=day_break_text, zone_label=zone_label, plots=plots
    )


def dood_rows(board: Board) -> list[dict]:
    """One row per cast member: codes by calendar date and the totals the DOOD foot shows."""
    rows = []
    columns = board.columns()
    for member in board.cast:
        codes = board.dood.get(str(member["id"]), {})
        count = totals(codes)
        pay_days = member.get("pay_days", count["work"] + count["hold"])
        cost = member.get("cost")
        if cost is None and member.get("rate_per_day") is not None:
            cost = pay_days * member["rate_per_day"]
        rows.append(
            {
                "member": member,
                "codes": [codes.get(d.isoformat(), "") for d in board.calendar],
                "cells": [
                    run_cell([codes.get(d.isoformat(), "") for d in col["dates"]])
                    for col in columns
                ],
                **count,
                "pay": pay_days,
                "cost": cost,
            }
        )
    return rows


def run_cell(codes: list[str]) -> str:
    """One DOOD cell for a column of one or more dates: "H", or "H ×14" for a run of 14 holds."""
    counts: dict[str, int] = {}
    for code in codes:
        if code:
            counts[code] = counts.get(code, 0) + 1
    return " ".join(code if n == 1 else f"{code} ×{n}" for code, n in counts.items())


def dood_page_size(columns: int) -> str:
    """The CSS page size that holds a DOOD of this many date columns on one page width.

    weasyprint never splits a table across pages sideways, it clips it: a 35-day
    feature on A4 lost its Drop, Pay days and Cost columns. Measured on the PDF:
    margins 20 mm, name 30 mm, about 6.8 mm per date column, 50 mm of totals.
    """
    width_mm = 20 + 30 + 6.8 * columns + 50
    if width_mm <= 297:
        return "A4 landscape"
    if width_mm <= 420:
        return "A3 landscape"
    return f"{ceil(width_mm)}mm 297mm"


def render_dood(env, board: Board, plots: dict[str, str]) -> str:
    """The Day Out of Days HTML."""
    columns = board.columns()
    return env.get_template("dood.html").render(
        board=board,
        rows=dood_rows(board),
        columns=columns,
        plots=plots,
        page_size=dood_page_size(len(columns)),
    )


def callsheet_context(board: Board, day: Day) -> dict:
    """Everything one call sheet shows, worked out from the day's strips and tasks."""
    makeup: dict[int, list] = {}
    for task in day.tasks:
        if task.kind == "makeup":
            member = task.cast
            if member is None:  # pair with a cast member first seen in that scene
                strip = next((s for s in day.strips if s.number == task.scene), None)
                taken = {k for k, v in makeup.items() if v}
                member = next((c for c in (strip.cast if strip else []) if c not in taken), None)
            if member is not None:
                makeup.setdefault(member, []).append(task)
    cast_rows = []
    working = []
    for strip in day.strips:
        working += [c for c in strip.cast if c not in working]
    for board_id in working:
        first = next(s for s in day.strips if board_id in s.cast)
        tasks = makeup.get(board_id, [])
        call = min([t.start for t in tasks] + [first.start])
        cast_rows.append(
            {
                "member": board.cast_member(board_id),
                "code": board.code(board_id, day.date),
                "call": call,
                "makeup": tasks,
                "on_set": first.start,
                "scenes": [s.number for s in day.strips if board_id in s.cast],
            }
        )
    holding = [
        board.cast_member(int(i))
        for i, codes in sorted(board.dood.items(), key=lambda kv: int(kv[0]))
        if codes.get(day.date.isoformat()) == "H"
    ]
    people = []
    for person in board.people:
        name = person["name"]
        mine = [t for t in day.tasks if t.person == name]
        scenes = [s for s in day.strips if name in s.people]
        starts = [t.start for t in mine] + [s.start for s in scenes]
        if not starts:
            continue
        people.append(
            {
                "name": name,
                "roles": person["roles"],
                "call": min(starts),
                "wrap": max([t.end for t in mine] + [s.end for s in scenes]),
                "tasks": len(mine),
                "scenes": [s.number for s in scenes],
            }
        )
    index = board.days.index(day)
    following = board.days[index + 1] if index + 1 < len(board.days) else None
    where = []
    for name in dict.fromkeys([day.location] + [s.location for s in day.strips]):
        where.append({"name": name, **board.locations.get(name, {})})
    return {
        "day": day,
        "of": len(board.days),
        "cast_rows": cast_rows,
        "holding": holding,
        "people": sorted(people, key=lambda p: (p["call"], p["name"])),
        "following": following,
        "where": where,
        "light": light_lines(day),
        "zone": zone_label(day),
    }


def render_callsheets(env, board: Board, days: list[Day] | None = None) -> str:
    """Call sheets HTML, one page per shoot day (all days, or those given)."""
    sheets = [callsheet_context(board, day) for day in (days or board.days)]
    return env.get_template("callsheet.html").render(board=board, sheets=sheets, coords=coords)


def render_breakdown_sheets(env, board: Board) -> str:
    """Breakdown sheets HTML, one per scene of the breakdown."""
    scheduled = {s.number: day for day in board.days for s in day.strips}
    strips = {s.number: s for day in board.days for s in day.strips}
    why = {s.number: s.why for s in board.boneyard}
    sheets = []
    scenes = board.breakdown.scenes if board.breakdown else []
    for scene in scenes:
        strip = strips.get(scene.number)
        cast = [board.cast_member(c) for c in strip.cast] if strip else []
        sheets.append(
            {
                "scene": scene,
                "day": scheduled.get(scene.number),
                "strip": strip,
                "cast": cast,
                "why": why.get(scene.number),
            }
        )
    return env.get_template("breakdown.html").render(board=board, sheets=sheets)


def render_index(env, board: Board, plots: dict[str, str], files: list[str]) -> str:
    """The summary page: cost, bound, gap, links and plots."""
    return env.get_template("index.html").render(board=board, plots=plots, files=files)
