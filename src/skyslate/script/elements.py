"""The printed elements of a screenplay, the common ground of the Fountain and FDX parsers."""

from __future__ import annotations

from dataclasses import dataclass

# Element kinds. Sections and synopses are structure only: they are never printed.
HEADING = "heading"
ACTION = "action"
CHARACTER = "character"
PARENTHETICAL = "parenthetical"
DIALOGUE = "dialogue"
TRANSITION = "transition"
CENTERED = "centered"
LYRICS = "lyrics"
PAGE_BREAK = "page_break"
SECTION = "section"
SYNOPSIS = "synopsis"


@dataclass
class Element:
    """One paragraph of a script: its kind, text (lines joined by newlines) and source line."""

    kind: str
    text: str
    line: int
    number: str | None = None  # scene number, on headings
    dual: bool = False  # the second cue of a dual-dialogue pair, and what it says
    forced: bool = False  # forced with `.`, `!`, `@`, `>` in Fountain
    eighths: int | None = None  # a length the script states (FDX SceneProperties Length)
    tags: tuple[tuple[str, str], ...] = ()  # (category, label) tagged in this paragraph


@dataclass
class Note:
    """A note `[[...]]` (or FDX ScriptNote) and the source line where it starts."""

    text: str
    line: int
