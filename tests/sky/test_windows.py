"""The window algebra: hand-checked cases and hypothesis properties against a minute-set model."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skyslate.errors import SkyError
from skyslate.sky.windows import Window, Windows

T0 = datetime(2021, 10, 5, tzinfo=UTC)


def at(minute: int) -> datetime:
    return T0 + timedelta(minutes=minute)


def ws(*pairs: tuple[int, int]) -> Windows:
    return Windows((at(a), at(b)) for a, b in pairs)


def minutes(windows: Windows) -> set[int]:
    """The model: the set of whole minutes covered."""
    out: set[int] = set()
    for w in windows:
        a = int((w.start - T0).total_seconds() // 60)
        b = int((w.end - T0).total_seconds() // 60)
        out.update(range(a, b))
    return out


intervals = st.lists(
    st.tuples(st.integers(0, 300), st.integers(0, 60)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=12,
)


def test_window_is_utc_and_half_open():
    moscow = timezone(timedelta(hours=3))
    w = Window(
        datetime(2021, 10, 5, 3, 0, tzinfo=moscow), datetime(2021, 10, 5, 4, 0, tzinfo=moscow)
    )
    assert w.start == T0 and w.start.tzinfo is UTC
    assert w.duration == timedelta(hours=1)
    # touching windows merge, because [a, b) and [b, c) leave no gap
    assert ws((0, 10), (10, 20)).to_pairs() == [(at(0), at(20))]
    assert len(ws((0, 10), (11, 20))) == 2


def test_naive_or_reversed_windows_are_errors():
    with pytest.raises(SkyError, match="has no time zone"):
        Window(datetime(2021, 10, 5), at(1))
    with pytest.raises(SkyError, match="before it starts"):
        Window(at(5), at(1))
    with pytest.raises(SkyError, match=r"needs \(start, end\)"):
        Windows([at(1)])


def test_worked_example():
    a = ws((0, 60), (120, 180))
    b = ws((30, 150))
    assert (a | b).to_pairs() == [(at(0), at(180))]
    assert (a & b).to_pairs() == [(at(30), at(60)), (at(120), at(150))]
    assert (a - b).to_pairs() == [(at(0), at(30)), (at(150), at(180))]
    assert a.complement(at(-10), at(200)).to_pairs() == [
        (at(-10), at(0)),
        (at(60), at(120)),
        (at(180), at(200)),
    ]
    assert a.at_least(timedelta(minutes=61)) == Windows()
    assert a.total() == timedelta(hours=2)
    assert a.contains(at(10), at(60)) and not a.contains(at(50), at(130))
    assert ws((0, 10), (20, 40), (50, 70)).longest() == Window(at(20), at(40))
    assert Windows().longest() is None and not Windows()
    assert a.shift(timedelta(minutes=5)) == ws((5, 65), (125, 185))
    assert a.clip(at(30), at(130)) == ws((30, 60), (120, 130))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(intervals, intervals)
def test_algebra_matches_the_minute_model(x, y):
    a, b = ws(*x), ws(*y)
    assert minutes(a | b) == minutes(a) | minutes(b)
    assert minutes(a & b) == minutes(a) & minutes(b)
    assert minutes(a - b) == minutes(a) - minutes(b)
    assert minutes(a.complement(at(0), at(400))) == set(range(400)) - minutes(a)
    assert (a | b) == (b | a) and (a & b) == (b & a)
    assert ((a - b) | (a & b)) == a


@settings(max_examples=200, deadline=None, derandomize=True)
@given(intervals)
def test_sets_stay_sorted_disjoint_and_merged(x):
    a = ws(*x)
    pairs = a.to_pairs()
    assert all(s < e for s, e in pairs)
    assert all(e1 < s2 for (_, e1), (s2, _) in zip(pairs, pairs[1:], strict=False))
    assert (
        minutes(a) == set().union(*[set(range(p, q)) for p, q in x]) if x else minutes(a) == set()
    )
    assert a.total() == timedelta(minutes=len(minutes(a)))


@settings(max_examples=100, deadline=None, derandomize=True)
@given(intervals, st.integers(0, 90))
def test_at_least_keeps_exactly_the_long_pieces(x, n):
    a = ws(*x)
    kept = a.at_least(timedelta(minutes=n))
    assert all(w.duration >= timedelta(minutes=n) for w in kept)
    assert len(kept) == sum(1 for w in a if w.duration >= timedelta(minutes=n))
    assert (kept - a) == Windows()


def test_finder_fast_path_equals_validated_windows():
    import numpy as np

    starts = np.array([T0.timestamp() + 10.5, T0.timestamp() + 100.25])
    ends = starts + np.array([20.000001, 5.5])
    fast = Windows.from_seconds(starts, ends)
    slow = Windows(
        (datetime.fromtimestamp(float(s), UTC), datetime.fromtimestamp(float(e), UTC))
        for s, e in zip(starts, ends, strict=True)
    )
    assert len(fast) == 2 and fast.total() == slow.total()
    assert fast == slow and fast.to_pairs() == slow.to_pairs()
