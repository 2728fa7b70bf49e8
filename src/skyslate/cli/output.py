"""Small helpers the commands share for writing JSON and tables."""

from __future__ import annotations

import json
from datetime import date, datetime

import click


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 with offset; UTC is written with `Z`."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError("naive datetime reached the output layer")
    text = moment.isoformat()
    if text.endswith("+00:00"):  # any zero offset, whatever tzinfo carries it
        text = text[: -len("+00:00")] + "Z"
    return text


def _default(value):
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def echo_json(document) -> None:
    """Print one JSON document on stdout and nothing else."""
    click.echo(json.dumps(document, indent=2, ensure_ascii=False, default=_default))
