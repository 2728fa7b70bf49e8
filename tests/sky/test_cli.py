"""`skyslate sky ground|orbit` in-process: the JSON contract, tables, plots and exact error texts."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

TLE = Path(__file__).resolve().parent.parent / "data" / "iss-2021-10.tle"
MOSCOW = ("--lat", "55.7558", "--lon", "37.6173", "--tz", "Europe/Moscow")


def test_ground_json_contract(run_cli):
    code, out, err = run_cli(
        "sky", "ground", *MOSCOW, "--from", "2021-10-05", "--to", "2021-10-06", "--format", "json"
    )
    assert code == 0, err
    document = json.loads(out)
    assert document["site"] == {"lat": 55.7558, "lon": 37.6173, "tz": "Europe/Moscow"}
    day = document["days"][0]
    # The contract's keys, in order, plus the three the README documents as extras.
    assert list(day) == [
        "date",
        "sunrise",
        "sunset",
        "solar_noon",
        "golden_hour",
        "blue_hour",
        "civil_twilight",
        "nautical_twilight",
        "astronomical_twilight",
        "day_length_minutes",
        "moon",
        "polar",
    ]
    assert list(document) == ["site", "days"] and len(document["days"]) == 2
    assert day["date"] == "2021-10-05" and day["polar"] is None
    # local offset, to the second; Moscow sunrise 06:40 (timeanddate.com lists 06:40 for 5 Oct 2021)
    assert day["sunrise"].startswith("2021-10-05T06:40:") and day["sunrise"].endswith("+03:00")
    assert len(day["golden_hour"]) == 2 and len(day["blue_hour"]) == 2
    for start, end in day["golden_hour"]:
        assert datetime.fromisoformat(start) < datetime.fromisoformat(end)
    assert list(day["moon"]) == ["rise", "set", "phase_degrees", "illuminated", "phase"]
    assert len(day["civil_twilight"]) == 2 and day["civil_twilight"][0][1] == day["sunrise"]


def test_ground_polar_night_has_nulls_not_errors(run_cli):
    code, out, _ = run_cli(
        "sky",
        "ground",
        "--lat",
        "78.22",
        "--lon",
        "15.65",
        "--tz",
        "Arctic/Longyearbyen",
        "--from",
        "2021-12-21",
        "--format",
        "json",
    )
    assert code == 0
    (day,) = json.loads(out)["days"]
    assert (
        day["polar"] == "night"
        and day["sunrise"] is None
        and day["sunset"] is None
        and day["golden_hour"] == []
    )


def test_ground_table_and_plot(run_cli, tmp_path):
    plot = tmp_path / "ground.png"
    code, out, _ = run_cli("sky", "ground", *MOSCOW, "--from", "2021-10-05", "--plot", plot)
    assert code == 0
    assert "2021-10-05" in out and "06:40" in out and "17:54" in out
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_orbit_json_contract(run_cli):
    code, out, err = run_cli(
        "sky",
        "orbit",
        "--tle",
        TLE,
        "--from",
        "2021-10-05T00:00Z",
        "--to",
        "2021-10-05T12:00Z",
        "--station",
        "Moscow:55.75:37.62",
        "--station",
        "Ussuriysk:43.80:131.95",
        "--region",
        "moscow=circle:55.75:37.62:1000",
        "--format",
        "json",
    )
    assert code == 0, err
    document = json.loads(out)
    assert (
        document["from"] == "2021-10-05T00:00:00.000Z"
        and document["to"] == "2021-10-05T12:00:00.000Z"
    )
    assert list(document) == [
        "from",
        "to",
        "element_sets",
        "windows",
        "beta_degrees",
        "sunrises_per_day",
    ]
    windows = document["windows"]
    # The contract's six keys, plus "over" because a region was asked for.
    assert list(windows) == [
        "sunlit",
        "penumbra",
        "umbra",
        "ground_day",
        "ground_night",
        "contacts",
        "over",
    ]
    assert len(windows["contacts"]["Moscow"]) >= 1
    for start, end in windows["contacts"]["Moscow"] + windows["sunlit"]:
        # UTC with Z, to the millisecond (the contract asks for at least 0.1 s)
        assert start.endswith("Z") and len(start) == len("2021-10-05T10:27:17.957Z")
        assert datetime.fromisoformat(start) < datetime.fromisoformat(end)
    assert list(document["beta_degrees"][0]) == ["date", "beta"]
    assert set(windows["contacts"]) == {"Moscow", "Ussuriysk"} and "moscow" in windows["over"]
    first = windows["sunlit"][0]
    assert first[0].endswith("Z") and len(first[0]) == len("2021-10-05T00:29:23.322Z")
    assert document["beta_degrees"][0]["date"] == "2021-10-05"
    assert document["sunrises_per_day"] == [{"date": "2021-10-05", "sunrises": 8}]
    assert len(document["element_sets"]) == 5 and document["element_sets"][0]["epoch"].startswith(
        "2021-10-04T20:40"
    )
    assert err == ""


def test_orbit_table_plot_and_stale_warning(run_cli, tmp_path):
    plot = tmp_path / "orbit.png"
    code, out, err = run_cli(
        "sky",
        "orbit",
        "--tle",
        TLE,
        "--from",
        "2021-11-10",
        "--to",
        "2021-11-10T06:00",
        "--plot",
        plot,
    )
    assert code == 0
    assert "sunlit" in out and "umbra" in out
    assert err.startswith(
        "Warning: 2021-11-10T06:00:00+00:00 is 23.7 days from the nearest element-set epoch"
    )
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("ground", "--lat", "91", "--lon", "0", "--tz", "UTC", "--from", "2021-10-05"),
            "Error: latitude 91.0 is out of range; it must lie between -90 and 90 degrees",
        ),
        (
            (
                "ground",
                "--lat",
                "10",
                "--lon",
                "0",
                "--tz",
                "Europe/Atlantis",
                "--from",
                "2021-10-05",
            ),
            "Error: unknown time zone 'Europe/Atlantis'; give an IANA name such as 'Europe/Moscow' or 'UTC'",
        ),
        (
            ("ground", *MOSCOW, "--from", "2021-10-05", "--to", "2021-10-01"),
            "Error: --to 2021-10-01 is before --from 2021-10-05; give a date on or after it",
        ),
        (
            ("ground", *MOSCOW, "--from", "2021-13-05"),
            "Error: --from '2021-13-05' is not a date; give YYYY-MM-DD such as 2021-10-05",
        ),
        (
            ("ground", *MOSCOW, "--from", "2021-01-01", "--to", "2022-06-01"),
            "Error: 517 days asked; ask for at most a year (366 days)",
        ),
        (
            ("orbit", "--tle", str(TLE), "--from", "2021-10-06", "--to", "2021-10-05"),
            "Error: --to 2021-10-05T00:00:00.000Z is not after --from 2021-10-06T00:00:00.000Z; give a later --to",
        ),
        (
            ("orbit", "--tle", str(TLE), "--from", "2021-10-05", "--to", "2023-10-05"),
            "Error: span of 730 days is too long; ask for at most a year (366 days)",
        ),
        (
            ("orbit", "--tle", str(TLE), "--from", "yesterday", "--to", "2021-10-05"),
            "Error: --from 'yesterday' is not an ISO 8601 time; give e.g. 2021-10-05T00:00Z or 2021-10-05",
        ),
        (
            (
                "orbit",
                "--tle",
                str(TLE),
                "--from",
                "2021-10-05",
                "--to",
                "2021-10-06",
                "--station",
                "Moscow:55.75",
            ),
            "Error: --station 'Moscow:55.75' must look like NAME:LAT:LON or NAME:LAT:LON:MIN_ELEVATION",
        ),
        (
            ("ground", *MOSCOW, "--from", "2021-10-05", "--threshold", "golden_hour=nan:5"),
            "Error: threshold for golden_hour must lie between -90 and 90 degrees, not nan..5.0",
        ),
        (
            ("ground", *MOSCOW, "--from", "2021-10-05", "--threshold", "blue_hour=-95:-4"),
            "Error: threshold for blue_hour must lie between -90 and 90 degrees, not -95.0..-4.0",
        ),
        (
            ("ground", *MOSCOW, "--from", "0001-01-01"),
            "Error: 0001-01-01 is outside the bundled DE421 ephemeris; give dates from 1900-01-02 to 2053-08-30",
        ),
        (
            ("ground", *MOSCOW, "--from", "9999-12-31"),
            "Error: 9999-12-31 is outside the bundled DE421 ephemeris; give dates from 1900-01-02 to 2053-08-30",
        ),
        (
            ("orbit", "--tle", str(TLE), "--from", "1850-01-01", "--to", "1850-01-02"),
            "Error: 1850-01-01 is outside the bundled DE421 ephemeris; give times from 1900-01-01 to 2053-08-31",
        ),
        (
            ("orbit", "--tle", str(TLE), "--from", "2021-10-05", "--to", "2021-10-06")
            + ("--min-elevation", "95"),
            "Error: --min-elevation 95.0 must lie between -90 and 90 degrees",
        ),
        (
            ("ground", *MOSCOW, "--from", "2021-10-05", "--plot", "light.txt"),
            "Error: --plot 'light.txt' must end in .png (or .svg, .pdf)",
        ),
        (
            ("ground", *MOSCOW, "--from", "2021-10-05", "--plot", "/no/such/folder/x.png"),
            "Error: --plot '/no/such/folder/x.png': folder '/no/such/folder' does not exist",
        ),
        (
            ("orbit", "--tle", str(TLE), "--from", "2021-10-05", "--to", "2021-10-06")
            + ("--plot", "/no/such/folder/x.png"),
            "Error: --plot '/no/such/folder/x.png': folder '/no/such/folder' does not exist",
        ),
    ],
)
def test_bad_input_exits_1_with_one_line(run_cli, args, message):
    code, out, err = run_cli("sky", *args)
    assert code == 1 and out == ""
    assert err.strip() == message


def test_bad_element_file_names_file_and_line(run_cli, tmp_path):
    lines = TLE.read_text().splitlines()
    broken = lines[2][:-1] + str((int(lines[2][-1]) + 3) % 10)
    path = tmp_path / "broken.tle"
    path.write_text("\n".join([lines[0], lines[1], broken]) + "\n")
    code, _out, err = run_cli(
        "sky", "orbit", "--tle", path, "--from", "2021-10-05", "--to", "2021-10-06"
    )
    assert code == 1
    assert err.strip() == (
        f"Error: {path}:3: element line 2 fails its checksum: the digits sum to {lines[2][-1]} (mod 10) "
        f"but the line ends in {broken[-1]}"
    )


def test_bad_usage_exits_2(run_cli):
    code, _out, err = run_cli(
        "sky", "ground", "--lat", "north", "--lon", "0", "--tz", "UTC", "--from", "2021-10-05"
    )
    assert code == 2 and "Invalid value for '--lat'" in err


def test_a_plot_that_cannot_be_written_is_one_line(run_cli, tmp_path, monkeypatch):
    # A full disk or a read-only folder (tests run as any user, so the failure is simulated).
    import skyslate.sky.plot

    def refuse(*_args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(skyslate.sky.plot, "plot_ground", refuse)
    target = tmp_path / "light.png"
    code, out, err = run_cli("sky", "ground", *MOSCOW, "--from", "2021-10-05", "--plot", target)
    assert (code, out) == (1, "")
    assert err == f"Error: {target}: cannot write the plot (Permission denied)\n"


def test_malformed_element_line_with_a_good_checksum_names_line_and_columns(run_cli, tmp_path):
    from skyslate.sky.elements import tle_checksum

    lines = TLE.read_text().splitlines()
    bad = lines[1][:33] + "abcdefghij" + lines[1][43:68]
    path = tmp_path / "letters.tle"
    path.write_text("\n".join([lines[0], bad + str(tle_checksum(bad)), lines[2]]) + "\n")
    code, out, err = run_cli(
        "sky", "orbit", "--tle", path, "--from", "2021-10-05", "--to", "2021-10-06"
    )
    assert (code, out) == (1, "")
    assert err == (
        f"Error: {path}:2: element line 1 columns 34-43 should hold the first derivative of"
        " mean motion, e.g. ' .00005427', not 'abcdefghij'\n"
    )


def test_a_band_lasting_the_whole_date_ends_at_24_00_in_the_table(run_cli):
    # At the pole near the equinox the Sun stays within golden-hour altitudes all day.
    code, out, _ = run_cli(
        "sky", "ground", "--lat", "90", "--lon", "0", "--tz", "UTC", "--from", "2021-03-20"
    )
    assert code == 0
    row = next(line for line in out.splitlines() if "2021-03-20" in line)
    assert "00:00-24:00" in row and "day" in row


@pytest.mark.parametrize(
    ("regions", "message"),
    [
        (
            ("circle:10:0:inf",),
            "Error: region radius inf km must lie between 0 and 20015 km"
            " (half the Earth's circumference)",
        ),
        (
            ("circle:10:0:-5",),
            "Error: region radius -5.0 km must lie between 0 and 20015 km"
            " (half the Earth's circumference)",
        ),
        (("a=circle:1:2:3", "a=circle:4:5:6"), "Error: region names must differ; got a, a"),
    ],
)
def test_bad_regions_are_one_line_errors(run_cli, regions, message):
    options = [arg for region in regions for arg in ("--region", region)]
    code, out, err = run_cli(
        "sky", "orbit", "--tle", TLE, "--from", "2021-10-05", "--to", "2021-10-05T01:00", *options
    )
    assert (code, out) == (1, "")
    assert err == message + "\n"


def test_object_picks_one_platform_from_a_file_of_several(run_cli, tmp_path):
    from skyslate.sky.elements import tle_checksum

    lines = TLE.read_text().splitlines()

    def renumbered(line: str) -> str:
        line = line[:2] + "48274" + line[7:68]
        return line + str(tle_checksum(line))

    path = tmp_path / "two.tle"
    path.write_text("\n".join([*lines, "CSS (TIANHE)", *map(renumbered, lines[1:3])]) + "\n")
    span = ("--from", "2021-10-05", "--to", "2021-10-05T01:00", "--format", "json")
    code, out, err = run_cli("sky", "orbit", "--tle", path, *span)
    assert (code, out) == (1, "")
    assert err == (
        f"Error: {path}: the file holds several objects (25544, 48274); pick one by name or"
        " catalogue number (--object on the command line)\n"
    )
    for choice, number, sets in (("CSS (TIANHE)", "48274", 1), ("25544", "25544", 5)):
        code, out, _ = run_cli("sky", "orbit", "--tle", path, "--object", choice, *span)
        described = json.loads(out)["element_sets"]
        assert code == 0 and len(described) == sets
        assert {s["catalog_number"] for s in described} == {number}
    code, out, err = run_cli("sky", "orbit", "--tle", path, "--object", "HST", *span)
    assert (code, out) == (1, "")
    assert err == (
        f"Error: {path}: no element set named 'HST'; the file holds CSS (TIANHE) (48274),"
        " ISS (ZARYA) (25544)\n"
    )
