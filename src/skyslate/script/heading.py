"""Scene headings: prefix, set, time of day, scene number, and day or night resolved."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Longest first, so "INT./EXT" wins over "INT".
_PREFIXES = (
    ("INT./EXT.", "INT/EXT"),
    ("INT./EXT", "INT/EXT"),
    ("INT/EXT.", "INT/EXT"),
    ("INT/EXT", "INT/EXT"),
    ("EXT./INT.", "INT/EXT"),
    ("EXT./INT", "INT/EXT"),
    ("EXT/INT.", "INT/EXT"),
    ("EXT/INT", "INT/EXT"),
    ("I/E.", "INT/EXT"),
    ("I/E", "INT/EXT"),
    ("INT.", "INT"),
    ("INT", "INT"),
    ("EXT.", "EXT"),
    ("EXT", "EXT"),
    ("EST.", "EST"),
    ("EST", "EST"),
)

# Fountain: a heading starts with one of these followed by a dot or a space.
HEADING_START = re.compile(r"^(?:INT\.?/EXT|EXT\.?/INT|INT|EXT|EST|I/E)[. ]", re.IGNORECASE)

# Fountain scene numbers: `#12#`, `#12A#`, `#I-1-A#`, `#1.#` at the end of the line.
_SCENE_NUMBER = re.compile(r"\s*#([A-Za-z0-9.\-]+)#\s*$")

DAY_WORDS = frozenset(
    [
        "DAY",
        "DAYTIME",
        "DAWN",
        "SUNRISE",
        "MORNING",
        "MORN",
        "NOON",
        "MIDDAY",
        "AFTERNOON",
        "DAYBREAK",
        "DAYLIGHT",
    ]
)
NIGHT_WORDS = frozenset(
    ["NIGHT", "NIGHTTIME", "NIGHTFALL", "DUSK", "SUNSET", "EVENING", "TWILIGHT", "MIDNIGHT"]
)
# Times that say "the same as the scene before" rather than day or night.
INHERIT_WORDS = frozenset(
    ["CONTINUOUS", "CONT", "CONT'D", "LATER", "SAME", "MOMENTS", "MOMENT", "SIMULTANEOUS"]
)
# Further words that make a trailing part a time of day rather than part of the set.
_OTHER_TIME_WORDS = frozenset(
    [
        "MAGIC",
        "GOLDEN",
        "HOUR",
        "FIRST",
        "LIGHT",
        "PRE-DAWN",
        "PREDAWN",
        "LATE",
        "EARLY",
        "BEFORE",
        "AFTER",
    ]
)
_TIME_WORDS = DAY_WORDS | NIGHT_WORDS | INHERIT_WORDS
_CLOCK = re.compile(r"\b\d{1,2}(:\d\d)?\s*(AM|PM|A\.M\.|P\.M\.)", re.IGNORECASE)
# The separators writers put before the time of day: " - ", "--", en and em dashes, a comma.
_SEPARATOR = re.compile(r"\s+-\s+|\s*--+\s*|\s*[\u2013\u2014]\s*|\s*,\s*")


@dataclass(frozen=True)
class Heading:
    """A scene heading taken apart."""

    int_ext: str | None
    location: str
    time_of_day: str | None


def split_scene_number(line: str) -> tuple[str, str | None]:
    """`"INT. HOUSE - DAY #12A#"` -> ("INT. HOUSE - DAY", "12A")."""
    match = _SCENE_NUMBER.search(line)
    if not match:
        return line.strip(), None
    return line[: match.start()].strip(), match.group(1)


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Z][A-Z'\-]*", text.upper())


def is_time_of_day(text: str) -> bool:
    """True when a heading's trailing part names a time ("DAWN", "LATER", "3 AM")."""
    words = _words(re.sub(r"\([^()]*\)", " ", text))
    if not words:
        return bool(_CLOCK.search(text))
    if any(word in _TIME_WORDS for word in words):
        return True
    return bool(_CLOCK.search(text)) or all(word in _OTHER_TIME_WORDS for word in words)


def parse_heading(text: str) -> Heading:
    """Split a heading (without its scene number) into int_ext, location and time of day."""
    body = " ".join(text.split())
    int_ext = None
    upper = body.upper()
    for prefix, kind in _PREFIXES:
        if upper.startswith(prefix) and (
            len(body) == len(prefix) or prefix.endswith(".") or body[len(prefix)] in " ."
        ):
            int_ext = kind
            body = body[len(prefix) :].lstrip(" .")
            break
    location, time_of_day = body, None
    # The time of day is the last separated part, and only when it reads as a time:
    # "INT. ISS - NAUKA" keeps its whole set name.
    separators = list(_SEPARATOR.finditer(body))
    if separators:
        last = separators[-1]
        tail = body[last.end() :].strip()
        if tail and is_time_of_day(tail):
            location, time_of_day = body[: last.start()].strip(), tail
    return Heading(int_ext=int_ext, location=location.strip(" -,"), time_of_day=time_of_day)


def day_or_night(time_of_day: str | None, previous: str | None) -> str | None:
    """DAY or NIGHT for a time of day; CONTINUOUS, LATER, SAME take the previous scene's."""
    if not time_of_day:
        return None
    for word in _words(time_of_day):
        if word in NIGHT_WORDS:
            return "NIGHT"
        if word in DAY_WORDS:
            return "DAY"
    if any(word in INHERIT_WORDS for word in _words(time_of_day)):
        return previous
    return None
