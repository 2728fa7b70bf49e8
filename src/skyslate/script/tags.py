"""Breakdown element categories and the Fountain tag notation `[[prop: oxygen mask]]`.

A note whose text starts with a known category word and a colon tags breakdown
elements for the scene it sits in; several labels may be separated by commas:
`[[props: scalpel, suction unit]]`. Any other note is an ordinary note.
"""

from __future__ import annotations

import re

# The standard names (Final Draft / Movie Magic Scheduling), used for FDX and Fountain alike.
CATEGORIES = (
    "Cast Members",
    "Background Actors",
    "Stunts",
    "Vehicles",
    "Props",
    "Camera",
    "Special Effects",
    "Wardrobe",
    "Makeup/Hair",
    "Animals",
    "Animal Wrangler",
    "Music",
    "Sound",
    "Art Department",
    "Set Dressing",
    "Greenery",
    "Security",
    "Special Equipment",
    "Additional Labor",
    "Visual Effects",
    "Mechanical Effects",
    "Miscellaneous",
    "Notes",
)

# Words writers use in notes, beyond the standard names themselves (singular and plural).
_ALIASES = {
    "cast": "Cast Members",
    "cast member": "Cast Members",
    "background": "Background Actors",
    "background actor": "Background Actors",
    "extra": "Background Actors",
    "extras": "Background Actors",
    "atmosphere": "Background Actors",
    "stunt": "Stunts",
    "vehicle": "Vehicles",
    "prop": "Props",
    "sfx": "Special Effects",
    "special effect": "Special Effects",
    "costume": "Wardrobe",
    "costumes": "Wardrobe",
    "makeup": "Makeup/Hair",
    "make-up": "Makeup/Hair",
    "make up": "Makeup/Hair",
    "hair": "Makeup/Hair",
    "hmu": "Makeup/Hair",
    "makeup/hair": "Makeup/Hair",
    "animal": "Animals",
    "wrangler": "Animal Wrangler",
    "sound effects": "Sound",
    "sound effect": "Sound",
    "set dressing": "Set Dressing",
    "dressing": "Set Dressing",
    "special equipment": "Special Equipment",
    "equipment": "Special Equipment",
    "vfx": "Visual Effects",
    "visual effect": "Visual Effects",
    "mechanical effect": "Mechanical Effects",
    "labor": "Additional Labor",
    "labour": "Additional Labor",
    "additional labour": "Additional Labor",
    "misc": "Miscellaneous",
    "note": "Notes",
}


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip().lower())


_LOOKUP = {_key(name): name for name in CATEGORIES} | {_key(k): v for k, v in _ALIASES.items()}


def category_for(name: str) -> str | None:
    """The standard category a name or alias stands for ("prop" -> "Props"), or None."""
    return _LOOKUP.get(_key(name))


_TAG_NOTE = re.compile(r"^\s*([A-Za-z][A-Za-z /&-]*?)\s*:\s*(.+?)\s*$", re.DOTALL)


def parse_tag_note(text: str) -> tuple[str, list[str]] | None:
    """`"prop: mask, tube"` -> ("Props", ["mask", "tube"]); None for an ordinary note."""
    match = _TAG_NOTE.match(text)
    if not match:
        return None
    category = category_for(match.group(1))
    if category is None:
        return None
    labels = [" ".join(part.split()) for part in match.group(2).split(",")]
    labels = [label for label in labels if label]
    if not labels:
        return None
    return category, labels


def add_element(elements: dict[str, list[str]], category: str, label: str) -> None:
    """Add a label under its category once, keeping first-seen order."""
    labels = elements.setdefault(category, [])
    if label not in labels:
        labels.append(label)
