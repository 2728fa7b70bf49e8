"""Fountain 1.1 (fountain.io/syntax): text -> title page, printed elements and notes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from skyslate.errors import ScriptError
from skyslate.script.elements import (
    ACTION,
    CENTERED,
    CHARACTER,
    DIALOGUE,
    HEADING,
    LYRICS,
    PAGE_BREAK,
    PARENTHETICAL,
    SECTION,
    SYNOPSIS,
    TRANSITION,
    Element,
    Note,
)
from skyslate.script.heading import HEADING_START, split_scene_number
from skyslate.script.source import normalise_text


@dataclass
class FountainDocument:
    """What a Fountain file holds, before it is cut into scenes."""

    metadata: dict[str, str] = field(default_factory=dict)
    elements: list[Element] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


@dataclass
class _Line:
    number: int  # 1-based line in the source
    text: str


_TITLE_KEY = re.compile(r"^([A-Za-z][A-Za-z0-9 _\-]*):(.*)$")
_PAGE_BREAK = re.compile(r"^={3,}\s*$")
_TRANSITION = re.compile(r"^[^a-z]*TO:$")
# The text inside a marker may not hold the marker itself (only shorter runs of it, or
# escaped characters): each opening marker then scans only to the next one, which keeps a
# hostile line of many unclosed `*` linear instead of quadratic. Never across a line break.
_EMPHASIS = (
    re.compile(r"(?<!\\)\*\*\*(?=\S)((?:[^*\\\n]|\\.|\*(?!\*\*))+?)(?<=\S)(?<!\\)\*\*\*"),
    re.compile(r"(?<!\\)\*\*(?=\S)((?:[^*\\\n]|\\.|\*(?!\*))+?)(?<=\S)(?<!\\)\*\*"),
    re.compile(r"(?<!\\)\*(?=\S)((?:[^*\\\n]|\\.)+?)(?<=\S)(?<!\\)\*"),
    re.compile(r"(?<!\\)_(?=\S)((?:[^_\\\n]|\\.)+?)(?<=\S)(?<!\\)_"),
)


def plain(text: str) -> str:
    """Text with Fountain emphasis markers (`*`, `**`, `_`) and `\\` escapes removed."""
    for pattern in _EMPHASIS:
        text = pattern.sub(r"\1", text)
    return re.sub(r"\\([*_\\\[\]/#~!@.>=^])", r"\1", text)


_COMMENT_START = re.compile(r"/\*|\[\[")


def _strip_comments(text: str, path: str | Path | None) -> tuple[list[_Line], list[Note]]:
    """Remove boneyard `/* */` and notes `[[ ]]`; lines that held only those disappear."""
    kept: list[str] = []
    notes: list[Note] = []
    touched: set[int] = set()  # 0-based lines that held any boneyard or note text
    position = 0
    line, counted = 1, 0  # line number at offset `counted`, advanced as we go (never rescanned)
    while True:
        match = _COMMENT_START.search(text, position)
        if match is None:
            kept.append(text[position:])
            break
        start = match.start()
        kept.append(text[position:start])
        boneyard = match.group() == "/*"
        end = text.find("*/" if boneyard else "]]", start + 2)
        line += text.count("\n", counted, start)
        counted = start
        first_line = line
        if end < 0:
            what = (
                "boneyard '/*' is never closed with '*/'"
                if boneyard
                else ("note '[[' is never closed with ']]'")
            )
            raise ScriptError(what, path=path, line=first_line)
        comment = text[start : end + 2]
        if not boneyard:
            notes.append(Note(text=" ".join(comment[2:-2].split()), line=first_line))
        # Keep the comment's line breaks so every later line keeps its source line number.
        breaks = comment.count("\n")
        kept.append("\n" * breaks)
        touched.update(range(first_line - 1, first_line + breaks))
        position = end + 2
    lines: list[_Line] = []
    for index, line in enumerate("".join(kept).split("\n")):
        if index in touched and not line.strip():
            continue  # the line held nothing but a note or boneyard
        lines.append(_Line(index + 1, line))
    return lines, notes


def _parse_title_page(lines: list[_Line]) -> tuple[dict[str, str], int]:
    """Title-page keys and values (multi-line values joined by newlines), and lines used."""
    first = next((i for i, line in enumerate(lines) if line.text.strip()), None)
    if first is None or not _TITLE_KEY.match(lines[first].text):
        return {}, 0
    metadata: dict[str, list[str]] = {}
    key = None
    index = first
    while index < len(lines) and lines[index].text.strip():
        raw = lines[index].text
        match = _TITLE_KEY.match(raw)
        if match and not raw[:1].isspace():
            key = match.group(1).strip()
            metadata[key] = [match.group(2).strip()] if match.group(2).strip() else []
        elif key is not None and raw[:1].isspace():
            # Continuation lines are indented with three spaces or a tab.
            metadata[key].append(raw.strip())
        elif key is not None:
            # An unindented line that is no "Key:" ends the title page even without the
            # blank line the spec asks for: "Title: X" straight above "INT. HOUSE - DAY".
            break
        else:
            return {}, 0
        index += 1
    values = {k: "\n".join(plain(v) for v in parts) for k, parts in metadata.items()}
    return values, index


def _is_character(text: str) -> bool:
    name = text.rstrip().removesuffix("^").split("(")[0].strip()
    return bool(name) and any(c.isalpha() for c in name) and name == name.upper()


def _is_heading(text: str) -> bool:
    stripped = text.strip()
    if stripped.startswith(".") and len(stripped) > 1 and stripped[1].isalnum():
        return True
    return bool(HEADING_START.match(stripped))


def parse_fountain_text(text: str, path: str | Path | None = None) -> FountainDocument:
    """Read Fountain text into title-page metadata, printed elements and notes."""
    if "\x00" in text:
        raise ScriptError("not a text file (it contains NUL characters)", path=path, line=1)
    text = normalise_text(text)
    lines, notes = _strip_comments(text, path)
    metadata, used = _parse_title_page(lines)
    lines = lines[used:]
    elements: list[Element] = []
    i = 0

    def blank(j: int) -> bool:
        return j < 0 or j >= len(lines) or not lines[j].text.strip()

    while i < len(lines):
        raw = lines[i].text.replace("\t", "    ")
        stripped = raw.strip()
        number = lines[i].number
        if not stripped:
            i += 1
            continue
        after_blank = blank(i - 1)
        if _PAGE_BREAK.match(stripped):
            elements.append(Element(PAGE_BREAK, "", number))
            i += 1
        elif stripped.startswith("#"):
            level = len(stripped) - len(stripped.lstrip("#"))
            elements.append(Element(SECTION, stripped[level:].strip(), number, number=str(level)))
            i += 1
        elif stripped.startswith("=") and not stripped.startswith("=="):
            elements.append(Element(SYNOPSIS, plain(stripped[1:].strip()), number))
            i += 1
        elif stripped.startswith("~"):
            elements.append(Element(LYRICS, plain(stripped[1:].strip()), number))
            i += 1
        elif stripped.startswith(">") and stripped.endswith("<") and len(stripped) > 1:
            elements.append(Element(CENTERED, plain(stripped[1:-1].strip()), number))
            i += 1
        elif stripped.startswith(">"):
            elements.append(Element(TRANSITION, plain(stripped[1:].strip()), number, forced=True))
            i += 1
        elif stripped.startswith("!"):
            i = _take_action(lines, i, elements, forced=True)
        elif (
            after_blank
            and _is_heading(stripped)
            and (
                # Fountain wants a blank line after a heading; scripts in the wild often skip it,
                # and an upper-case "INT. ..." line is never a character cue.
                blank(i + 1) or stripped.startswith(".") or stripped == stripped.upper()
            )
        ):
            forced = stripped.startswith(".") and not HEADING_START.match(stripped)
            heading, scene_number = split_scene_number(stripped[1:] if forced else stripped)
            elements.append(Element(HEADING, plain(heading), number, scene_number, forced=forced))
            i += 1
        elif after_blank and blank(i + 1) and _TRANSITION.match(stripped):
            elements.append(Element(TRANSITION, plain(stripped), number))
            i += 1
        elif (
            after_blank
            and not blank(i + 1)
            and (stripped.startswith("@") or _is_character(stripped))
        ):
            i = _take_dialogue(lines, i, elements)
        else:
            i = _take_action(lines, i, elements, forced=False)
    return FountainDocument(metadata=metadata, elements=elements, notes=notes)


def _take_action(lines: list[_Line], i: int, elements: list[Element], forced: bool) -> int:
    """One action paragraph: every line up to the next blank line, line breaks kept."""
    start = lines[i].number
    parts = []
    # A line of exactly two spaces is an empty line inside the paragraph.
    while i < len(lines) and (lines[i].text.strip() or lines[i].text == "  "):
        text = lines[i].text.replace("\t", "    ").rstrip()
        if not parts and forced:
            text = text.lstrip()[1:]
        parts.append(plain(text))
        i += 1
    elements.append(Element(ACTION, "\n".join(parts), start, forced=forced))
    return i


def _take_dialogue(lines: list[_Line], i: int, elements: list[Element]) -> int:
    """A cue and its parentheticals and dialogue, up to the next blank line."""
    cue = lines[i].text.strip()
    forced = cue.startswith("@")
    dual = cue.endswith("^")
    cue = cue.removeprefix("@").removesuffix("^").strip()
    elements.append(Element(CHARACTER, plain(cue), lines[i].number, dual=dual, forced=forced))
    i += 1
    speech: list[str] = []
    speech_line = 0

    def flush() -> None:
        if speech:
            elements.append(Element(DIALOGUE, "\n".join(speech), speech_line, dual=dual))
            speech.clear()

    # A line of exactly two spaces keeps the speech going as an empty line.
    while i < len(lines) and (lines[i].text.strip() or lines[i].text == "  "):
        text = lines[i].text.strip()
        if text.startswith("(") and text.endswith(")"):
            flush()
            elements.append(Element(PARENTHETICAL, plain(text), lines[i].number, dual=dual))
        else:
            if not speech:
                speech_line = lines[i].number
            speech.append(plain(text))
        i += 1
    flush()
    return i
