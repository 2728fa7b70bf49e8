"""Orbital platforms read from TLE / 3-line element files, each set used around its own epoch."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np

from skyslate.errors import ElementSetError, SkyError
from skyslate.sky.ephemeris import JD_UNIX_EPOCH, SECONDS_PER_DAY, moment
from skyslate.sky.windows import Window

TLE_LINE_LENGTH = 69
STALE_AFTER_DAYS = 14.0
MAX_ELEMENT_FILE_BYTES = 50 * 2**20


class StaleElementsWarning(UserWarning):
    """A requested time lies more than 14 days from every element-set epoch."""


def tle_checksum(line: str) -> int:
    """Modulo-10 checksum of a TLE line: digits count their value, minus signs count one."""
    return sum(int(c) if c.isdigit() else c == "-" for c in line[:68]) % 10


@dataclass(frozen=True)
class ElementSet:
    """One verified two-line element set, with where it came from."""

    name: str
    line1: str
    line2: str
    epoch: datetime
    source_line: int
    satrec: object = field(repr=False, compare=False)

    @property
    def catalog_number(self) -> str:
        """The NORAD catalogue number (columns 3-7)."""
        return self.line1[2:7].strip()


_ANGLE = (r" *\d{1,3}\.\d{4}", "'051.6453' or ' 51.6453'")
_EXPONENT = (r"[ +-]\d{5}[ +-]\d", "' 10685-3'")
# The fixed columns of each line (0-based slices), after the Space-Track / CelesTrak layout:
# a field that does not read as what it should hold is malformed even when the checksum adds up.
_FIELDS = {
    "1": (
        (1, 2, "a space", r" ", "' '"),
        (2, 7, "the catalogue number", r" *[\dA-HJ-NP-Z]\d*", "'25544'"),
        (7, 8, "the classification", r"[UCS ]", "'U'"),
        (8, 9, "a space", r" ", "' '"),
        (9, 17, "the international designator", r"[ \dA-Z]{8}", "'98067A  '"),
        (17, 18, "a space", r" ", "' '"),
        (18, 32, "the epoch", r"\d{2} *\d{1,3}\.\d+ *", "'21277.86166359'"),
        (32, 33, "a space", r" ", "' '"),
        (33, 43, "the first derivative of mean motion", r" *[+-]?\d*\.\d+", "' .00005427'"),
        (43, 44, "a space", r" ", "' '"),
        (44, 52, "the second derivative of mean motion", *_EXPONENT),
        (52, 53, "a space", r" ", "' '"),
        (53, 61, "the drag term (BSTAR)", *_EXPONENT),
        (61, 62, "a space", r" ", "' '"),
        (62, 63, "the ephemeris type", r"[ \d]", "'0'"),
        (63, 64, "a space", r" ", "' '"),
        (64, 68, "the element set number", r" *\d+", "' 999'"),
    ),
    "2": (
        (1, 2, "a space", r" ", "' '"),
        (2, 7, "the catalogue number", r" *[\dA-HJ-NP-Z]\d*", "'25544'"),
        (7, 8, "a space", r" ", "' '"),
        (8, 16, "the inclination", *_ANGLE),
        (16, 17, "a space", r" ", "' '"),
        (17, 25, "the right ascension of the node", *_ANGLE),
        (25, 26, "a space", r" ", "' '"),
        (26, 33, "the eccentricity", r"\d{7}", "'0004170'"),
        (33, 34, "a space", r" ", "' '"),
        (34, 42, "the argument of perigee", *_ANGLE),
        (42, 43, "a space", r" ", "' '"),
        (43, 51, "the mean anomaly", *_ANGLE),
        (51, 52, "a space", r" ", "' '"),
        (52, 63, "the mean motion", r" *\d{1,2}\.\d{8}", "'15.48931550'"),
        (63, 68, "the revolution number", r" *\d+", "'30559'"),
    ),
}
# Values the columns may hold: (slice, what, lowest, highest), both ends included.
_RANGES = {
    "1": ((20, 32, "the epoch day of the year", 1.0, 367.0),),
    "2": (
        (8, 16, "the inclination", 0.0, 180.0),
        (17, 25, "the right ascension of the node", 0.0, 360.0),
        (34, 42, "the argument of perigee", 0.0, 360.0),
        (43, 51, "the mean anomaly", 0.0, 360.0),
        (52, 63, "the mean motion", 0.001, 20.0),
    ),
}


def _verify_fields(line: str, number: str, path: str, line_number: int) -> None:
    """Each fixed column holds what it should; ElementSetError names the column otherwise."""
    for start, end, what, pattern, example in _FIELDS[number]:
        value = line[start:end]
        if not re.fullmatch(pattern, value):
            where = f"column {start + 1}" if end == start + 1 else f"columns {start + 1}-{end}"
            raise ElementSetError(
                f"element line {number} {where} should hold {what}, e.g. {example}, not {value!r}",
                path=path,
                line=line_number,
            )
    for start, end, what, low, high in _RANGES[number]:
        value = float(line[start:end])
        if not low <= value <= high:
            raise ElementSetError(
                f"element line {number}: {what} is {value:g}; it must lie between {low:g} and {high:g}",
                path=path,
                line=line_number,
            )


def _verify(line: str, number: str, path: str, line_number: int) -> None:
    if len(line) != TLE_LINE_LENGTH:
        raise ElementSetError(
            f"element line {number} is {len(line)} characters long; TLE lines have exactly {TLE_LINE_LENGTH}",
            path=path,
            line=line_number,
        )
    if not line[-1].isdigit():
        raise ElementSetError(
            f"element line {number} ends in {line[-1]!r}; its last column must be the checksum digit",
            path=path,
            line=line_number,
        )
    expected = tle_checksum(line)
    if int(line[-1]) != expected:
        raise ElementSetError(
            f"element line {number} fails its checksum: the digits sum to {expected} (mod 10) but the line ends in {line[-1]}",
            path=path,
            line=line_number,
        )
    _verify_fields(line, number, path, line_number)


def parse_element_sets(text: str, path: str = "<text>") -> list[ElementSet]:
    """Every element set in TLE or 3-line text, verified (length, checksum, matching numbers)."""
    from sgp4.api import Satrec

    lines = [raw.rstrip("\r\n ") for raw in text.splitlines()]
    sets: list[ElementSet] = []
    name = None
    n = 0
    while n < len(lines):
        line = lines[n]
        if not line.strip():
            n += 1
            continue
        if line.startswith("1 "):
            if n + 1 >= len(lines) or not lines[n + 1].startswith("2 "):
                raise ElementSetError(
                    "element line 1 is not followed by its line 2 (a line starting with '2 ')",
                    path=path,
                    line=n + 1,
                )
            line2 = lines[n + 1]
            _verify(line, "1", path, n + 1)
            _verify(line2, "2", path, n + 2)
            if line[2:7] != line2[2:7]:
                raise ElementSetError(
                    f"line 2 is for object {line2[2:7].strip()} but line 1 for {line[2:7].strip()}",
                    path=path,
                    line=n + 2,
                )
            try:
                satrec = Satrec.twoline2rv(line, line2)
            except ValueError as error:
                raise ElementSetError(
                    f"cannot read element set: {error}", path=path, line=n + 1
                ) from None
            epoch_seconds = (
                satrec.jdsatepoch - JD_UNIX_EPOCH + satrec.jdsatepochF
            ) * SECONDS_PER_DAY
            label = name or f"object {line[2:7].strip()}"
            sets.append(ElementSet(label, line, line2, moment(epoch_seconds), n + 1, satrec))
            name = None
            n += 2
            continue
        if line.startswith("2 "):
            raise ElementSetError(
                "element line 2 without a line 1 before it", path=path, line=n + 1
            )
        # A name line ("ISS (ZARYA)" or "0 ISS (ZARYA)") titles the set that follows.
        if len(line) > 24 and not line.startswith("0 "):
            raise ElementSetError(
                f"cannot read {line[:30]!r}: expected a name line (at most 24 characters), or element lines starting with '1 ' and '2 '",
                path=path,
                line=n + 1,
            )
        name = line[2:].strip() if line.startswith("0 ") else line.strip()
        n += 1
    return sets


@dataclass(frozen=True)
class Platform:
    """An orbiting station: its element sets in epoch order and when each one takes over."""

    name: str
    element_sets: tuple[ElementSet, ...]
    switch_times: tuple[datetime, ...] = ()
    boundaries_seconds: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.element_sets:
            raise ElementSetError("no element sets given; a platform needs at least one")
        ordered = tuple(sorted(self.element_sets, key=lambda s: s.epoch))
        object.__setattr__(self, "element_sets", ordered)
        epochs = [s.epoch.timestamp() for s in ordered]
        # By default each set rules until halfway to the next epoch; an explicit switch
        # time (a manoeuvre) between two epochs moves that boundary to the manoeuvre.
        boundaries = [0.5 * (a + b) for a, b in zip(epochs, epochs[1:], strict=False)]
        switches = tuple(sorted(Window(t, t).start for t in self.switch_times))
        for switch in switches:
            s = switch.timestamp()
            gap = next((k for k in range(len(epochs) - 1) if epochs[k] < s < epochs[k + 1]), None)
            if gap is None:
                raise ElementSetError(
                    f"switch time {switch.isoformat()} is not between two element-set epochs "
                    f"({ordered[0].epoch.isoformat()} .. {ordered[-1].epoch.isoformat()})"
                )
            boundaries[gap] = s
        object.__setattr__(self, "switch_times", switches)
        object.__setattr__(self, "boundaries_seconds", np.array(boundaries, dtype=float))

    @classmethod
    def from_file(
        cls, path: str | Path, name: str | None = None, switch_times: Iterable[datetime] = ()
    ) -> Platform:
        """Read a platform from a TLE / 3-line file (one object; `name` picks one if several)."""
        return load_element_sets(path, switch_times=switch_times, name=name)

    def set_index(self, posix_seconds: np.ndarray) -> np.ndarray:
        """Index of the element set in force at each time."""
        return np.searchsorted(self.boundaries_seconds, posix_seconds, side="right")

    def epoch_distance_days(self, posix_seconds: np.ndarray) -> np.ndarray:
        """Days from each time to the nearest epoch of any element set."""
        epochs = np.array([s.epoch.timestamp() for s in self.element_sets])
        return (
            np.min(np.abs(np.asarray(posix_seconds)[:, None] - epochs[None, :]), axis=1)
            / SECONDS_PER_DAY
        )

    def warn_if_stale(self, start_seconds: float, end_seconds: float) -> None:
        """Warn (StaleElementsWarning) if any time in the span is > 14 days from every epoch."""
        epochs = np.array([s.epoch.timestamp() for s in self.element_sets])
        probes = [start_seconds, end_seconds]
        probes += [
            0.5 * (a + b)
            for a, b in zip(epochs, epochs[1:], strict=False)
            if start_seconds < 0.5 * (a + b) < end_seconds
        ]
        distance = self.epoch_distance_days(np.array(probes))
        worst = int(np.argmax(distance))
        if distance[worst] > STALE_AFTER_DAYS:
            warnings.warn(
                f"{moment(probes[worst]).isoformat()} is {distance[worst]:.1f} days from the nearest "
                f"element-set epoch of {self.name}; positions drift by kilometres a day, so windows "
                f"there are rough (use element sets within {STALE_AFTER_DAYS:.0f} days)",
                StaleElementsWarning,
                stacklevel=3,
            )

    def state_teme_km(self, posix_seconds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Position (km) and velocity (km/s), each (3, n), in the TEME frame of SGP4."""
        posix_seconds = np.asarray(posix_seconds, dtype=float)
        days = posix_seconds / SECONDS_PER_DAY
        whole = np.floor(days)
        jd = JD_UNIX_EPOCH + whole
        fr = days - whole
        r = np.empty((3, posix_seconds.size))
        v = np.empty((3, posix_seconds.size))
        index = self.set_index(posix_seconds)
        for k in np.unique(index):
            mine = index == k
            error, position, velocity = self.element_sets[k].satrec.sgp4_array(jd[mine], fr[mine])
            if np.any(error):
                first = moment(posix_seconds[mine][np.nonzero(error)[0][0]])
                raise SkyError(
                    f"SGP4 cannot propagate {self.name} to {first.isoformat()} "
                    f"(error code {int(error[error != 0][0])}: the orbit has decayed or the elements are invalid)"
                )
            r[:, mine] = position.T
            v[:, mine] = velocity.T
        return r, v

    def describe(self) -> list[dict]:
        """The element sets with their epochs and the span each one is used for."""
        edges = [None, *[moment(b) for b in self.boundaries_seconds], None]
        return [
            {
                "name": s.name,
                "catalog_number": s.catalog_number,
                "epoch": s.epoch,
                "used_from": edges[k],
                "used_until": edges[k + 1],
                "line": s.source_line,
            }
            for k, s in enumerate(self.element_sets)
        ]


def load_element_sets(
    path: str | Path, switch_times: Iterable[datetime] = (), name: str | None = None
) -> Platform:
    """Read a TLE / 3-line file into a Platform; ElementSetError names the file and line."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            # Bounded read: a whole public catalogue is ~5 MB; /dev/zero must not fill memory.
            data = handle.read(MAX_ELEMENT_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ElementSetError("element-set file not found", path=path) from None
    except OSError as error:
        raise ElementSetError(
            f"cannot read element-set file ({error.strerror})", path=path
        ) from None
    if len(data) > MAX_ELEMENT_FILE_BYTES:
        raise ElementSetError(
            f"element-set file is over {MAX_ELEMENT_FILE_BYTES // 2**20} MB; give the sets of"
            " one object",
            path=path,
            line=1,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ElementSetError(
            f"not a text file (byte 0x{data[error.start]:02x} is not UTF-8); element sets are"
            " plain ASCII lines",
            path=path,
            line=data.count(b"\n", 0, error.start) + 1,
        ) from None
    sets = parse_element_sets(text, str(path))
    if not sets:
        raise ElementSetError(
            "no element sets found (expected lines starting with '1 ' and '2 ')", path=path
        )
    if name is not None:
        sets_all, sets = sets, [s for s in sets if name in (s.name, s.catalog_number)]
        if not sets:
            found = sorted({f"{s.name} ({s.catalog_number})" for s in sets_all})
            raise ElementSetError(
                f"no element set named {name!r}; the file holds {', '.join(found)}", path=path
            )
    objects = sorted({s.catalog_number for s in sets})
    if len(objects) > 1:
        raise ElementSetError(
            f"the file holds several objects ({', '.join(objects)}); pick one by name or"
            " catalogue number (--object on the command line)",
            path=path,
        )
    return Platform(sets[0].name, tuple(sets), tuple(switch_times))


ISS_REBOOST_2021_10_12 = datetime.fromisoformat("2021-10-12T07:05:00+00:00")
"""Zvezda engine burn that raised the ISS orbit (Roscosmos; see tests/data/README-tle.md)."""
