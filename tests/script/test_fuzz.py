"""Both parsers either parse or raise ScriptError, on random text and on mutated real scripts."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skyslate.errors import ScriptError
from skyslate.script import parse_fdx, parse_fountain
from skyslate.script.source import decode_text

HERE = Path(__file__).resolve()
EXAMPLE_TEXT = (
    HERE.parents[2] / "src/skyslate/examples/the-challenge/the-challenge.fountain"
).read_text(encoding="utf-8")
FDX_BYTES = (HERE.parents[1] / "data/scripts/live-link.fdx").read_bytes()

# Characters that matter to Fountain, so random text often hits the syntax.
FOUNTAIN_ALPHABET = st.sampled_from(
    list("INTEXabc .#@^!>=<~*_/[]()\n\t:\r'") + ["INT. ", "EXT. ", "[[", "]]", "/*", "*/", "\ufeff"]
)
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


def check_breakdown(breakdown) -> None:
    for scene in breakdown.scenes:
        assert scene.eighths >= 1
        assert scene.line >= 1
        assert scene.int_ext in (None, "INT", "EXT", "INT/EXT", "EST")
        assert scene.day_night in (None, "DAY", "NIGHT")
        assert set(scene.speaking) <= set(scene.characters)


def parses_or_refuses_fountain(text: str) -> None:
    try:
        breakdown = parse_fountain(text, path="fuzz.fountain")
    except ScriptError as error:
        assert error.path == "fuzz.fountain"
        assert error.line is None or error.line >= 1
        return
    check_breakdown(breakdown)


def parses_or_refuses_fdx(data: bytes) -> None:
    try:
        breakdown = parse_fdx(data, path="fuzz.fdx")
    except ScriptError as error:
        assert error.path == "fuzz.fdx"
        return
    check_breakdown(breakdown)


@SETTINGS
@given(st.lists(FOUNTAIN_ALPHABET, max_size=400).map("".join))
def test_random_fountain_syntax(text):
    parses_or_refuses_fountain(text)


@SETTINGS
@given(st.text(max_size=500))
def test_random_unicode_text(text):
    parses_or_refuses_fountain(text)


@SETTINGS
@given(st.binary(max_size=500))
def test_random_bytes_through_both_parsers(data):
    try:
        text = decode_text(data, path="fuzz.fountain")
    except ScriptError:
        text = None
    if text is not None:
        parses_or_refuses_fountain(text)
    parses_or_refuses_fdx(data)


def mutate(data, cuts):
    """Apply (position, delete-length, insertion) edits to a sequence."""
    for position, length, insertion in cuts:
        position %= len(data) + 1
        data = data[:position] + insertion + data[position + length :]
    return data


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(EXAMPLE_TEXT)),
            st.integers(0, 200),
            st.sampled_from(
                ["", "\n", "[[", "]]", "/*", "*/", "^", "@", "#", "INT. X\n\n", "\x00"]
            ),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_mutated_example_screenplay(cuts):
    parses_or_refuses_fountain(mutate(EXAMPLE_TEXT, cuts))


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(FDX_BYTES)),
            st.integers(0, 80),
            st.sampled_from([b"", b"<", b">", b"&", b"<Paragraph>", b"</Text>", b'"', b"\xff"]),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_mutated_fdx(cuts):
    parses_or_refuses_fdx(mutate(FDX_BYTES, cuts))
