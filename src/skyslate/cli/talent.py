"""`skyslate talent` (to be built)."""

from __future__ import annotations

import click


@click.command()
def talent() -> None:
    """Not built yet."""
    raise click.ClickException("'talent' is not built yet")
