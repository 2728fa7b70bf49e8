"""Scene headings: prefixes, sets, times of day and day/night, including the ones written badly."""

from __future__ import annotations

import pytest

from skyslate.script.heading import day_or_night, parse_heading, split_scene_number


@pytest.mark.parametrize(
    ("text", "int_ext", "location", "time_of_day"),
    [
        ("INT. ISS - NAUKA - DAY", "INT", "ISS - NAUKA", "DAY"),
        ("EXT. STAR CITY - TRAINING POOL - DAWN", "EXT", "STAR CITY - TRAINING POOL", "DAWN"),
        ("int. kitchen - night", "INT", "kitchen", "night"),
        ("EST. BAIKONUR COSMODROME - NIGHT", "EST", "BAIKONUR COSMODROME", "NIGHT"),
        ("INT./EXT. CREW BUS - MOVING - DAY", "INT/EXT", "CREW BUS - MOVING", "DAY"),
        ("INT/EXT CREW BUS - DAY", "INT/EXT", "CREW BUS", "DAY"),
        ("I/E. CREW BUS - NIGHT", "INT/EXT", "CREW BUS", "NIGHT"),
        ("EXT./INT. HANGAR - DUSK", "INT/EXT", "HANGAR", "DUSK"),
        # Written badly, as scripts in the wild are (FIELD-NOTES §3.1):
        ("INT. SAN FRANCISCO APARTMENT, DAY", "INT", "SAN FRANCISCO APARTMENT", "DAY"),
        ("INT SCOTT'S APARTMENT", "INT", "SCOTT'S APARTMENT", None),
        ("EXT. LIBRARY--DAY", "EXT", "LIBRARY", "DAY"),
        ("EXT. LIBRARY -- NIGHT", "EXT", "LIBRARY", "NIGHT"),
        ("INT. HOUSE \u2013 DAY", "INT", "HOUSE", "DAY"),
        ("INT.  DOUBLE   SPACED -  DAY", "INT", "DOUBLE SPACED", "DAY"),
        ("INT. HOUSE, KITCHEN", "INT", "HOUSE, KITCHEN", None),
        ("INT. ISS - NAUKA", "INT", "ISS - NAUKA", None),
        ("INT. HOUSE - NIGHT (FLASHBACK)", "INT", "HOUSE", "NIGHT (FLASHBACK)"),
        ("INT. HOUSE - MOMENTS LATER", "INT", "HOUSE", "MOMENTS LATER"),
        ("EXT. STEPPE - 3 AM", "EXT", "STEPPE", "3 AM"),
        ("INT. HOUSE - 1987", "INT", "HOUSE - 1987", None),
        # A forced heading has no prefix at all.
        ("ORBIT - THE STATION - NIGHT", None, "ORBIT - THE STATION", "NIGHT"),
        ("INTERIOR DESIGN STUDIO - DAY", None, "INTERIOR DESIGN STUDIO", "DAY"),
    ],
)
def test_heading_parts(text, int_ext, location, time_of_day):
    heading = parse_heading(text)
    assert (heading.int_ext, heading.location, heading.time_of_day) == (
        int_ext,
        location,
        time_of_day,
    )


@pytest.mark.parametrize(
    ("line", "text", "number"),
    [
        ("INT. HOUSE - DAY #1#", "INT. HOUSE - DAY", "1"),
        ("INT. HOUSE - DAY #12A#", "INT. HOUSE - DAY", "12A"),
        ("INT. HOUSE - DAY #A12#", "INT. HOUSE - DAY", "A12"),
        ("INT. HOUSE - DAY #I-1-A#", "INT. HOUSE - DAY", "I-1-A"),
        ("INT. HOUSE - DAY #1.#", "INT. HOUSE - DAY", "1."),
        ("INT. HOUSE - DAY", "INT. HOUSE - DAY", None),
        ("INT. HOUSE #2# - DAY", "INT. HOUSE #2# - DAY", None),
    ],
)
def test_scene_numbers(line, text, number):
    # Examples from the Fountain 1.1 spec, "Scene Numbers" (fountain.io/syntax).
    assert split_scene_number(line) == (text, number)


@pytest.mark.parametrize(
    ("time_of_day", "previous", "expected"),
    [
        ("DAY", None, "DAY"),
        ("DAWN", "NIGHT", "DAY"),
        ("MORNING", None, "DAY"),
        ("AFTERNOON", None, "DAY"),
        ("NIGHT", None, "NIGHT"),
        ("DUSK", "DAY", "NIGHT"),
        ("EVENING", None, "NIGHT"),
        ("LATER THAT NIGHT", "DAY", "NIGHT"),
        ("CONTINUOUS", "NIGHT", "NIGHT"),
        ("CONTINUOUS", "DAY", "DAY"),
        ("LATER", "NIGHT", "NIGHT"),
        ("SAME", "DAY", "DAY"),
        ("MOMENTS LATER", "NIGHT", "NIGHT"),
        ("CONTINUOUS", None, None),
        (None, "DAY", None),
        ("3 AM", "DAY", None),
    ],
)
def test_day_or_night(time_of_day, previous, expected):
    assert day_or_night(time_of_day, previous) == expected
