"""Element-set files: verification errors name the file and line; sets switch at epochs or manoeuvres."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skyslate.errors import ElementSetError
from skyslate.sky.elements import (
    ISS_REBOOST_2021_10_12,
    StaleElementsWarning,
    load_element_sets,
    parse_element_sets,
    tle_checksum,
)
from skyslate.sky.orbit import orbit_windows

DATA = Path(__file__).resolve().parent.parent / "data"
TLE = DATA / "iss-2021-10.tle"


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_reads_the_five_iss_sets_in_epoch_order():
    platform = load_element_sets(TLE)
    assert platform.name == "ISS (ZARYA)"
    epochs = [s.epoch for s in platform.element_sets]
    # Epochs as listed in tests/data/README-tle.md (A..E)
    assert [e.strftime("%m-%d %H:%M") for e in epochs] == [
        "10-04 20:40",
        "10-08 17:31",
        "10-15 16:50",
        "10-16 12:51",
        "10-17 13:28",
    ]
    assert all(s.catalog_number == "25544" for s in platform.element_sets)
    assert all(tle_checksum(s.line1) == int(s.line1[-1]) for s in platform.element_sets)


def test_switch_time_moves_the_b_to_c_boundary_to_the_reboost():
    plain = load_element_sets(TLE)
    reboost = load_element_sets(TLE, switch_times=[ISS_REBOOST_2021_10_12])
    before = utc("2021-10-12T07:04:00Z").timestamp()
    after = utc("2021-10-12T07:06:00Z").timestamp()
    # Without the switch, C (index 2) takes over at the B/C epoch midpoint, 05:10 UTC.
    assert list(plain.set_index(np.array([before, after]))) == [2, 2]
    assert list(reboost.set_index(np.array([before, after]))) == [1, 2]

    # B and C cross near the reboost, so switching there leaves no jump; B carried on to
    # C's epoch misses by ~465 km (~61 s along-track), as README-tle.md records.
    def gap_km(posix):
        t = np.array([posix])
        r_b = reboost.element_sets[1].satrec.sgp4_array(*_jd(t))[1]
        r_c = reboost.element_sets[2].satrec.sgp4_array(*_jd(t))[1]
        return float(np.linalg.norm(r_b - r_c))

    assert gap_km(after) < 20
    assert 400 < gap_km(reboost.element_sets[2].epoch.timestamp()) < 530


def _jd(posix):
    days = posix / 86400.0
    return 2440587.5 + np.floor(days), days - np.floor(days)


def test_switch_time_outside_the_epochs_is_an_error():
    with pytest.raises(
        ElementSetError,
        match=r"switch time 2021-10-01T00:00:00\+00:00 is not between two element-set epochs",
    ):
        load_element_sets(TLE, switch_times=[utc("2021-10-01T00:00:00Z")])


def write(tmp_path, text):
    path = tmp_path / "bad.tle"
    path.write_text(text)
    return path


LINES = TLE.read_text().splitlines()


def test_checksum_failure_names_file_and_line(tmp_path):
    bad = LINES[2][:-1] + str((int(LINES[2][-1]) + 1) % 10)
    path = write(tmp_path, "\n".join([LINES[0], LINES[1], bad]) + "\n")
    with pytest.raises(ElementSetError) as caught:
        load_element_sets(path)
    assert str(caught.value) == (
        f"{path}:3: element line 2 fails its checksum: the digits sum to {LINES[2][-1]} (mod 10) "
        f"but the line ends in {bad[-1]}"
    )


def test_short_line_and_missing_line_two(tmp_path):
    path = write(tmp_path, "\n".join([LINES[0], LINES[1][:60], LINES[2]]))
    with pytest.raises(
        ElementSetError,
        match=r":2: element line 1 is 60 characters long; TLE lines have exactly 69",
    ):
        load_element_sets(path)
    path = write(tmp_path, "\n".join([LINES[0], LINES[1]]))
    with pytest.raises(ElementSetError, match=r":2: element line 1 is not followed by its line 2"):
        load_element_sets(path)
    path = write(tmp_path, "nothing to see here\n")
    with pytest.raises(ElementSetError, match=r"no element sets found"):
        load_element_sets(path)
    with pytest.raises(ElementSetError, match=r"element-set file not found"):
        load_element_sets(tmp_path / "missing.tle")


def test_warns_more_than_14_days_from_any_epoch():
    platform = load_element_sets(TLE)
    with pytest.warns(
        StaleElementsWarning, match=r"2021-11-05T00:00:00\+00:00 is 18\.4 days from the nearest"
    ):
        orbit_windows(platform, "sunlit", utc("2021-11-04T00:00:00Z"), utc("2021-11-05T00:00:00Z"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        orbit_windows(platform, "sunlit", utc("2021-10-05T00:00:00Z"), utc("2021-10-05T06:00:00Z"))
    assert issubclass(StaleElementsWarning, UserWarning)
    assert datetime(2021, 10, 12, 7, 5, tzinfo=UTC) == ISS_REBOOST_2021_10_12


def with_checksum(line: str) -> str:
    """A 68-column line completed with its correct checksum digit."""
    return line[:68] + str(tle_checksum(line))


@pytest.mark.parametrize(
    ("which", "start", "text", "message"),
    [
        (1, 18, " " * 14, ":2: element line 1 columns 19-32 should hold the epoch"),
        (1, 2, "ABCDE", ":2: element line 1 columns 3-7 should hold the catalogue number"),
        (1, 44, "00000-0x", ":2: element line 1 columns 45-52 should hold the second derivative"),
        (1, 17, "x", ":2: element line 1 column 18 should hold a space, e.g. ' ', not 'x'"),
        (2, 26, "zzzzzzz", ":3: element line 2 columns 27-33 should hold the eccentricity"),
        (2, 8, "190.0000", ":3: element line 2: the inclination is 190; it must lie between 0"),
        (2, 52, " 0.00000000", ":3: element line 2: the mean motion is 0; it must lie between"),
        (1, 20, "400.00000000", ":2: element line 1: the epoch day of the year is 400"),
    ],
)
def test_malformed_fields_with_a_good_checksum_name_the_line(tmp_path, which, start, text, message):
    # Each edit keeps the checksum right, so only reading the columns can catch it.
    lines = list(LINES[:3])
    line = lines[which]
    lines[which] = with_checksum(line[:start] + text + line[start + len(text) :])
    if which == 1 and start == 2:  # the catalogue number must match on both lines
        lines[2] = with_checksum(lines[2][:2] + text + lines[2][7:])
    path = write(tmp_path, "\n".join(lines) + "\n")
    with pytest.raises(ElementSetError, match=message):
        load_element_sets(path)


def test_every_real_line_passes_the_column_checks():
    # The five ISS sets, and the ones the example production ships, read cleanly.
    assert len(load_element_sets(TLE).element_sets) == 5


def test_a_binary_file_is_not_text_and_says_where(tmp_path):
    path = tmp_path / "bin.tle"
    path.write_bytes(b"ISS (ZARYA)\n1 25544U \xff\xfe\n")
    with pytest.raises(ElementSetError) as caught:
        load_element_sets(path)
    assert str(caught.value) == (
        f"{path}:2: not a text file (byte 0xff is not UTF-8); element sets are plain ASCII lines"
    )


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 14), st.integers(0, 68), st.sampled_from(list("0123456789 .-+AUé\t"))
        ),
        min_size=1,
        max_size=3,
    )
)
def test_mutated_element_lines_parse_or_raise_element_set_error(edits):
    # Checksums are repaired after each edit, so only the column checks stand in the way.
    lines = TLE.read_text().splitlines()
    for index, position, char in edits:
        line = lines[index]
        line = line[:position] + char + line[position + 1 :]
        if line[:1] in ("1", "2") and len(line) >= 68:
            line = with_checksum(line)
        lines[index] = line
    try:
        sets = parse_element_sets("\n".join(lines), "fuzz.tle")
    except ElementSetError as error:
        assert error.path == "fuzz.tle" and error.line >= 1
        return
    for s in sets:
        assert len(s.line1) == len(s.line2) == 69 and s.epoch.tzinfo is not None


def test_an_endless_or_huge_file_is_refused_after_a_bounded_read(tmp_path):
    from skyslate.sky.elements import MAX_ELEMENT_FILE_BYTES

    path = tmp_path / "huge.tle"
    with path.open("wb") as handle:
        handle.truncate(MAX_ELEMENT_FILE_BYTES + 1)  # sparse: no disk, no time
    with pytest.raises(ElementSetError) as caught:
        load_element_sets(path)
    assert str(caught.value) == (
        f"{path}:1: element-set file is over 50 MB; give the sets of one object"
    )
