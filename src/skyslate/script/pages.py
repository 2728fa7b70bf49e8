"""Page length in eighths: lay the script out on standard 55-line pages and measure scenes.

The page is US letter in 12-point Courier (10 characters an inch, 6 lines an
inch), the layout every screenwriting program defaults to: 55 lines of text a
page; action and headings 6.0" wide (60 characters), dialogue 3.5" (35),
parentheticals 2.5" (25); one blank line between elements; headings keep with
what follows; speeches split across pages with (MORE) and (CONT'D), never
leaving fewer than two lines on either side.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

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
)

LINES_PER_PAGE = 55
LINES_PER_EIGHTH = LINES_PER_PAGE / 8  # 6.875: one eighth is about an inch of text
WIDTHS = {
    HEADING: 60,
    ACTION: 60,
    TRANSITION: 60,
    CENTERED: 60,
    LYRICS: 60,
    CHARACTER: 38,
    DIALOGUE: 35,
    PARENTHETICAL: 25,
}
# Side-by-side speeches share the dialogue column between them.
DUAL_WIDTHS = {CHARACTER: 28, DIALOGUE: 28, PARENTHETICAL: 24}
_NOT_PRINTED = (SECTION, SYNOPSIS)
_MIN_SPLIT_LINES = 2


def wrapped_lines(text: str, width: int) -> int:
    """How many printed lines `text` takes when word-wrapped at `width` characters."""
    count = 0
    for line in text.split("\n"):
        count += _wrap_one(line, width)
    return count


def _wrap_one(line: str, width: int) -> int:
    words = line.split()
    if not words:
        return 1
    lines, used = 1, 0
    for word in words:
        while len(word) > width:  # a word longer than the line is broken where it must be
            if used:
                lines += 1
            word = word[width:]
            used = 0
            lines += 1 if word else 0
            if not word:
                break
        if not word:
            continue
        if used == 0:
            used = len(word)
        elif used + 1 + len(word) <= width:
            used += 1 + len(word)
        else:
            lines += 1
            used = len(word)
    return lines


@dataclass
class _Block:
    lines: int
    space_before: int
    kind: str
    scene_start: bool = False
    page_break: bool = False


@dataclass
class Layout:
    """Where the scenes fall: printed lines of each scene (in order) and the page count."""

    scene_lines: list[int]
    pages: int

    @property
    def scene_eighths(self) -> list[int]:
        return [eighths_from_lines(lines) for lines in self.scene_lines]


def eighths_from_lines(lines: int) -> int:
    """Eighths of a 55-line page, rounded to the nearest eighth and never under 1/8."""
    return max(1, math.floor(lines / LINES_PER_EIGHTH + 0.5))


def _speech_lines(parts: list[Element], widths: dict[str, int]) -> int:
    return sum(wrapped_lines(part.text, widths[part.kind]) for part in parts)


def _blocks(elements: list[Element]) -> list[_Block]:
    blocks: list[_Block] = []
    speech: list[Element] = []  # the speech being gathered: cue, parentheticals, dialogue
    previous_speech: list[Element] = []
    previous_kind = None

    def close_speech() -> None:
        nonlocal speech, previous_speech
        if not speech:
            return
        if speech[0].dual and previous_speech and blocks and blocks[-1].kind == CHARACTER:
            # The second speech of a dual pair prints beside the first: the taller one counts.
            height = max(
                _speech_lines(previous_speech, DUAL_WIDTHS), _speech_lines(speech, DUAL_WIDTHS)
            )
            blocks[-1].lines = height
        else:
            blocks.append(_Block(_speech_lines(speech, WIDTHS), 1, CHARACTER))
        previous_speech, speech = speech, []

    for element in elements:
        if element.kind in (PARENTHETICAL, DIALOGUE) and speech:
            speech.append(element)
            continue
        close_speech()
        if element.kind == CHARACTER:
            speech = [element]
        elif element.kind in (PARENTHETICAL, DIALOGUE):
            blocks.append(_Block(wrapped_lines(element.text, WIDTHS[element.kind]), 0, DIALOGUE))
        elif element.kind == PAGE_BREAK:
            blocks.append(_Block(0, 0, PAGE_BREAK, page_break=True))
        elif element.kind in _NOT_PRINTED:
            pass
        else:
            # Lyrics lines follow each other without a blank line between them.
            space = 0 if element.kind == LYRICS and previous_kind == LYRICS else 1
            lines = wrapped_lines(element.text, WIDTHS[element.kind])
            blocks.append(_Block(lines, space, element.kind, scene_start=element.kind == HEADING))
        if element.kind not in _NOT_PRINTED:
            previous_kind = element.kind
    close_speech()
    return blocks


def lay_out(elements: list[Element]) -> Layout:
    """Paginate the printed elements; measure each scene from its heading to the next."""
    blocks = _blocks(elements)
    page, used = 0, 0
    starts: list[int] = []  # absolute printed line where each scene starts

    def new_page() -> None:
        nonlocal page, used
        page, used = page + 1, 0

    for index, block in enumerate(blocks):
        if block.page_break:
            if used:
                new_page()
            continue
        space = block.space_before if used else 0
        room = LINES_PER_PAGE - used - space
        need = block.lines
        if block.kind == HEADING and index + 1 < len(blocks):
            # A heading never ends a page: it keeps with the first lines of what follows.
            following = blocks[index + 1]
            need += following.space_before + min(following.lines, _MIN_SPLIT_LINES)
        if need > room and used:
            splittable = block.kind in (ACTION, CHARACTER) and block.lines > 2 * _MIN_SPLIT_LINES
            # A split speech spends a line on (MORE) and one on the repeated cue.
            more = 1 if block.kind == CHARACTER else 0
            first_part = room - more
            if (
                splittable
                and first_part >= _MIN_SPLIT_LINES + more
                and (block.lines - first_part >= _MIN_SPLIT_LINES)
            ):
                remaining = block.lines - first_part + more
                used = LINES_PER_PAGE
                new_page()
                used = _place_from(0, remaining, new_page)
                continue
            new_page()
            space = 0
        if block.scene_start:
            starts.append(page * LINES_PER_PAGE + used + space)
        used = _place_from(used + space, block.lines, new_page)
    end = page * LINES_PER_PAGE + used
    pages = page + 1 if used or page else 0
    ends = [*starts[1:], end] if starts else []
    lines = [b - a for a, b in zip(starts, ends, strict=True)]
    return Layout(scene_lines=lines, pages=pages)


def _place_from(used: int, lines: int, new_page_cb) -> int:
    """Lay `lines` down from `used`, running onto new pages; the lines used on the last page."""
    used += lines
    while used > LINES_PER_PAGE:
        new_page_cb()
        used -= LINES_PER_PAGE
    return used
