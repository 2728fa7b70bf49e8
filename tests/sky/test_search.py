"""The one finder: any condition to Windows, checked against brute-force dense evaluation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from skyslate.sky.search import Condition, find_crossings, find_windows

T0 = datetime(2021, 10, 5, tzinfo=UTC)
S0 = T0.timestamp()


class Wave(Condition):
    """A sum of sines (seconds since T0) inside (low, high)."""

    def __init__(self, terms, low, high, step_seconds):
        self.terms, self.low, self.high, self.step_seconds = terms, low, high, step_seconds

    def quantity(self, posix_seconds):
        x = np.asarray(posix_seconds) - S0
        return sum(a * np.sin(2 * np.pi * x / p + f) for a, p, f in self.terms)


def test_a_peak_that_barely_crosses_between_samples_is_found():
    # Peak of 1.0 at x = 5000 s; level 0.9999 is exceeded for ~27 s, far less than the 600 s step.
    condition = Wave([(1.0, 20000.0, 0.0)], 0.9999, None, step_seconds=600.0)
    windows = find_windows(condition, T0, T0 + timedelta(seconds=10000))
    assert len(windows) == 1
    (window,) = windows
    half = 20000.0 / (2 * np.pi) * np.arccos(0.9999)
    assert abs((window.start - T0).total_seconds() - (5000 - half)) < 0.1
    assert abs((window.end - T0).total_seconds() - (5000 + half)) < 0.1


def test_crossings_are_refined_below_a_tenth_of_a_second():
    period = 5580.0
    (crossings,) = find_crossings(
        lambda t: np.sin(2 * np.pi * (t - S0) / period), [0.3], S0, S0 + 86400, 60.0
    )
    exact_rising = [k * period + period / (2 * np.pi) * np.arcsin(0.3) for k in range(16)]
    rising = crossings.times[crossings.rising] - S0
    assert len(rising) == 16
    assert np.max(np.abs(rising - exact_rising[: len(rising)])) < 0.1


terms = st.lists(
    st.tuples(st.floats(0.2, 2.0), st.floats(2000.0, 20000.0), st.floats(0.0, 6.28)),
    min_size=1,
    max_size=3,
)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(terms, st.floats(-1.5, 1.0), st.floats(0.1, 1.5))
def test_windows_match_dense_brute_force(wave, low, width):
    step = min(p for _, p, _ in wave) / 8
    condition = Wave(wave, low, low + width, step_seconds=step)
    end = T0 + timedelta(seconds=40000)
    windows = find_windows(condition, T0, end)
    dense = S0 + np.arange(0.0, 40000.0, 1.0) + 0.5
    inside = condition.holds(dense)
    found = np.zeros(dense.shape, dtype=bool)
    for w in windows:
        found |= (dense >= w.start.timestamp()) & (dense < w.end.timestamp())
    # every dense sample agrees, except within a second of a boundary
    disagree = dense[inside != found]
    edges = np.array([w.start.timestamp() for w in windows] + [w.end.timestamp() for w in windows])
    for t in disagree:
        assert edges.size and np.min(np.abs(edges - t)) < 1.0
