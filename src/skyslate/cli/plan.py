"""`skyslate plan` (to be built)."""

from __future__ import annotations

import click


@click.command()
def plan() -> None:
    """Not built yet."""
    raise click.ClickException("'plan' is not built yet")
