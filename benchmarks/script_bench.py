"""Breakdown speed: skyslate's Fountain reader against screenplain's parser, same scripts, same run.

skyslate does more work (scenes, cast, tags, a full page layout); the baseline
only parses. Run alone: `.venv/bin/python benchmarks/script_bench.py`.
"""

from __future__ import annotations

import io
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "src" / "skyslate" / "examples" / "the-challenge" / "the-challenge.fountain"
WORDS = [
    "the",
    "station",
    "turns",
    "above",
    "a",
    "cloud",
    "bank",
    "while",
    "somebody",
    "checks",
    "a",
    "valve",
    "and",
    "counts",
]
NAMES = ("ANNA", "BORIS", "VERA", "GLEB")


def feature_length(seed: int = 7, scenes: int = 250) -> str:
    """A seeded ~120-page script: headings, action and speeches in feature proportions."""
    rng = random.Random(seed)
    out = ["Title: Feature", ""]
    for number in range(1, scenes + 1):
        out += [f"INT. SET {number % 17} - {rng.choice(['DAY', 'NIGHT'])} #{number}#", ""]
        for _ in range(rng.randint(3, 9)):
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 40)))
            if rng.random() < 0.6:
                out += [rng.choice(NAMES), words.capitalize() + ".", ""]
            else:
                out += [words.capitalize() + ".", ""]
    return "\n".join(out)


def median_seconds(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    from screenplain.parsers import fountain as screenplain_fountain

    from skyslate.script import parse_fountain

    scripts = {
        "the-challenge (14 p)": EXAMPLE.read_text(encoding="utf-8"),
        "generated feature": feature_length(),
    }
    print(f"{'script':<24}{'pages':>7}{'skyslate ms':>13}{'screenplain ms':>16}{'ratio':>8}")
    for name, text in scripts.items():
        pages = parse_fountain(text).total_eighths / 8
        ours = median_seconds(lambda t=text: parse_fountain(t), repeats=15)
        theirs = median_seconds(lambda t=text: screenplain_fountain.parse(io.StringIO(t)), 15)
        print(
            f"{name:<24}{pages:>7.1f}{ours * 1e3:>13.1f}{theirs * 1e3:>16.1f}{ours / theirs:>8.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
