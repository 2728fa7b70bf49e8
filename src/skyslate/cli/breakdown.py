"""`skyslate breakdown SCRIPT`: the scenes of a screenplay as a first AD reads them."""

from __future__ import annotations

import click

CSV_COLUMNS = (
    "number",
    "heading",
    "int_ext",
    "location",
    "time_of_day",
    "day_night",
    "eighths",
    "pages",
    "speaking",
    "characters",
    "elements",
    "line",
)


@click.command()
@click.argument("script", type=click.Path(dir_okay=False, path_type=str))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="table for people, json for programs, csv for spreadsheets (one row per scene).",
)
def breakdown(script: str, output_format: str) -> None:
    """Break a screenplay (.fountain or .fdx) down into scenes.

    Each scene: number, INT/EXT, set, day or night, length in eighths of a
    page, and the cast (speaking, plus characters written in capitals in the
    action). Breakdown elements come from FDX tags or Fountain notes such as
    [[prop: oxygen mask]].
    """
    from skyslate.script import read_script

    # Read everything first: a bad script prints an error and nothing else.
    result = read_script(script)
    if output_format == "json":
        from skyslate.cli.output import echo_json

        echo_json(result.to_dict())
    elif output_format == "csv":
        _echo_csv(result)
    else:
        _echo_table(result)


def _echo_csv(result) -> None:
    import csv
    import io

    from skyslate.script.model import format_eighths

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for scene in result.scenes:
        elements = "; ".join(
            f"{category}: {', '.join(labels)}" for category, labels in scene.elements.items()
        )
        writer.writerow(
            [
                scene.number or "",
                scene.heading,
                scene.int_ext or "",
                scene.location,
                scene.time_of_day or "",
                scene.day_night or "",
                scene.eighths,
                format_eighths(scene.eighths),
                "; ".join(scene.speaking),
                "; ".join(scene.characters),
                elements,
                scene.line,
            ]
        )
    click.echo(buffer.getvalue(), nl=False)


def _echo_table(result) -> None:
    from rich.console import Console
    from rich.table import Table

    from skyslate.script.model import format_eighths

    title = result.title or "Untitled"
    table = Table(
        title=f"{title}: {len(result.scenes)} scenes, {format_eighths(result.total_eighths)} pages"
        if result.scenes
        else f"{title}: no scenes",
        title_justify="left",
    )
    table.add_column("Sc", justify="right", no_wrap=True)
    table.add_column("I/E", no_wrap=True)
    table.add_column("Set")
    table.add_column("D/N", no_wrap=True)
    table.add_column("Pages", justify="right", no_wrap=True)
    table.add_column("Cast")
    for scene in result.scenes:
        # Speaking parts first; characters only seen in the action are in brackets.
        silent = [f"[{name}]" for name in scene.characters if name not in scene.speaking]
        table.add_row(
            scene.number or "",
            scene.int_ext or "",
            scene.location,
            scene.day_night or "",
            format_eighths(scene.eighths),
            ", ".join(scene.speaking + silent),
        )
    Console(width=110).print(table, markup=False, highlight=False)
