"""`skyslate breakdown` (to be built)."""

from __future__ import annotations

import click


@click.command()
def breakdown() -> None:
    """Not built yet."""
    raise click.ClickException("'breakdown' is not built yet")
