"""Hostile scripts: inputs built to make a parser slow or deep must stay fast and fail cleanly.

Each input here took minutes (or raised RecursionError) before the parsers were made linear;
the CPU budgets are a hundred times what the linear code needs on a loaded machine.
"""

from __future__ import annotations

import time

import pytest

from skyslate.errors import ScriptError
from skyslate.script import parse_fdx, parse_fountain
from skyslate.script.cast import match_known

LONG_NAME = " ".join(f"W{i}" for i in range(300))

HOSTILE_FOUNTAIN = {
    # Unclosed emphasis markers: each one used to scan to the end of the line (quadratic).
    "stars": "INT. A - DAY\n\n" + "*a " * 15000 + "\n",
    "underscores": "INT. A - DAY\n\n" + "_a " * 15000 + "\n",
    # A 300-word cue name used to cost 300 x 300 per word of action in capitals.
    "long cue name": f"INT. A - DAY\n\n{LONG_NAME}\nHi.\n\n" + "AB CD " * 5000 + "\n",
    # Many "(" in a cue without ")" used to make the extension pattern quadratic.
    "open parentheses": "INT. A - DAY\n\nVERA " + "(" * 30000 + "\nHi.\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_FOUNTAIN))
def test_hostile_fountain_parses_in_linear_time(name):
    started = time.process_time()
    breakdown = parse_fountain(HOSTILE_FOUNTAIN[name])
    assert time.process_time() - started < 5.0, name
    assert len(breakdown.scenes) == 1


def nested_dual_dialogue(depth: int) -> str:
    inner = '<Paragraph Type="Character"><Text>A</Text></Paragraph>'
    for _ in range(depth):
        inner = (
            f"<Paragraph><DualDialogue>{inner}"
            '<Paragraph Type="Character"><Text>B</Text></Paragraph></DualDialogue></Paragraph>'
        )
    return (
        '<FinalDraft><Content>\n<Paragraph Type="Scene Heading"><Text>INT. A - DAY</Text>'
        f"</Paragraph>{inner}</Content></FinalDraft>"
    )


@pytest.mark.parametrize("depth", [2, 30, 5000])
def test_nested_dual_dialogue_is_refused_quickly_and_without_recursion(depth):
    # Depth 30 was exponential (hours); depth 5000 raised RecursionError.
    started = time.process_time()
    with pytest.raises(ScriptError) as error:
        parse_fdx(nested_dual_dialogue(depth), path="deep.fdx")
    assert time.process_time() - started < 5.0
    assert str(error.value) == (
        "deep.fdx:2: a DualDialogue inside another DualDialogue;"
        " dual dialogue pairs speeches one level deep"
    )


def test_one_level_of_dual_dialogue_still_reads():
    breakdown = parse_fdx(nested_dual_dialogue(1))
    assert breakdown.scenes[0].speaking == ["A", "B"]


def test_an_introduced_name_maps_to_a_cue_in_a_fixed_order():
    # Surname first, whatever order the set of known cues iterates in.
    for known in ({"LEV", "ORLOV"}, {"ORLOV", "LEV"}, {"ZHENYA", "BELOVA", "YEVGENIA"}):
        words = "YEVGENIA ZHENYA BELOVA" if "ZHENYA" in known else "LEV ORLOV"
        assert match_known(words, known) == ("BELOVA" if "ZHENYA" in known else "ORLOV")
    assert match_known("YEVGENIA ZHENYA BELOVA", {"ZHENYA"}) == "ZHENYA"
