"""Page lengths: our 55-line layout against an independent renderer, and its own rules."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skyslate.script import parse_fountain
from skyslate.script.elements import ACTION, HEADING, Element
from skyslate.script.fountain import parse_fountain_text
from skyslate.script.pages import eighths_from_lines, lay_out, wrapped_lines


def screenplain_pages(text: str) -> int:
    """Script pages in screenplain's PDF (the outside authority), title page not counted."""
    import pypdf
    from screenplain.export.pdf import to_pdf
    from screenplain.parsers import fountain

    buffer = io.BytesIO()
    to_pdf(fountain.parse(io.StringIO(text)), buffer)
    return len(pypdf.PdfReader(io.BytesIO(buffer.getvalue())).pages) - 1


SCRIPTS = {
    "the-challenge": None,
    "generated-action-heavy": {"seed": 1, "scenes": 40, "talk": 0.2},
    "generated-dialogue-heavy": {"seed": 2, "scenes": 40, "talk": 0.8},
}


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_page_total_agrees_with_screenplain_within_ten_percent(
    name, example_path, fountain_generator
):
    recipe = SCRIPTS[name]
    text = fountain_generator(**recipe) if recipe else example_path.read_text(encoding="utf-8")
    theirs = screenplain_pages(text)
    ours = parse_fountain(text).total_eighths / 8
    assert abs(ours - theirs) <= 0.10 * theirs, (name, ours, theirs)
    # Whole pages, laid out the same way, land on the same count.
    assert abs(lay_out(parse_fountain_text(text).elements).pages - theirs) <= 1


def test_the_example_is_a_short_film(example_path):
    breakdown = parse_fountain(example_path.read_text(encoding="utf-8"))
    assert len(breakdown.scenes) == 27
    assert breakdown.total_eighths == 106  # 13 2/8 pages; screenplain prints 14 pages


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("", 60, 1),
        ("short", 60, 1),
        ("x" * 60, 60, 1),
        ("x" * 61, 60, 2),
        ("aaa bbb ccc", 7, 2),
        ("aaa bbb ccc", 6, 3),
        ("one\ntwo\n\nfour", 60, 4),
        ("x" * 130, 60, 3),
    ],
)
def test_word_wrap(text, width, lines):
    assert wrapped_lines(text, width) == lines


@pytest.mark.parametrize(("lines", "eighths"), [(0, 1), (1, 1), (7, 1), (10, 1), (11, 2), (55, 8)])
def test_eighths_from_lines(lines, eighths):
    # One eighth is 55 / 8 = 6.875 lines; anything shorter still counts as 1/8.
    assert eighths_from_lines(lines) == eighths


def test_a_page_break_ends_the_page():
    text = "INT. A - DAY\n\nOne line.\n\n===\n\nINT. B - DAY\n\nOne line.\n"
    layout = lay_out(parse_fountain_text(text).elements)
    assert layout.pages == 2
    assert layout.scene_lines == [55, 3]  # the rest of page one belongs to scene A


def test_a_heading_never_ends_a_page():
    action = "\n\n".join(f"Line {i}." for i in range(26))  # 26 lines + 25 blanks = 51
    text = f"INT. A - DAY\n\n{action}\n\nINT. B - DAY\n\nEnd of it.\n"
    layout = lay_out(parse_fountain_text(text).elements)
    # A's heading + 52 lines leave 2 lines: too few for B's heading and the start of its action.
    assert layout.pages == 2
    assert layout.scene_lines == [55, 3]


def test_dual_dialogue_takes_the_taller_side():
    single = "INT. A - DAY\n\nBRICK\nScrew you.\n\nSTEEL\nNo, you.\n"
    dual = "INT. A - DAY\n\nBRICK\nScrew you.\n\nSTEEL ^\nNo, you.\n"
    lines = [lay_out(parse_fountain_text(t).elements).scene_lines[0] for t in (single, dual)]
    assert lines == [7, 4]


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    st.lists(
        st.tuples(st.sampled_from([HEADING, ACTION]), st.text("ab \n", max_size=300)),
        max_size=40,
    )
)
def test_layout_invariants(parts):
    elements = [Element(kind, text, i + 1) for i, (kind, text) in enumerate(parts)]
    layout = lay_out(elements)
    headings = sum(1 for kind, _ in parts if kind == HEADING)
    assert len(layout.scene_lines) == headings
    assert all(lines >= 1 for lines in layout.scene_lines)
    assert all(eighths >= 1 for eighths in layout.scene_eighths)
    assert sum(layout.scene_lines) <= layout.pages * 55
