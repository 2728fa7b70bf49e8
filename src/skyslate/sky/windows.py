"""Half-open UTC time windows and sorted, disjoint sets of them with their algebra."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from skyslate.errors import SkyError


def _utc(moment: datetime, what: str) -> datetime:
    if not isinstance(moment, datetime):
        raise SkyError(f"{what} must be a datetime, not {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise SkyError(f"{what} {moment.isoformat()} has no time zone; give an aware datetime")
    return moment.astimezone(UTC)


@dataclass(frozen=True, order=True)
class Window:
    """A half-open interval [start, end) of UTC time."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        start = _utc(self.start, "window start")
        end = _utc(self.end, "window end")
        if end < start:
            raise SkyError(
                f"window ends ({end.isoformat()}) before it starts ({start.isoformat()})"
            )
        # Normalise to UTC so equal instants compare and hash equal.
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)

    @property
    def duration(self) -> timedelta:
        """How long the window lasts."""
        return self.end - self.start

    def __bool__(self) -> bool:
        return self.end > self.start

    def to_pair(self) -> tuple[datetime, datetime]:
        """The window as a (start, end) tuple."""
        return (self.start, self.end)


def _as_window(item) -> Window:
    if isinstance(item, Window):
        return item
    try:
        start, end = item
    except (TypeError, ValueError):
        raise SkyError(f"a window needs (start, end), not {item!r}") from None
    return Window(start, end)


def _merge(windows: Iterable[Window]) -> tuple[Window, ...]:
    """Sort, drop empty windows and merge overlapping or touching ones."""
    ordered = sorted(w for w in windows if w.end > w.start)
    merged: list[Window] = []
    for window in ordered:
        if merged and window.start <= merged[-1].end:
            if window.end > merged[-1].end:
                merged[-1] = Window(merged[-1].start, window.end)
        else:
            merged.append(window)
    return tuple(merged)


class Windows:
    """An immutable, sorted set of disjoint, non-touching windows."""

    __slots__ = ("_cache", "_seconds")

    def __init__(self, items: Iterable[Window | tuple[datetime, datetime]] = ()) -> None:
        self._cache = _merge(_as_window(item) for item in items)
        self._seconds = None

    @property
    def _items(self) -> tuple[Window, ...]:
        if self._cache is None:
            # Built lazily: a search may return thousands of windows nobody iterates.
            self._cache = _from_seconds(*self._seconds)
        return self._cache

    @classmethod
    def _trusted(cls, items: tuple[Window, ...]) -> Windows:
        # Results of the algebra are already sorted and merged.
        new = cls.__new__(cls)
        new._cache, new._seconds = items, None
        return new

    @classmethod
    def from_seconds(cls, starts, ends) -> Windows:
        """Fast path for finder output: POSIX-second arrays already sorted, disjoint and non-empty."""
        new = cls.__new__(cls)
        new._cache, new._seconds = None, (starts, ends)
        return new

    # -- container -------------------------------------------------------
    def __iter__(self) -> Iterator[Window]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._seconds[0]) if self._cache is None else len(self._cache)

    def __bool__(self) -> bool:
        return len(self) > 0

    def __getitem__(self, index: int) -> Window:
        return self._items[index]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Windows):
            return NotImplemented
        return self._items == other._items

    def __hash__(self) -> int:
        return hash(self._items)

    def __repr__(self) -> str:
        inner = ", ".join(f"{w.start.isoformat()}..{w.end.isoformat()}" for w in self._items)
        return f"Windows([{inner}])"

    # -- algebra ---------------------------------------------------------
    def union(self, other: Windows) -> Windows:
        """Time inside either set."""
        return Windows._trusted(_merge(self._items + _windows(other)._items))

    def intersection(self, other: Windows) -> Windows:
        """Time inside both sets."""
        a, b = self._items, _windows(other)._items
        out: list[Window] = []
        i = j = 0
        while i < len(a) and j < len(b):
            start = max(a[i].start, b[j].start)
            end = min(a[i].end, b[j].end)
            if start < end:
                out.append(Window(start, end))
            if a[i].end < b[j].end:
                i += 1
            else:
                j += 1
        return Windows._trusted(tuple(out))

    def difference(self, other: Windows) -> Windows:
        """Time inside this set but not in `other`."""
        out: list[Window] = []
        cuts = _windows(other)._items
        j = 0
        for window in self._items:
            start = window.start
            while j < len(cuts) and cuts[j].end <= start:
                j += 1
            k = j
            while k < len(cuts) and cuts[k].start < window.end:
                if cuts[k].start > start:
                    out.append(Window(start, cuts[k].start))
                start = max(start, cuts[k].end)
                k += 1
            if start < window.end:
                out.append(Window(start, window.end))
        return Windows._trusted(tuple(out))

    __or__ = union
    __and__ = intersection
    __sub__ = difference

    def complement(self, span_start: datetime, span_end: datetime) -> Windows:
        """Time inside [span_start, span_end) that is in none of the windows."""
        return Windows([Window(span_start, span_end)]).difference(self)

    def clip(self, start: datetime, end: datetime) -> Windows:
        """The part of the set inside [start, end)."""
        return self.intersection(Windows([Window(start, end)]))

    def shift(self, offset: timedelta) -> Windows:
        """Every window moved by `offset`."""
        return Windows._trusted(tuple(Window(w.start + offset, w.end + offset) for w in self))

    def at_least(self, duration: timedelta) -> Windows:
        """Only the windows lasting at least `duration`."""
        return Windows._trusted(tuple(w for w in self._items if w.duration >= duration))

    def total(self) -> timedelta:
        """Summed duration of all windows."""
        if self._cache is None:
            # Same microsecond rounding as the windows themselves would get.
            starts, ends = self._seconds
            micro = sum(round(e * 1e6) - round(s * 1e6) for s, e in zip(starts, ends, strict=True))
            return timedelta(microseconds=int(micro))
        return sum((w.duration for w in self._items), timedelta(0))

    def contains(self, start: datetime, end: datetime) -> bool:
        """True if [start, end) lies inside one single window."""
        probe = Window(start, end)
        return any(w.start <= probe.start and probe.end <= w.end for w in self._items)

    def longest(self) -> Window | None:
        """The longest window (the earliest of equals), or None if empty."""
        if not self._items:
            return None
        return max(self._items, key=lambda w: (w.duration, -w.start.timestamp()))

    def to_pairs(self) -> list[tuple[datetime, datetime]]:
        """The windows as a list of (start, end) tuples."""
        return [w.to_pair() for w in self._items]


def _from_seconds(starts, ends) -> tuple[Window, ...]:
    from skyslate.sky.ephemeris import moments

    items = []
    for start, end in zip(moments(starts), moments(ends), strict=True):
        window = object.__new__(Window)  # already UTC and ordered: skip re-validation
        object.__setattr__(window, "start", start)
        object.__setattr__(window, "end", end)
        items.append(window)
    return tuple(items)


def _windows(value) -> Windows:
    return value if isinstance(value, Windows) else Windows(value)
