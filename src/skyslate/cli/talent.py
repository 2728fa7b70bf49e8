"""`skyslate talent`: solve a classic talent-scheduling instance exactly."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(path_type=Path))
@click.option(
    "--time-limit",
    "time_limit_seconds",
    type=click.FloatRange(min=0),
    default=None,
    metavar="S",
    callback=lambda _ctx, _param, value: _not_nan(value),
    help="Stop after S seconds with the best order found and a proven lower bound.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
)
def talent(instance_path: Path, time_limit_seconds: float | None, output_format: str) -> None:
    """Find the scene order that pays actors the fewest days, and prove it optimal.

    INSTANCE is a file in the plain format (name, n, m, m rows of n 0/1 flags
    and a daily cost, n durations) or MiniZinc .dzn (numScenes, numActors,
    ia, c, d). Cost = sum over actors of daily cost x days from their first
    scene's start to their last scene's end.
    """
    from skyslate.solve.talent import read_instance, solve_talent

    instance = read_instance(instance_path)
    if output_format == "json":
        result = solve_talent(instance, time_limit_seconds)
        from skyslate.cli.output import echo_json

        echo_json(_document(instance, result))
        return

    from rich.console import Console

    err = Console(stderr=True)
    for actor in instance.idle_actors:
        err.print(f"note: actor {actor + 1} appears in no scene, so costs nothing")
    status = None

    def progress(best_cost: int, lower_bound: int) -> None:
        nonlocal status
        text = f"searching: best cost {best_cost}, proven bound {lower_bound}"
        if status is None:
            status = err.status(text)
            status.start()
        else:
            status.update(text)

    try:
        result = solve_talent(instance, time_limit_seconds, progress)
    finally:
        if status is not None:
            status.stop()
    _print_table(Console(), instance, result)


def _not_nan(seconds: float | None) -> float | None:
    # FloatRange lets "nan" through (no comparison fails), and nan would mean no limit at all
    if seconds is not None and seconds != seconds:
        raise click.BadParameter("nan is not a number of seconds", param_hint="'--time-limit'")
    return seconds


def _document(instance, result) -> dict:
    return {
        "instance": instance.name,
        "scenes": instance.scene_count,
        "actors": instance.actor_count,
        "cost": result.cost,
        "holding_cost": result.holding_cost,
        "lower_bound": result.lower_bound,
        "optimal": result.optimal,
        "order": [scene + 1 for scene in result.order],
        "seconds": round(result.seconds, 6),
    }


def _print_table(console, instance, result) -> None:
    from rich.table import Table

    table = Table(title=f"talent schedule: {instance.name}", show_header=False)
    table.add_column(style="bold")
    table.add_column()
    table.add_row("scenes x actors", f"{instance.scene_count} x {instance.actor_count}")
    table.add_row("cost", str(result.cost))
    table.add_row("holding cost", str(result.holding_cost))
    table.add_row("lower bound", str(result.lower_bound))
    table.add_row("optimal", "yes" if result.optimal else "not proven")
    table.add_row("seconds", f"{result.seconds:.3f}")
    table.add_row("order", " ".join(str(scene + 1) for scene in result.order))
    console.print(table)
