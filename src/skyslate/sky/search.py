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

from skyslate.sky.ephemeris import seconds
from skyslate.sky.windows import Window, Windows

Quantity = Callable[[np.ndarray], np.ndarray]
BatchQuantity = Callable[[np.ndarray, np.ndarray], np.ndarray]

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


def _refine_extrema(evaluate, t, q, rows, levels: Sequence[float]):
    """Local extrema of each row's samples that might reach a level, found by golden section.

    `t`, `q` have shape (rows, n); returns flat (times, values, rows) of the extrema.
    """
    empty = (np.empty(0), np.empty(0), np.empty(0, dtype=int))
    if t.shape[1] < 3:
        return empty
    d = np.diff(q, axis=1)
    peak = (d[:, :-1] > 0) & (d[:, 1:] <= 0)
    dip = (d[:, :-1] < 0) & (d[:, 1:] >= 0)
    middle = q[:, 1:-1]
    swing = np.maximum(np.abs(d[:, :-1]), np.abs(d[:, 1:]))
    # Only an extremum within two swings of a level can hide a crossing.
    near = np.zeros(middle.shape, dtype=bool)
    for level in levels:
        near |= peak & (level > middle) & (level - middle < 2 * swing)
        near |= dip & (level < middle) & (middle - level < 2 * swing)
    row, column = np.nonzero(near)
    if row.size == 0:
        return empty
    index = column + 1
    sign = np.where(peak[row, column], 1.0, -1.0)
    a, b = t[row, index - 1].copy(), t[row, index + 1].copy()
    x1 = b - GOLDEN * (b - a)
    x2 = a + GOLDEN * (b - a)
    f1, f2 = sign * evaluate(x1, row), sign * evaluate(x2, row)
    for _ in range(40):
        if np.all(b - a < 0.5):
            break
        left = f1 > f2  # the maximum lies in [a, x2]
        b = np.where(left, x2, b)
        a = np.where(left, a, x1)
        x2n = np.where(left, x1, a + GOLDEN * (b - a))
        x1n = np.where(left, b - GOLDEN * (b - a), x2)
        fresh_f = sign * evaluate(np.where(left, x1n, x2n), row)
        f1, f2 = np.where(left, fresh_f, f2), np.where(left, f1, fresh_f)
        x1, x2 = x1n, x2n
    best = np.where(f1 > f2, x1, x2)
    return best, evaluate(best, row), row


def _illinois(evaluate, a, b, fa, fb, level, rows, tolerance_seconds: float):
    """Refine brackets [a, b] where quantity - level changes sign; returns the crossing times.

    A bracket is done when it is narrower than the tolerance, or when two successive
    false-position estimates agree to a quarter of it (Illinois converges superlinearly,
    so the error is then far below the last step).
    """
    fa = fa - level
    fb = fb - level
    side = np.zeros(a.shape, dtype=int)
    estimate = np.full(a.shape, np.nan)
    settled = np.zeros(a.shape, dtype=bool)
    for iteration in range(200):
        active = ((b - a) > tolerance_seconds) & ~settled
        if not active.any():
            break
        idx = np.nonzero(active)[0]
        ai, bi, fai, fbi = a[idx], b[idx], fa[idx], fb[idx]
        denominator = fbi - fai
        safe = np.where(denominator != 0, denominator, 1.0)
        c = np.where(denominator != 0, bi - fbi * (bi - ai) / safe, 0.5 * (ai + bi))
        # Every fifth step bisects, so the bracket (not just the estimate) always shrinks.
        bisect = (c <= ai) | (c >= bi) | ~np.isfinite(c) | (iteration % 5 == 4)
        c = np.where(bisect, 0.5 * (ai + bi), c)
        settled[idx] = ~bisect & (np.abs(c - estimate[idx]) < 0.25 * tolerance_seconds)
        estimate[idx] = np.where(bisect, np.nan, c)
        fc = evaluate(c, rows[idx]) - level[idx]
        # "Above" means strictly greater than the level, as Condition.holds counts it.
        replace_a = (fc > 0) == (fai > 0)
        # Illinois: halve the retained end's value when the same end is kept twice.
        fbi = np.where(replace_a & (side[idx] == -1), fbi * 0.5, fbi)
        fai = np.where(~replace_a & (side[idx] == 1), fai * 0.5, fai)
        a[idx] = np.where(replace_a, c, ai)
        fa[idx] = np.where(replace_a, fc, fai)
        b[idx] = np.where(replace_a, bi, c)
        fb[idx] = np.where(replace_a, fbi, fc)
        side[idx] = np.where(replace_a, -1, 1)
    return np.where(settled, np.clip(estimate, a, b), 0.5 * (a + b))


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
    found = find_crossings_batch(
        lambda t, _rows: function(t),
        1,
        levels,
        start_seconds,
        end_seconds,
        step_seconds,
        smooth=smooth,
        tolerance_seconds=tolerance_seconds,
    )
    return [Crossings(c.level, c.times, c.rising) for c, _rows in found]


def find_crossings_batch(
    evaluate: BatchQuantity,
    row_count: int,
    levels: Sequence[float],
    start_seconds: float,
    end_seconds: float,
    step_seconds: float,
    *,
    smooth: bool = True,
    tolerance_seconds: float = DEFAULT_TOLERANCE_SECONDS,
) -> list[tuple[Crossings, np.ndarray]]:
    """Crossings for many related quantities at once (rows: sites, stations...), each with its row.

    `evaluate(t, rows)` returns row `rows[i]`'s quantity at time `t[i]`.
    """
    grid = sample_grid(start_seconds, end_seconds, step_seconds)
    t = np.broadcast_to(grid, (row_count, grid.size))
    rows = np.broadcast_to(np.arange(row_count)[:, None], t.shape)
    q = np.asarray(evaluate(t.ravel(), rows.ravel()), dtype=float).reshape(t.shape)
    t_all, q_all, r_all = t.ravel(), q.ravel(), rows.ravel()
    if smooth:
        te, qe, re = _refine_extrema(evaluate, t, q, rows, levels)
        if te.size:
            t_all = np.concatenate([t_all, te])
            q_all = np.concatenate([q_all, qe])
            r_all = np.concatenate([r_all, re])
            order = np.lexsort((t_all, r_all))
            t_all, q_all, r_all = t_all[order], q_all[order], r_all[order]
    same_row = r_all[:-1] == r_all[1:]
    lows, highs, flo, fhi, level_of, which, owners = [], [], [], [], [], [], []
    for n, level in enumerate(levels):
        above = q_all > level
        k = np.nonzero((above[:-1] != above[1:]) & same_row)[0]
        lows.append(t_all[k])
        highs.append(t_all[k + 1])
        flo.append(q_all[k])
        fhi.append(q_all[k + 1])
        level_of.append(np.full(k.size, float(level)))
        which.append(np.full(k.size, n))
        owners.append(r_all[k])
    a = np.concatenate(lows)
    fa = np.concatenate(flo)
    level_array = np.concatenate(level_of)
    owner = np.concatenate(owners)
    rising = fa <= level_array
    roots = a
    if a.size:
        roots = _illinois(
            evaluate,
            a.copy(),
            np.concatenate(highs),
            fa,
            np.concatenate(fhi),
            level_array,
            owner,
            tolerance_seconds,
        )
    which = np.concatenate(which)
    out = []
    for n, level in enumerate(levels):
        mine = which == n
        order = np.lexsort((roots[mine], owner[mine]))
        out.append(
            (Crossings(float(level), roots[mine][order], rising[mine][order]), owner[mine][order])
        )
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
    found = find_edges_batch(
        lambda t, _rows: function(t),
        1,
        bounds,
        start,
        end,
        step_seconds,
        smooth=smooth,
        tolerance_seconds=tolerance_seconds,
    )
    return [(starts, ends) for _rows, starts, ends in found]


def find_edges_batch(
    evaluate: BatchQuantity,
    row_count: int,
    bounds: Sequence[tuple[float | None, float | None]],
    start: float,
    end: float,
    step_seconds: float,
    *,
    smooth: bool = True,
    tolerance_seconds: float = DEFAULT_TOLERANCE_SECONDS,
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """For each (low, high): (rows, starts, ends) of every row's pieces where low < q < high."""
    levels = sorted({x for pair in bounds for x in pair if x is not None})
    crossings = {
        c.level: (c.times, rows)
        for c, rows in find_crossings_batch(
            evaluate,
            row_count,
            levels,
            start,
            end,
            step_seconds,
            smooth=smooth,
            tolerance_seconds=tolerance_seconds,
        )
    }
    every_row = np.arange(row_count)
    out = []
    for low, high in bounds:
        mine = [crossings[float(x)] for x in (low, high) if x is not None]
        edge_t = np.concatenate(
            [m[0] for m in mine] + [np.full(row_count, start), np.full(row_count, end)]
        )
        edge_r = np.concatenate([m[1] for m in mine] + [every_row, every_row])
        order = np.lexsort((edge_t, edge_r))
        edge_t, edge_r = edge_t[order], edge_r[order]
        piece = np.nonzero(edge_r[:-1] == edge_r[1:])[0]
        left, right, rows = edge_t[piece], edge_t[piece + 1], edge_r[piece]
        # The state is constant between consecutive crossings, except where the quantity
        # only touches a level; probing two inner points keeps a single touch from hiding it.
        width = right - left
        values = evaluate(
            np.concatenate([left + 0.382 * width, left + 0.618 * width]),
            np.concatenate([rows, rows]),
        )
        ok = np.ones(values.shape, dtype=bool)
        if low is not None:
            ok &= values > low
        if high is not None:
            ok &= values < high
        inside = (ok[: width.size] | ok[width.size :]) & (width > 0)
        out.append((rows[inside], left[inside], right[inside]))
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
    return Windows.from_seconds(starts, ends)


def span_seconds(start_utc: datetime, end_utc: datetime) -> tuple[float, float]:
    """POSIX seconds of a validated span (aware datetimes, end not before start)."""
    span = Window(start_utc, end_utc)  # validates awareness and order
    return seconds(span.start), seconds(span.end)
