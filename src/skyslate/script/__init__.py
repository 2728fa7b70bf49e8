"""Screenplay -> Breakdown: Fountain, Final Draft FDX and USS breakdowns, read safely.

from skyslate.script import read_script
breakdown = read_script("examples/the-challenge/the-challenge.fountain")
"""

from __future__ import annotations

from pathlib import Path

from skyslate.script.model import Breakdown, Scene, format_eighths
from skyslate.script.source import decode_text, read_bytes

__all__ = [
    "Breakdown",
    "Scene",
    "format_eighths",
    "parse_fdx",
    "parse_fountain",
    "read_script",
]

FOUNTAIN_SUFFIXES = (".fountain", ".spmd", ".txt", ".text")
FDX_SUFFIXES = (".fdx",)
USS_SUFFIXES = (".uss",)


def parse_fountain(text: str, path: str | Path | None = None) -> Breakdown:
    """Break a Fountain screenplay (text) down into scenes."""
    from skyslate.script.assemble import build_breakdown
    from skyslate.script.fountain import parse_fountain_text

    document = parse_fountain_text(text, path)
    # Title-page keys are matched without regard to case ("Title:", "TITLE:", "title:").
    title = next((v for k, v in document.metadata.items() if k.lower() == "title"), None)
    title = " ".join(title.split()) if title else None
    return build_breakdown(
        document.elements,
        document.notes,
        title=title,
        metadata=document.metadata,
        source=str(path) if path is not None else None,
    )


def parse_fdx(data: bytes | str, path: str | Path | None = None) -> Breakdown:
    """Break a Final Draft FDX screenplay (XML bytes or text) down into scenes."""
    from skyslate.script.assemble import build_breakdown
    from skyslate.script.fdx import parse_fdx_document

    document = parse_fdx_document(data, path)
    return build_breakdown(
        document.elements,
        document.notes,
        title=document.title,
        metadata=document.metadata,
        source=str(path) if path is not None else None,
    )


def _looks_like_xml(data: bytes) -> bool:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<?xml") or head.startswith(b"<FinalDraft")


def read_script(path: str | Path) -> Breakdown:
    """Read a .fountain, .fdx or .uss file (chosen by extension, else by content) into a Breakdown."""
    path = Path(path)
    if path.suffix.lower() in USS_SUFFIXES:
        from skyslate.script.uss import read_uss

        return read_uss(path)
    data = read_bytes(path)
    suffix = path.suffix.lower()
    if suffix in FDX_SUFFIXES or (suffix not in FOUNTAIN_SUFFIXES and _looks_like_xml(data)):
        return parse_fdx(data, path)
    return parse_fountain(decode_text(data, path), path)
