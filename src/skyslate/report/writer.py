"""Write every report for a plan json into a folder, atomically."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from skyslate.errors import ReportError
from skyslate.report.board import DEFAULT_PALETTE, Board, build_board
from skyslate.report.plan_json import check_plan
from skyslate.script.model import Breakdown

_COLOUR = re.compile(r"^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-zA-Z]{3,20})$")


def write_reports(
    plan: dict,
    breakdown: Breakdown | None,
    out_dir: str | Path,
    *,
    palette: dict[str, str] | None = None,
    pdf: bool = True,
) -> list[Path]:
    """Write the stripboard, one-liner, DOOD, call sheets, breakdown sheets, calendars, plots and USS.

    Everything is rendered into a hidden staging folder inside `out_dir` first and
    only then moved into place file by file (a rename each), so a failure leaves the
    previous reports untouched and never a half-written file. Returns the paths written.
    """
    check_plan(plan)
    board = build_board(plan, breakdown, _checked_palette(palette))
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".skyslate-reports-", dir=out_dir))
    except OSError as error:
        raise ReportError(
            f"cannot write reports there: {error.strerror or error}", path=out_dir
        ) from None
    try:
        written = _render_all(board, staging, pdf=pdf)
        for relative in written:
            target = out_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / relative, target)
    except OSError as error:
        raise ReportError(
            f"cannot write reports there: {error.strerror or error}", path=out_dir
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out_dir / relative for relative in written]


def _checked_palette(palette: dict[str, str] | None) -> dict[str, str] | None:
    if not palette:
        return None
    for key, value in palette.items():
        if key not in DEFAULT_PALETTE:
            raise ReportError(
                f"unknown palette key {key!r}; valid keys: {', '.join(DEFAULT_PALETTE)}"
            )
        if not isinstance(value, str) or not _COLOUR.match(value):
            raise ReportError(
                f"palette colour for {key!r} must be #rgb, #rrggbb or a CSS colour name, not {value!r}"
            )
    return palette


# A second process costs about a CPU-second to start (interpreter, weasyprint, fonts),
# so it pays only when a core is idle right now. On a quiet 2-core machine it takes the
# demo's documents from 7.4 s to 4.0-4.9 s; on the shared machine at load 3-7 it made
# them slower (7.4 s against 6.2 s), so a busy machine keeps everything in one process.
# The 1-minute load average lags too much for this (right after the solver's two
# workers it still reads "busy"), so the idle time is sampled from /proc/stat.
ASIDE_MIN_DAYS = 3
ASIDE_MIN_IDLE_CORES = 1.5  # this process's own core and most of another


def idle_cores(sample_seconds: float = 0.1) -> float | None:
    """How many cores are idle right now (two readings of /proc/stat); None where unknown."""

    def reading() -> tuple[int, int]:
        with open("/proc/stat", encoding="ascii") as stat:
            ticks = [int(value) for value in stat.readline().split()[1:]]
        return ticks[3] + ticks[4], sum(ticks)  # idle + iowait, everything

    try:
        idle_before, total_before = reading()
        time.sleep(sample_seconds)
        idle_after, total_after = reading()
    except (OSError, ValueError, IndexError):
        return None
    if total_after <= total_before:
        return None
    share = (idle_after - idle_before) / (total_after - total_before)
    return share * (os.cpu_count() or 1)


def print_aside_pays(board: Board) -> bool:
    """Whether to print the call and breakdown sheets in a second process."""
    if len(board.days) < ASIDE_MIN_DAYS or (os.cpu_count() or 1) < 2:
        return False
    idle = idle_cores()
    if idle is None:
        try:
            idle = (os.cpu_count() or 1) - os.getloadavg()[0]
        except OSError:  # not available on this platform
            return False
    return idle >= ASIDE_MIN_IDLE_CORES


def _render_all(board: Board, folder: Path, *, pdf: bool) -> list[str]:
    """Write every document under `folder`; returns their paths relative to it."""
    from skyslate.report import calendars, plots, render, sheets, uss
    from skyslate.report.pdf import PdfPrinter, html_to_pdf

    written: list[str] = []

    def put(relative: str, content: str | bytes) -> None:
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        written.append(relative)

    env = render.environment()
    with PdfPrinter() as printer:
        # The call sheets and breakdown sheets need no plots: write them first and
        # start a second process printing them while this one draws everything else.
        documents = {
            "callsheets": render.render_callsheets(env, board),
            "breakdown-sheets": render.render_breakdown_sheets(env, board),
        }
        for name, html in documents.items():
            put(f"{name}.html", html)
        if pdf:
            jobs = [(folder / f"{name}.html", folder / f"{name}.pdf") for name in documents]
            if print_aside_pays(board):
                printer.print_aside(jobs)
            else:
                printer.queue(jobs)
        for day in board.days:
            put(
                f"callsheets/day-{day.number:02d}.html", render.render_callsheets(env, board, [day])
            )

        pngs = {
            "timeline": plots.timeline_png(board),
            "cast-days": plots.cast_days_png(board),
            "cost": plots.cost_png(board),
        }
        for name, png in pngs.items():
            put(f"plots/{name}.png", png)
        uris = {name.replace("-", "_"): plots.data_uri(png) for name, png in pngs.items()}
        with_plots = {
            "stripboard": render.render_stripboard(env, board, uris),
            "one-liner": render.render_oneliner(env, board, uris),
            "dood": render.render_dood(env, board, uris),
        }
        for name, html in with_plots.items():
            put(f"{name}.html", html)
        put("dood.csv", sheets.dood_csv(board))
        sheets.write_dood_xlsx(board, folder / "dood.xlsx")
        written.append("dood.xlsx")

        put("schedule.ics", calendars.schedule_ics(board))
        for member in board.cast:
            if any(member["id"] in s.cast for day in board.days for s in day.strips):
                name = f"calendars/cast-{member['id']:02d}-{calendars.slug(member['name'])}.ics"
                put(name, calendars.cast_ics(board, member["id"]))
        for person in board.people:
            name = f"calendars/person-{calendars.slug(person['name'])}.ics"
            put(name, calendars.person_ics(board, person["name"]))

        put("schedule.uss", json.dumps(uss.export_uss(board), indent=1, ensure_ascii=False) + "\n")

        if pdf:
            for name, html in with_plots.items():
                put(f"{name}.pdf", html_to_pdf(html, base_url=folder))
            printer.finish()  # takes over the breakdown sheets if the child has not started them
            written += [f"{name}.pdf" for name in documents]
    top = sorted(w for w in written if "/" not in w or w.startswith("plots/"))
    put("index.html", render.render_index(env, board, uris, top))
    return written
