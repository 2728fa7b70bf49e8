"""`skyslate plan PROJECT`: the cheapest feasible shooting schedule, with its bound."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from skyslate.errors import ProjectError, ReportError

MAX_TIME_LIMIT_SECONDS = 86_400.0  # a day; `inf` would never return


def finite_seconds(value: float) -> float:
    """click lets nan through a FloatRange (every comparison is false): refuse it here."""
    if value != value:
        raise click.BadParameter("give a number of seconds, not nan")
    return value


@click.command()
@click.argument("project", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write schedule.json, schedule.txt and every report here.",
)
@click.option(
    "--time-limit",
    "time_limit",
    type=click.FloatRange(min=0.1, max=MAX_TIME_LIMIT_SECONDS),
    callback=lambda _ctx, _param, value: finite_seconds(value),
    default=30.0,
    show_default=True,
    help="Seconds the solver may search.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option(
    "--pdf/--no-pdf",
    default=True,
    show_default=True,
    help="With --out: also print the PDF copies of the reports (the slowest part).",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="A schedule.json to keep close to (rescheduling).",
)
@click.option(
    "--freeze-through",
    "freeze_through",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="With --baseline: days up to this date stay as shot.",
)
def plan(
    project: Path,
    out_dir: Path | None,
    time_limit: float,
    fmt: str,
    pdf: bool,
    baseline: Path | None,
    freeze_through: datetime | None,
) -> None:
    """Plan PROJECT (a folder holding skyslate.toml, or the file itself)."""
    if (baseline is None) != (freeze_through is None):
        raise click.UsageError("--baseline and --freeze-through go together")
    from skyslate.plan.project import load_project

    production = load_project(project)
    if out_dir is not None:
        make_folder(out_dir)  # before solving: a bad --out should not cost the solve
    baseline_plan = read_baseline(baseline) if baseline is not None else None
    if baseline_plan is not None and baseline_plan.get("production") != production.title:
        raise ProjectError(
            f"baseline is the schedule of {baseline_plan.get('production')!r}, "
            f"not of {production.title!r}",
            path=baseline,
        )
    frozen = freeze_through.date() if freeze_through is not None else None
    document = solve_production(
        production, time_limit, quiet=fmt == "json", baseline=baseline_plan, freeze_through=frozen
    )
    if out_dir is not None:
        write_documents(document, production.breakdown, out_dir, quiet=fmt == "json", pdf=pdf)
    if fmt == "json":
        from skyslate.cli.output import echo_json

        echo_json(document)
    else:
        click.echo(schedule_text(document), nl=False)


def read_baseline(path: Path) -> dict:
    """A schedule.json written earlier, as a dict."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProjectError("baseline schedule not found", path=path) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ProjectError(f"baseline is not a schedule.json ({error})", path=path) from None
    if not isinstance(data, dict) or not isinstance(data.get("days"), list):
        raise ProjectError("baseline is not a schedule.json (no 'days' list)", path=path)
    return data


def solve_production(
    production, time_limit: float, *, quiet: bool, baseline=None, freeze_through: date | None = None
) -> dict:
    """Explain impossible scenes, then solve with a progress bar on stderr; the plan json."""
    from skyslate.errors import InfeasibleError
    from skyslate.plan.explain import presolve_error, scene_line

    impossible = presolve_error(production)
    if impossible is not None:
        raise impossible
    from skyslate.solve.planner import solve

    kwargs = {"time_limit_seconds": time_limit}
    if baseline is not None:
        kwargs.update(baseline=baseline, freeze_through=freeze_through)
    try:
        if quiet:
            schedule = solve(production, **kwargs)
        else:
            schedule = _solve_with_progress(solve, production, time_limit, kwargs)
    except InfeasibleError as error:
        # the solver knows scenes, not files: point at the project file and a scene's line
        if error.path is None:
            error.path = production.source
            named = [s for c in error.conflicts for s in c.scenes]
            error.line = scene_line(production, named[0]) if named else None
        raise
    return schedule.to_json(production)


def _solve_with_progress(solve, production, time_limit: float, kwargs: dict):
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("[bold]planning[/bold]"),
        BarColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("starting", total=None)

        def report(fraction, message, best_cost, bound):
            words = message or ""
            if best_cost is not None:
                words += f"  best {best_cost:,.0f}"
            if bound is not None:
                words += f"  bound {bound:,.0f}"
            progress.update(
                task,
                description=words,
                total=1.0 if fraction is not None else None,
                completed=fraction or 0,
            )

        return solve(production, progress=report, **kwargs)


def write_documents(
    document: dict, breakdown, out_dir: Path, *, quiet: bool, pdf: bool = True
) -> list[Path]:
    """schedule.json + schedule.txt, then every report (skyslate.report.write_reports)."""
    written = write_schedule(document, out_dir)
    try:
        from skyslate.report import write_reports
    except ImportError:  # reports not installed in this build: the schedule alone
        return written
    if quiet:
        return written + write_reports(document, breakdown, out_dir, pdf=pdf)
    from rich.console import Console

    what = "stripboard, DOOD, call sheets" + (", PDFs" if pdf else "")
    with Console(stderr=True).status(f"writing reports ({what})"):
        return written + write_reports(document, breakdown, out_dir, pdf=pdf)


def make_folder(out_dir: Path) -> None:
    """Create the output folder, or say why it cannot be (exit 1, no traceback)."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ReportError(f"cannot write there: {error.strerror or error}", path=out_dir) from None


def write_schedule(document: dict, out_dir: Path) -> list[Path]:
    """DIR/schedule.json (the plan json) and DIR/schedule.txt (the table a person reads)."""
    from skyslate.cli.output import iso

    def default(value):
        if isinstance(value, datetime):
            return iso(value)
        if isinstance(value, date):
            return value.isoformat()
        raise TypeError(f"cannot write {type(value).__name__} as JSON")

    make_folder(out_dir)
    json_path = out_dir / "schedule.json"
    text_path = out_dir / "schedule.txt"
    try:
        json_path.write_text(
            json.dumps(document, indent=2, ensure_ascii=False, default=default) + "\n",
            encoding="utf-8",
        )
        text_path.write_text(schedule_text(document, width=120), encoding="utf-8")
    except OSError as error:
        raise ReportError(
            f"cannot write the schedule there: {error.strerror or error}", path=out_dir
        ) from None
    return [json_path, text_path]


def _clock(text: str | None, tz: str) -> str:
    if not text:
        return "--:--"
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment.astimezone(ZoneInfo(tz)).strftime("%H:%M")


def schedule_text(document: dict, width: int = 110) -> str:
    """The plan as plain text: one table per shoot day, then cast and cost."""
    from rich.console import Console
    from rich.table import Table

    from skyslate.script.model import format_eighths

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False)
    zones = {loc["name"]: loc["tz"] for loc in document.get("locations", [])}
    console.print(f"{document.get('production')}: {len(document.get('days', []))} shoot days")
    for day in document.get("days", []):
        tz = zones.get(day["location"], "UTC")
        table = Table(
            title=f"Day {day['number']}  {day['date']}  {day['location']} ({tz})",
            title_justify="left",
        )
        for column in ("scene", "set", "start", "end", "pages", "cast", "needs"):
            table.add_column(column)
        for scene in day["scenes"]:
            zone = zones.get(scene["location"], tz)
            table.add_row(
                scene["number"],
                scene["set"],
                _clock(scene["start"], zone),
                _clock(scene["end"], zone),
                format_eighths(scene["eighths"]) if scene.get("eighths") else "",
                " ".join(str(c) for c in scene["cast"]),
                " and ".join(scene["needs"]),
            )
        console.print(table)
    cast = Table(title="Cast", title_justify="left")
    for column in ("id", "character", "actor", "first", "last", "work", "hold", "pay days", "cost"):
        cast.add_column(
            column, justify="right" if column in ("work", "hold", "pay days", "cost") else "left"
        )
    for member in document.get("cast", []):
        cast.add_row(
            str(member["id"]),
            member["name"],
            member["actor"],
            member["first_day"] or "-",
            member["last_day"] or "-",
            str(member["work_days"]),
            str(member["hold_days"]),
            str(member["pay_days"]),
            f"{member['cost']:,.0f}",
        )
    console.print(cast)
    for item in document.get("unscheduled", []):
        why = str(item["why"]).removeprefix(f"scene {item['number']}: ")
        console.print(f"unscheduled: scene {item['number']}: {why}")
    console.print(summary_line(document))
    return buffer.getvalue()


def summary_line(document: dict) -> str:
    """'12 days, cost 123,400 (cast ..., ...), bound 120,000, gap 2.8%'."""
    cost = document.get("cost", {})
    bound = document.get("lower_bound")
    gap = document.get("gap")
    parts = [
        f"{len(document.get('days', []))} shoot days",
        f"cost {cost.get('total', 0):,.0f} (cast {cost.get('cast', 0):,.0f}, overtime {cost.get('overtime', 0):,.0f}, "
        f"moves {cost.get('moves', 0):,.0f}, days {cost.get('days', 0):,.0f})",
        f"bound {bound:,.0f}" if bound is not None else "no bound",
        "optimal"
        if document.get("optimal")
        else (f"gap {gap:.1%}" if gap is not None else "gap unknown"),
    ]
    return ", ".join(parts)
