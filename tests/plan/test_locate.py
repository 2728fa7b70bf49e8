"""The key-path -> line locator agrees with the TOML text it was given."""

from __future__ import annotations

import tomllib

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from skyslate.plan.locate import KeyLines

TRICKY = '''# comment with key = "value" and [table]
[production]
title = "A # not a comment [x] = y"
"quoted key" = 'literal # too'
dotted.key = 1

[[cast]]
id = 1
available = [
  { from = 2021-10-05, to = 2021-10-06 },  # trailing comment
  {from="a", hours = "18:00-21:00"},
]
notes = """several
lines with id = 9 and [[cast]] inside"""
after = 3

[[cast]]
id = 2

[[locations]]
name = "ISS"
[[locations.sets]]
name = "Z"
[[locations.sets]]
name = "C"
[[locations]]
name = "Moscow"
[[locations.sets]]
name = "M"

[scenes.12A]
needs = 'a and b'
'''


def test_tricky_text():
    lines = KeyLines(TRICKY)
    assert tomllib.loads(TRICKY)  # the fixture itself is valid TOML
    expected = {
        ("production", "title"): 3,
        ("production", "quoted key"): 4,
        ("production", "dotted", "key"): 5,
        ("cast", 0): 7,
        ("cast", 0, "available", 0, "from"): 10,
        ("cast", 0, "available", 1, "hours"): 11,
        ("cast", 0, "notes"): 13,
        ("cast", 0, "after"): 15,
        ("cast", 1, "id"): 18,
        ("locations", 0, "sets", 1, "name"): 25,
        ("locations", 1, "sets", 0, "name"): 29,
        ("scenes", "12A", "needs"): 32,
    }
    assert {path: lines.line(path) for path in expected} == expected


def test_unknown_paths_fall_back_to_the_nearest_parent():
    lines = KeyLines(TRICKY)
    assert lines.line(("cast", 1, "rate_per_day")) == 17
    assert lines.line(("nothing", "here")) == 1


keys = st.text(alphabet="abcdefgh_-XYZ 1.#=", min_size=1, max_size=6)
scalars = st.one_of(
    st.integers(),
    st.booleans(),
    st.text(max_size=12),
    st.floats(allow_nan=False, allow_infinity=False),
)
tables = st.recursive(
    st.dictionaries(keys, scalars, max_size=4),
    lambda inner: st.dictionaries(
        keys, st.one_of(scalars, inner, st.lists(inner, min_size=1, max_size=3)), max_size=4
    ),
    max_leaves=20,
)


def leaves(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, (*path, key))
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        for n, item in enumerate(value):
            yield from leaves(item, (*path, n))
    else:
        yield path


@settings(max_examples=150, deadline=None)
@given(tables)
def test_every_leaf_key_is_found_on_a_line_that_writes_it(document):
    text = tomli_w.dumps(document)
    assert tomllib.loads(text) == document
    lines = KeyLines(text)
    source = text.split("\n")  # TOML lines end at \n only (not at U+0085 and friends)
    for path in leaves(document):
        if not path or isinstance(path[-1], int):
            continue
        line = source[lines.line(path) - 1]
        key = path[-1]
        written = [key, f'"{key}"', f"'{key}'"]
        assert any(line.lstrip().startswith(w) and "=" in line for w in written) or any(
            f"{w} =" in line for w in written
        ), (path, line)
