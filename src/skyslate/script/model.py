"""Scenes and breakdowns: what the script stage hands to the planner."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Scene:
    """One scene of a screenplay, as a first AD breaks it down."""

    number: str | None  # "12", "12A", "A12"; None when the script has no number
    heading: str  # the heading as written, e.g. "EXT. BAIKONUR - PAD 31 - DAWN"
    int_ext: str | None  # "INT", "EXT", "INT/EXT", "EST" or None
    location: str  # the set: text between the prefix and the time-of-day part
    time_of_day: str | None  # as written ("DAWN", "CONTINUOUS"), None if absent
    day_night: str | None  # "DAY" or "NIGHT", resolved (CONTINUOUS inherits)
    eighths: int  # page length in eighths of a page, at least 1
    speaking: list[str] = field(default_factory=list)  # cues, upper case, no extensions
    characters: list[str] = field(default_factory=list)  # speaking + detected in action
    elements: dict[str, list[str]] = field(default_factory=dict)  # category -> labels
    line: int = 0  # 1-based source line of the heading
    synopsis: str | None = None
    # Speakers heard only in voice-over (V.O.) here: on a live link, a radio, a phone.
    voice_over: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The scene as the `breakdown --format json` contract writes it."""
        data = asdict(self)
        data.pop("synopsis")
        data.pop("voice_over")
        return data


@dataclass
class Breakdown:
    """The ordered scenes of one script plus its title-page metadata."""

    title: str | None
    scenes: list[Scene] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    source: str | None = None  # path of the script it came from

    @property
    def total_eighths(self) -> int:
        return sum(scene.eighths for scene in self.scenes)

    def scene(self, number: str) -> Scene:
        """The scene with this number; KeyError if absent."""
        for scene in self.scenes:
            if scene.number == number:
                return scene
        raise KeyError(number)

    def to_dict(self) -> dict:
        return {"title": self.title, "scenes": [scene.to_dict() for scene in self.scenes]}


def format_eighths(eighths: int) -> str:
    """Page length the way boards write it: 3 -> "3/8", 11 -> "1 3/8", 16 -> "2"."""
    pages, rest = divmod(eighths, 8)
    if pages and rest:
        return f"{pages} {rest}/8"
    if pages:
        return str(pages)
    return f"{rest}/8"
