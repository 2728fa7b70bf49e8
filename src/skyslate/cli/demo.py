"""`skyslate demo`: the bundled example production, end to end."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import click

EXAMPLE_DIR = Path(__file__).resolve().parent.parent / "examples" / "the-challenge"
# Issue 5 wants the whole demo under 10 s and issue 6 the documents under 5 s: the
# solver gets what is left after loading (~1-2 s). Measured on the demo at load 6 on the
# 2 shared cores: the seed schedule comes at 0.3 s; the solver's bound came in 3 of 3
# runs at 4 s but only 1 of 2 at 3 s; 10 s is ~3-5% cheaper (benchmarks/README.md, plan).
DEMO_TIME_LIMIT_SECONDS = 4.0


def _finite(value: float) -> float:
    from skyslate.cli.plan import finite_seconds

    return finite_seconds(value)


@click.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("demo-out"),
    show_default=True,
    help="Folder for the documents.",
)
@click.option(
    "--time-limit",
    "time_limit",
    type=click.FloatRange(min=0.1, max=86_400.0),
    callback=lambda _ctx, _param, value: _finite(value),
    default=DEMO_TIME_LIMIT_SECONDS,
    show_default=True,
    help="Seconds the solver may search (more may find a cheaper schedule).",
)
@click.option(
    "--pdf/--no-pdf",
    default=True,
    show_default=True,
    help="Also print the PDF copies of the reports (the slowest part).",
)
def demo(out_dir: Path, time_limit: float, pdf: bool) -> None:
    """Run the bundled example ("The Challenge") through the pipeline."""
    from skyslate.cli.plan import make_folder
    from skyslate.plan.project import load_project
    from skyslate.script import read_script
    from skyslate.script.model import format_eighths

    make_folder(out_dir)  # before the work: a bad --out says so at once
    started = time.perf_counter()
    breakdown = read_script(EXAMPLE_DIR / "the-challenge.fountain")
    click.echo(
        f"breakdown  {breakdown.title or 'untitled'}: {len(breakdown.scenes)} scenes, "
        f"{format_eighths(breakdown.total_eighths)} pages"
    )
    production = load_project(EXAMPLE_DIR, breakdown=breakdown)
    for line in sky_lines(production):
        click.echo(line)
    from skyslate.cli.plan import solve_production, summary_line, write_documents

    document = solve_production(production, time_limit, quiet=False)
    planned = time.perf_counter()
    written = write_documents(document, breakdown, out_dir, quiet=False, pdf=pdf)
    done = time.perf_counter()
    click.echo(f"plan       {summary_line(document)}")
    click.echo(
        f"wrote      {len(written)} files to {out_dir}/ (schedule.txt is the readable schedule)"
    )
    click.echo(
        f"took       {done - started:.1f} s (breakdown, sky and plan {planned - started:.1f} s, "
        f"documents {done - planned:.1f} s)"
    )


def sky_lines(production) -> list[str]:
    """One line per location: how much of its needed light the calendar offers."""
    lines = []
    needs_by_location: dict[str, set[str]] = {}
    for job in production.scenes:
        needs_by_location.setdefault(job.location, set()).update(job.needs)
    for location in production.locations:
        words = sorted(needs_by_location.get(location.name, ()))
        if not words:
            continue
        parts = []
        for word in words:
            windows = production.sky.windows(location, word)
            longest = windows.longest()
            minutes = int(longest.duration / timedelta(minutes=1)) if longest else 0
            parts.append(f"{word} {len(windows)}x (longest {minutes} min)")
        lines.append(f"sky        {location.name}: " + ", ".join(parts))
    return lines
