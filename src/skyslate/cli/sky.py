"""`skyslate sky` (to be built)."""

from __future__ import annotations

import click


@click.command()
def sky() -> None:
    """Not built yet."""
    raise click.ClickException("'sky' is not built yet")
