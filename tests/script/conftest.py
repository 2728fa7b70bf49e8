"""Fixtures for the script tests: paths, and a seeded generator of long Fountain scripts."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "tests" / "data" / "scripts"
# The package copy; the repository's examples/ folder points at it.
EXAMPLE = ROOT / "src" / "skyslate" / "examples" / "the-challenge" / "the-challenge.fountain"

_TEXT = (
    "the station turns slowly above a cloud bank while somebody checks a valve and"
    " counts under her breath before the light changes again over the ocean a cable"
    " drifts past the window cold hands find the rail nobody speaks for a while then"
    " the radio crackles with a voice from the ground"
)
_WORDS = _TEXT.split(" ")
_SETS = ("ZVEZDA", "NAUKA", "CUPOLA", "TSUP - CONTROL ROOM", "STAR CITY - GYM", "HANGAR 4")
_TIMES = ("DAY", "NIGHT", "DAWN", "DUSK", "CONTINUOUS", "LATER")
_NAMES = ("ANNA", "BORIS", "VERA", "GLEB", "DINA")


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def generate_fountain(seed: int, scenes: int, talk: float) -> str:
    """A long, plain Fountain script; `talk` is the share of paragraphs that are speeches."""
    rng = random.Random(seed)
    out = ["Title: Generated", "Author: a seeded generator", ""]
    for number in range(1, scenes + 1):
        prefix = rng.choice(("INT.", "EXT.", "INT./EXT."))
        out += [f"{prefix} {rng.choice(_SETS)} - {rng.choice(_TIMES)} #{number}#", ""]
        for _ in range(rng.randint(2, 7)):
            if rng.random() < talk:
                out.append(rng.choice(_NAMES) + rng.choice(("", "", " (V.O.)", " (O.S.)")))
                if rng.random() < 0.3:
                    out.append("(" + " ".join(rng.choice(_WORDS) for _ in range(3)) + ")")
                out.append(" ".join(_sentence(rng, 3, 14) for _ in range(rng.randint(1, 4))))
            else:
                out.append(" ".join(_sentence(rng, 4, 18) for _ in range(rng.randint(1, 5))))
            out.append("")
        if rng.random() < 0.2:
            out += ["CUT TO:", ""]
    return "\n".join(out)


@pytest.fixture
def fountain_generator():
    """The seeded script generator, for tests that need long scripts."""
    return generate_fountain


@pytest.fixture
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture
def scripts_dir() -> Path:
    return SCRIPTS
