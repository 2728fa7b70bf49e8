"""Matplotlib charts for the reports: days over their light, cast work vs hold, cost by term."""

from __future__ import annotations

import base64
import io
from datetime import datetime

from skyslate.report.board import Board, Day, parse_time
from skyslate.report.dood import totals

LIGHT_COLOURS = {
    "sunlit": "#ffe066",
    "umbra": "#3b3b58",
    "golden_hour": "#ffb347",
    "blue_hour": "#6fa8dc",
    "day": "#fff7c2",
    "night": "#4a4a68",
    "contact": "#2e9e44",
}


def _figure(width_inches: float, height_inches: float):
    """A figure and its axes drawn by Agg, without pyplot (no global state, no window)."""
    import matplotlib

    matplotlib.use("Agg")  # never a window, whatever the environment says
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_inches, height_inches), dpi=90, layout="constrained")
    FigureCanvasAgg(fig)
    return fig, fig.subplots()


def _hours(day: Day, moment: datetime) -> float:
    """Hours after local midnight of the shoot date (may exceed 24 past midnight)."""
    local = moment.astimezone(day.tz)
    return (
        (local.date() - day.date).days * 24 + local.hour + local.minute / 60 + local.second / 3600
    )


def _spans(day: Day, windows) -> list[tuple[float, float]]:
    out = []
    for a, b in windows or []:
        start = _hours(day, parse_time(a))
        out.append((start, _hours(day, parse_time(b)) - start))
    return out


def timeline_png(board: Board) -> bytes:
    """Each day a row: the light (sun or sunlit/umbra, contacts) behind, scenes and tasks on top."""
    from matplotlib.patches import Patch

    rows = max(len(board.days), 1)
    fig, ax = _figure(10, 0.5 * rows + 1.4)
    # Every rectangle goes into one of three collections (light, scenes, tasks):
    # a few hundred separate artists cost more to draw than the whole rest.
    light_bars: list[tuple[float, float, float, float, str]] = []
    scene_bars: list[tuple[float, float, float, float, str]] = []
    task_bars: list[tuple[float, float, float, float, str]] = []

    def spans(day, windows, y0, height, colour, into=light_bars):
        for start, width in _spans(day, windows):
            into.append((start, width, y0, height, colour))

    low, high = 24.0, 0.0
    for row, day in enumerate(board.days):
        y = rows - 1 - row
        light = day.light
        if day.kind == "orbit":
            spans(day, light.get("sunlit"), y - 0.4, 0.8, LIGHT_COLOURS["sunlit"])
            spans(day, light.get("umbra"), y - 0.4, 0.8, LIGHT_COLOURS["umbra"])
            for windows in (light.get("contacts") or {}).values():
                spans(day, windows, y - 0.45, 0.12, LIGHT_COLOURS["contact"])
        else:
            light_bars.append((0.0, 24.0, y - 0.4, 0.8, LIGHT_COLOURS["night"]))
            if light.get("sunrise") and light.get("sunset"):
                rise = _hours(day, parse_time(light["sunrise"]))
                sets = _hours(day, parse_time(light["sunset"]))
                light_bars.append((rise, sets - rise, y - 0.4, 0.8, LIGHT_COLOURS["day"]))
            spans(day, light.get("golden_hour"), y - 0.4, 0.8, LIGHT_COLOURS["golden_hour"])
            spans(day, light.get("blue_hour"), y - 0.4, 0.8, LIGHT_COLOURS["blue_hour"])
        for strip in day.strips:
            start = _hours(day, strip.start)
            width = _hours(day, strip.end) - start
            low, high = min(low, start), max(high, start + width)
            scene_bars.append((start, width, y - 0.22, 0.44, board.colour(strip)))
            ax.text(
                start + width / 2,
                y,
                strip.number,
                ha="center",
                va="center",
                fontsize=7,
                fontweight="bold",
                zorder=4,
            )
        for task in day.tasks:
            start = _hours(day, task.start)
            low = min(low, start)
            task_bars.append((start, _hours(day, task.end) - start, y + 0.25, 0.12, "#c0392b"))
    _collection(ax, light_bars, zorder=1)
    _collection(ax, scene_bars, zorder=2, edgecolor="black", linewidth=0.8)
    _collection(ax, task_bars, zorder=3)
    if high <= low:
        low, high = 6.0, 20.0
    ax.set_xlim(max(0.0, low - 1.0), min(30.0, high + 1.0))
    ax.set_ylim(-0.6, rows - 0.4)
    ax.set_yticks(range(rows))
    ax.set_yticklabels(
        [f"Day {d.number}  {d.date:%a %d %b}  {d.location}" for d in reversed(board.days)],
        fontsize=7,
    )
    ax.set_xlabel("hour of the day (local time; UTC aboard a station)", fontsize=8)
    ax.tick_params(axis="x", labelsize=7)
    ax.grid(axis="x", color="#999", lw=0.3)
    fig.legend(
        handles=[
            Patch(color=LIGHT_COLOURS["day"], label="ground daylight"),
            Patch(color=LIGHT_COLOURS["golden_hour"], label="golden hour"),
            Patch(color=LIGHT_COLOURS["blue_hour"], label="blue hour"),
            Patch(color=LIGHT_COLOURS["night"], label="night"),
            Patch(color=LIGHT_COLOURS["sunlit"], label="station sunlit"),
            Patch(color=LIGHT_COLOURS["umbra"], label="umbra"),
            Patch(color=LIGHT_COLOURS["contact"], label="ground contact"),
            Patch(color="#c0392b", label="tasks"),
        ],
        fontsize=6.5,
        ncol=8,
        loc="outside lower center",
        frameon=False,
    )
    ax.set_title("Scenes over their light and orbit windows", fontsize=9)
    return _save(fig)


def _collection(ax, bars, *, zorder: int, edgecolor="none", linewidth: float = 0.0) -> None:
    """Draw (x, width, y, height, colour) rectangles as one PolyCollection."""
    from matplotlib.collections import PolyCollection

    if not bars:
        return
    verts = [[(x, y), (x + w, y), (x + w, y + h), (x, y + h)] for x, w, y, h, _ in bars]
    ax.add_collection(
        PolyCollection(
            verts,
            facecolors=[colour for *_, colour in bars],
            edgecolors=edgecolor,
            linewidths=linewidth,
            zorder=zorder,
        )
    )


def cast_days_png(board: Board) -> bytes:
    """A bar per cast member: work days and hold days (drops marked)."""
    members = board.cast
    fig, ax = _figure(6, 0.32 * len(members) + 1.0)
    labels, work, hold, drop = [], [], [], []
    for member in members:
        count = totals(board.dood.get(str(member["id"]), {}))
        labels.append(f"{member['id']} {member['name']}")
        work.append(count["work"])
        hold.append(count["hold"])
        drop.append(count["drop"])
    ys = list(range(len(members)))[::-1]
    ax.barh(ys, work, color="#4caf50", label="work")
    ax.barh(ys, hold, left=work, color="#ffc107", label="hold")
    for y, w, h, d in zip(ys, work, hold, drop, strict=True):
        if d:
            ax.text(w + h + 0.1, y, "drop", va="center", fontsize=7, color="#c62828")
    ax.set_yticks(ys)
    ax.set_yticklabels(labels, fontsize=7)
    ax.set_xlabel("days", fontsize=8)
    ax.tick_params(axis="x", labelsize=7)
    ax.legend(fontsize=7, loc="lower right")
    ax.set_title("Cast days: work vs hold", fontsize=9)
    return _save(fig)


def cost_png(board: Board) -> bytes:
    """Cost by term, with the total and the proven lower bound."""
    keys = [k for k in ("cast", "overtime", "moves", "days") if k in board.cost]
    fig, ax = _figure(5, 2.6)
    values = [board.cost[k] for k in keys]
    ax.bar(keys, values, color=["#e53935", "#fb8c00", "#8e24aa", "#1e88e5"][: len(keys)])
    for i, value in enumerate(values):
        ax.text(i, value, f"{value:,.0f}", ha="center", va="bottom", fontsize=7)
    title = f"Cost by term — total {board.cost.get('total', sum(values)):,.0f}"
    if board.lower_bound is not None:
        title += f", bound {board.lower_bound:,.0f}"
    ax.set_title(title, fontsize=9)
    ax.tick_params(labelsize=7)
    return _save(fig)


def _save(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def data_uri(png: bytes) -> str:
    """A PNG as a data: URI for embedding in HTML."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
