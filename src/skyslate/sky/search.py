"""How to search: one vectorised finder that turns any condition into Windows.

A condition says *what* to look for: a smooth quantity of time (sun altitude,
shadow margin, elevation above a station) and the open interval (low, high) it
must lie in. The finder samples the quantity on a numpy grid, adds the local
extrema (so a peak that just touches a level between two samples is not lost),
brackets every level crossing and refines all brackets at once by the Illinois
false-position method to better than `tolerance_seconds`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from skyslate.sky.ephemeris import moments, seconds
from skyslate.sky.windows import Window, Windows

Quantity = Callable[[np.ndarray], np.ndarray]

DEFAULT_TOLERANCE_SECONDS = 0.01
GOLDEN = (math.sqrt(5.0) - 1.0) / 2.0


class Condition:
    """What to look for: `quantity(posix_seconds)` inside the open interval (low, high).

    Subclasses set `low`/`high` (None = unbounded), `step_seconds` (shorter than
    half the quantity's fastest swing) and `smooth` (False for on/off
    quantities, whose extrema are not searched).
    """

    low: float | None = None
    high: float | None = None
    step_seconds: float = 60.0
    smooth: bool = True

    def quantity(self, posix_seconds: np.ndarray) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def holds(self, posix_seconds: np.ndarray) -> np.ndarray:
        """Whether the condition holds at each time."""
        return self._inside(self.quantity(np.asarray(posix_seconds, dtype=float)))

    def _inside(self, values: np.ndarray) -> np.ndarray:
        ok = np.ones(values.shape, dtype=bool)
        if self.low is not None:
            ok &= values > self.low
        if self.high is not None:
            ok &= values < self.high
        return ok


@dataclass(frozen=True)
class Crossings:
    """Times a quantity crosses one level, and whether it was rising there."""

    level: float
    times: np.ndarray
    rising: np.ndarray


def sample_grid(start_seconds: float, end_seconds: float, step_seconds: float) -> np.ndarray:
    """Evenly spaced times from start to end inclusive, no further apart than the step."""
    count = max(2, int(math.ceil((end_seconds - start_seconds) / step_seconds)) + 1)
    return np.linspace(start_seconds, end_seconds, count)


def _refine_extrema(function: Quantity, t: np.ndarray, q: np.ndarray, levels: Sequence[float]):
    """Local extrema of the sampled quantity that might reach a level, found by golden section."""
    if len(t) < 3:
        return np.empty(0), np.empty(0)
    d = np.diff(q)
    peak = (d[:-1] > 0) & (d[1:] <= 0)
    dip = (d[:-1] < 0) & (d[1:] >= 0)
    middle = q[1:-1]
    swing = np.maximum(np.abs(d[:-1]), np.abs(d[1:]))
    # Only an extremum within two swings of a level can hide a crossing.
    near = np.zeros(middle.shape, dtype=bool)
    for level in levels:
        near |= peak & (level > middle) & (level - middle < 2 * swing)
        near |= dip & (level < middle) & (middle - level < 2 * swing)
    index = np.nonzero(near)[0] + 1
    if index.size == 0:
        return np.empty(0), np.empty(0)
    sign = np.where(peak[index - 1], 1.0, -1.0)
    a, b = t[index - 1].copy(), t[index + 1].copy()
    x1 = b - GOLDEN * (b - a)
    x2 = a + GOLDEN * (b - a)
    f1, f2 = sign * function(x1), sign * function(x2)
    for _ in range(40):
        if np.all(b - a < 0.5):
            break
        left = f1 > f2  # the maximum lies in [a, x2]
        b = np.where(left, x2, b)
        a = np.where(left, a, x1)
        x2n = np.where(left, x1, a + GOLDEN * (b - a))
        x1n = np.where(left, b - GOLDEN * (b - a), x2)
        f2n = np.where(left, f1, np.nan)
        f1n = np.where(left, np.nan, f2)
        fresh_x = np.where(left, x1n, x2n)
        fresh_f = sign * function(fresh_x)
        f1 = np.where(left, fresh_f, f1n)
        f2 = np.where(left, f2n, fresh_f)
        x1, x2 = x1n, x2n
    best = np.where(f1 > f2, x1, x2)
    return best, function(best)


def _illinois(function: Quantity, a, b, fa, fb, level, tolerance_seconds: float):
    """Refine brackets [a, b] where function - level changes sign; returns the crossing times."""
    fa = fa - level
    fb = fb - level
    side = np.zeros(a.shape, dtype=int)
    for iteration in range(200):
        active = (b - a) > tolerance_seconds
        if not active.any():
            break
        idx = np.nonzero(active)[0]
        ai, bi, fai, fbi = a[idx], b[idx], fa[idx], fb[idx]
        denominator = fbi - fai
        c = np.where(
            denominator != 0,
            bi - fbi * (bi - ai) / np.where(denominator != 0, denominator, 1),
            0.5 * (ai + bi),
        )
        # Every fifth step bisects, so the bracket (not just the estimate) always shrinks.
        bad = (c <= ai) | (c >= bi) | ~np.isfinite(c) | (iteration % 5 == 4)
        c = np.where(bad, 0.5 * (ai + bi), c)
        fc = function(c) - level[idx]
        # "Above" means strictly greater than the level, matching Condition._inside.
        c_above = fc > 0
        a_above = fai > 0
        replace_a = c_above == a_above
        new_side = np.where(replace_a, -1, 1)
        # Illinois: halve the retained end's value when the same end is kept twice.
        keep_b_twice = replace_a & (side[idx] == -1)
        keep_a_twice = ~replace_a & (side[idx] == 1)
        fbi = np.where(keep_b_twice, fbi * 0.5, fbi)
        fai = np.where(keep_a_twice, fai * 0.5, fai)
        a[idx] = np.where(replace_a, c, ai)
        fa[idx] = np.where(replace_a, fc, fai)
        b[idx] = np.where(replace_a, bi, c)
        fb[idx] = np.where(replace_a, fbi, fc)
        side[idx] = new_side
    return 0.5 * (a + b)


def find_crossings(
    function: Quantity,
    levels: Sequence[float],
    start_seconds: float,
    end_seconds: float,
    step_seconds: float,
    *,
    smooth: bool = True,
    tolerance_seconds: float = DEFAULT_TOLERANCE_SECONDS,
) -> list[Crossings]:
    """Every time the quantity crosses each level within the span, refined to the tolerance."""
    t = sample_grid(start_seconds, end_seconds, step_seconds)
    q = np.asarray(function(t), dtype=float)
    if smooth:
        te, qe = _refine_extrema(function, t, q, levels)
        if te.size:
            t = np.concatenate([t, te])
            q = np.concatenate([q, qe])
            order = np.argsort(t, kind="stable")
            t, q = t[order], q[order]
    lows, highs, flo, fhi, level_of, which = [], [], [], [], [], []
    for n, level in enumerate(levels):
        above = q > level
        k = np.nonzero(above[:-1] != above[1:])[0]
        lows.append(t[k])
        highs.append(t[k + 1])
        flo.append(q[k])
        fhi.append(q[k + 1])
        level_of.append(np.full(k.size, float(level)))
        which.append(np.full(k.size, n))
    a = np.concatenate(lows)
    b = np.concatenate(highs)
    fa = np.concatenate(flo)
    level_array = np.concatenate(level_of)
    rising = fa <= level_array
    roots = (
        _illinois(
            function, a.copy(), b.copy(), fa, np.concatenate(fhi), level_array, tolerance_seconds
        )
        if a.size
        else a
    )
    owner = np.concatenate(which)
    out = []
    for n, level in enumerate(levels):
        mine = owner == n
        order = np.argsort(roots[mine], kind="stable")
        out.append(Crossings(float(level), roots[mine][order], rising[mine][order]))
    return out


def find_windows(
    condition: Condition,
    start_utc: datetime,
    end_utc: datetime,
    *,
    tolerance_seconds: float = DEFAULT_TOLERANCE_SECONDS,
) -> Windows:
    """The Windows inside [start_utc, end_utc) where the condition holds."""
    start, end = span_seconds(start_utc, end_utc)
    ((starts, ends),) = find_edges(
        condition.quantity,
        [(condition.low, condition.high)],
        start,
        end,
        condition.step_seconds,
        smooth=condition.smooth,
        tolerance_seconds=tolerance_seconds,
    )
    return windows_from_seconds(starts, ends)


def find_edges(
    function: Quantity,
    bounds: Sequence[tuple[float | None, float | None]],
    start: float,
    end: float,
    step_seconds: float,
    *,
    smooth: bool = True,
    tolerance_seconds: float = DEFAULT_TOLERANCE_SECONDS,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """For each (low, high): POSIX (starts, ends) of the pieces of [start, end] with low < q < high.

    One sampling of the quantity serves every pair of bounds.
    """
    levels = sorted({x for pair in bounds for x in pair if x is not None})
    crossings = {
        c.level: c.times
        for c in find_crossings(
            function,
            levels,
            start,
            end,
            step_seconds,
            smooth=smooth,
            tolerance_seconds=tolerance_seconds,
        )
    }
    out = []
    for low, high in bounds:
        mine = [crossings[float(x)] for x in (low, high) if x is not None]
        roots = np.sort(np.concatenate(mine + [np.empty(0)]))
        edges = np.concatenate([[start], roots, [end]])
        # The state is constant between consecutive crossings, except where the quantity
        # only touches a level; probing two inner points keeps a single touch from hiding it.
        width = edges[1:] - edges[:-1]
        probes = np.concatenate([edges[:-1] + 0.382 * width, edges[:-1] + 0.618 * width])
        values = function(probes)
        ok = np.ones(values.shape, dtype=bool)
        if low is not None:
            ok &= values > low
        if high is not None:
            ok &= values < high
        inside = ok[: width.size] | ok[width.size :]
        out.append((edges[:-1][inside], edges[1:][inside]))
    return out


def windows_from_seconds(starts: np.ndarray, ends: np.ndarray) -> Windows:
    """Windows from sorted, non-overlapping POSIX-second starts and ends (touching pieces merge)."""
    starts, ends = np.asarray(starts, dtype=float), np.asarray(ends, dtype=float)
    keep = ends > starts
    starts, ends = starts[keep], ends[keep]
    if starts.size > 1:
        # A piece that begins where the previous one ends continues it.
        new_run = np.concatenate([[True], starts[1:] > ends[:-1]])
        run_end = np.concatenate([np.nonzero(new_run)[0][1:] - 1, [starts.size - 1]])
        starts, ends = starts[new_run], ends[run_end]
    return Windows.from_sorted(moments(starts), moments(ends))


def span_seconds(start_utc: datetime, end_utc: datetime) -> tuple[float, float]:
    """POSIX seconds of a validated span (aware datetimes, end not before start)."""
    span = Window(start_utc, end_utc)  # validates awareness and order
    return seconds(span.start), seconds(span.end)
