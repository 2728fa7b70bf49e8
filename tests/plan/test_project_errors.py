"""Bad project files: exit 1 with `Error: skyslate.toml:LINE: ...`, exact words, the right line."""

from __future__ import annotations

import pytest
from tests.plan.conftest import line_of

# (what the demo file says, what the broken file says, fragment on the offending line, message)
CASES = [
    pytest.param(
        "rate_per_day = 600",
        "rate_per_dya = 600",
        "rate_per_dya",
        "unknown key 'rate_per_dya' in cast[2] (did you mean 'rate_per_day'?); valid keys: id, "
        "characters, actor, rate_per_day, available, hold_allowed, drop_allowed, drop_min_gap_days",
        id="unknown-key",
    ),
    pytest.param(
        "[needs]",
        "[need]",
        "[need]",
        "unknown key 'need' at the top level (did you mean 'needs'?); valid keys: production, "
        "calendar, hours, rates, rules, needs, cast, people, locations, tasks, moves, scenes",
        id="unknown-table",
    ),
    pytest.param(
        'characters = ["MATVEEV"]',
        'characters = ["MATVEYEV"]',
        "MATVEYEV",
        "character 'MATVEYEV' is not in the script (did you mean 'MATVEEV'?); script characters: "
        "MATVEEV, ORLOV, SABIROV, ZHENYA, NURSE, GURIN, MASHA, KARPOVA, KIREEV, RESCUER",
        id="cast-not-in-script",
    ),
    pytest.param(
        "[scenes.16]",
        "[scenes.61]",
        "[scenes.61]",
        "scene 61 is not in the script (did you mean '6'?); scenes run 1 to 26",
        id="unknown-scene",
    ),
    pytest.param(
        'COURTYARD"], needs = "golden_hour"',
        'COURTYARD"], needs = "sunlit"',
        'COURTYARD"], needs = "sunlit"',
        "scene 5 at Moscow: 'sunlit' is an orbit need and Moscow is a ground site; "
        "ground needs are day, night, golden_hour, blue_hour, civil_twilight",
        id="orbit-need-on-ground",
    ),
    pytest.param(
        'needs = "umbra"',
        'needs = "umbrella"',
        "umbrella",
        "scene 16 at ISS: unknown need 'umbrella'; orbit needs are sunlit, umbra, penumbra, "
        "ground_day, ground_night, contact:STATION, over:REGION",
        id="unknown-need",
    ),
    pytest.param(
        'needs = "contact:MOSCOW"',
        'needs = "contact:KOROLYOV"',
        "KOROLYOV",
        "scene 17 at ISS: 'contact:KOROLYOV' names no ground station of ISS (stations: MOSCOW)",
        id="unknown-station",
    ),
    pytest.param(
        "last_day = 2021-10-17",
        "last_day = 2021-09-01",
        "last_day",
        "calendar.last_day: 2021-09-01 is before first_day (2021-09-13)",
        id="calendar-out-of-order",
    ),
    pytest.param(
        "{ from = 2021-09-13, to = 2021-09-25 },\n  { from = 2021-10-05T12:22:00Z",
        "{ from = 2021-09-13, to = 2021-09-03 },\n  { from = 2021-10-05T12:22:00Z",
        "to = 2021-09-03",
        "cast[1].available[1].to: 2021-09-03 is before 'from' (2021-09-13)",
        id="availability-out-of-order",
    ),
    pytest.param(
        "rate_per_day = 2500",
        'rate_per_day = "lots"',
        '"lots"',
        "cast[1].rate_per_day: expected a number, got 'lots'",
        id="wrong-type",
    ),
    pytest.param(
        'tz = "Asia/Almaty"\nhours',
        'tz = "Asia/Almati"\nhours',
        "Asia/Almati",
        "unknown time zone 'Asia/Almati' (did you mean 'Asia/Almaty'?); "
        "give an IANA zone such as Europe/Moscow or UTC",
        id="unknown-zone",
    ),
    pytest.param(
        'tz = "Asia/Almaty"\nhours',
        'tz = ""\nhours',
        'tz = ""',
        "unknown time zone ''; give an IANA zone such as Europe/Moscow or UTC",
        id="empty-zone",
    ),
    pytest.param(
        'not_on_set = ["SABIROV"]',
        'not_on_set = ["SABIRO"]',
        '"SABIRO"',
        "scene 2: 'SABIRO' is no cast member's character (did you mean 'SABIROV'?)",
        id="unknown-character-in-override",
    ),
    pytest.param(
        'roles = ["director", "camera", "lighting", "sound", "makeup"]',
        'roles = ["director", "camera", "lighting", "makeup"]',
        "roles_on_set",
        "nobody has the role 'sound' needed on set (rules.roles_on_set); "
        "roles held: camera, director, lighting, makeup",
        id="role-nobody-holds",
    ),
    pytest.param(
        'between = ["Moscow", "Baikonur"]',
        'between = ["Moscow", "Baikonour"]',
        "Baikonour",
        "no location named 'Baikonour' (did you mean 'Baikonur'?); "
        "locations: ISS, Moscow, Star City, Baikonur, Kazakh steppe",
        id="move-to-an-unknown-location",
    ),
    pytest.param(
        "id = 2\n",
        "id = = 2\n",
        "id = = 2",
        "not valid TOML: Invalid value",
        id="not-toml",
    ),
    pytest.param(
        "rate_per_day = 2500",
        "rate_per_day = inf",
        "rate_per_day = inf",
        "cast[1].rate_per_day: expected a finite number, got inf",
        id="infinite-rate",
    ),
    pytest.param(
        "minutes = 15",
        "minutes = true",
        "minutes = true",
        "tasks[1].minutes: expected a whole number, got true",
        id="boolean-is-no-number",
    ),
    pytest.param(
        "rate_per_day = 2500",
        "rate_per_day = 1e12",
        "rate_per_day = 1e12",
        "cast[1].rate_per_day: must be at most 1000000000, got 1000000000000.0",
        id="rate-beyond-any-budget",
    ),
    pytest.param(
        'between = ["Moscow", "Star City"]',
        'between = ["Moscow", "Moscow"]',
        'between = ["Moscow", "Moscow"]',
        "moves[1].between: a move is between two different locations, got 'Moscow' twice",
        id="move-to-itself",
    ),
    pytest.param(
        'between = ["Moscow", "Star City"]',
        'between = ["Moscow", "Star City", "ISS"]',
        'between = ["Moscow", "Star City", "ISS"]',
        "moves[1].between: must have at most 2 entries, got 3",
        id="move-between-three",
    ),
    pytest.param(
        '[scenes.19]\nnot_on_set = ["GURIN"]',
        '[scenes.19]\nnot_on_set = ["GURIN"]\nafter = ["20"]',
        'after = ["20"]',
        "scene 19 must follow scene 20, which must follow scene 19: "
        "'after' rules cannot go round in a circle",
        id="after-in-a-circle",
    ),
    pytest.param(
        'script = "the-challenge.fountain"',
        'script = "the-challange.fountain"',
        "the-challange",
        "script file 'the-challange.fountain' not found (looked for {folder}/the-challange.fountain)",
        id="script-not-found",
    ),
    pytest.param(
        'script = "the-challenge.fountain"',
        'script = "."',
        'script = "."',
        "script '.' is a folder, not a screenplay file",
        id="script-is-a-folder",
    ),
    pytest.param(
        'hours = "05:00-10:00"',
        'hours = "dawn"',
        'hours = "dawn"',
        "scenes.12.hours: expected hours like '07:00-19:00', got 'dawn'",
        id="scene-hours",
    ),
    pytest.param(
        "switch_times = [2021-10-12T07:05:00Z]",
        "switch_times = [2021-10-12T07:05:00Z, 2021-10-08T07:05:00Z]",
        "switch_times",
        "locations[1].switch_times: switch times go in order: 2021-10-08T07:05:00+00:00 comes "
        "after 2021-10-12T07:05:00+00:00",
        id="switch-times-out-of-order",
    ),
    pytest.param(
        "holidays = [2021-09-19]",
        "holidays = [2021-09-19, 2012-09-20]",
        "holidays",
        "holiday 2012-09-20 is outside the calendar (2021-09-13 to 2021-10-17)",
        id="holiday-outside-the-calendar",
    ),
    pytest.param(
        "switch_times = [2021-10-12T07:05:00Z]",
        "switch_times = [2021-11-12T07:05:00Z]",
        "switch_times",
        "switch time 2021-11-12T07:05:00+00:00 is not between two element-set epochs "
        "(2021-10-04T20:40:47.734176+00:00 .. 2021-10-17T13:28:22.108800+00:00)",
        id="switch-time-outside-epochs",
    ),
]


@pytest.mark.parametrize(("old", "new", "fragment", "message"), CASES)
def test_bad_project_file_names_the_line_and_what_is_valid(
    run_cli, demo_copy, old, new, fragment, message
):
    folder, text = demo_copy
    assert old in text
    broken = text.replace(old, new, 1)
    (folder / "skyslate.toml").write_text(broken, encoding="utf-8")
    code, out, err = run_cli("plan", folder, "--format", "json")
    assert (code, out) == (1, "")
    message = message.format(folder=folder)
    assert err == f"Error: {folder / 'skyslate.toml'}:{line_of(broken, fragment)}: {message}\n"


def test_missing_element_set_file(run_cli, demo_copy):
    folder, text = demo_copy
    (folder / "iss-2021-10.tle").unlink()
    code, _out, err = run_cli("plan", folder)
    line = line_of(text, "element_sets =")
    assert code == 1
    assert err == (
        f"Error: {folder / 'skyslate.toml'}:{line}: element-set file 'iss-2021-10.tle' not found "
        f"(looked for {folder / 'iss-2021-10.tle'})\n"
    )


def test_a_script_location_no_set_names(run_cli, demo_copy):
    folder, text = demo_copy
    broken = text.replace('script = ["KAZAKH STEPPE - LANDING SITE"]', 'script = ["THE STEPPE"]')
    (folder / "skyslate.toml").write_text(broken, encoding="utf-8")
    code, _out, err = run_cli("plan", folder)
    assert code == 1
    assert err.startswith(
        f"Error: {folder / 'skyslate.toml'}:{line_of(broken, '[[locations]]')}: scene 25 "
        "(EXT. KAZAKH STEPPE - LANDING SITE - DAWN) is set in 'KAZAKH STEPPE - LANDING SITE', "
        "which no location's sets name"
    )


def test_no_project_file_here(run_cli, tmp_path):
    code, _out, err = run_cli("plan", tmp_path / "nothing")
    assert code == 1
    assert err == (
        f"Error: {tmp_path / 'nothing'}: no project file here; "
        "give a folder holding skyslate.toml or the file itself\n"
    )


def test_an_impossible_scene_is_explained_in_words(run_cli, demo_copy):
    folder, text = demo_copy
    broken = text.replace(
        "[scenes.10]  # dusk in Gagarin Alley: one golden hour\nduration_minutes = 45",
        "[scenes.10]  # dusk in Gagarin Alley: one golden hour\nduration_minutes = 80",
    )
    (folder / "skyslate.toml").write_text(broken, encoding="utf-8")
    code, out, err = run_cli("plan", folder, "--format", "json")
    assert (code, out) == (1, "")
    # at the line of the scene's own override: that is what to change
    line = line_of(broken, "[scenes.10]")
    assert err == (
        f"Error: {folder / 'skyslate.toml'}:{line}: 1 scene(s) can never be scheduled\n"
        "  - scene 10 needs golden hour at Star City for 80 min; the longest golden_hour window "
        "on 2021-09-13..2021-10-17 is 71 min\n"
    )


def test_baseline_needs_freeze_through(run_cli, demo_copy):
    folder, _text = demo_copy
    code, _out, err = run_cli("plan", folder, "--baseline", folder / "skyslate.toml")
    assert code == 2
    assert "--baseline and --freeze-through go together" in err


def test_an_impossible_scene_without_override_names_its_location(run_cli, demo_copy):
    folder, text = demo_copy
    broken = text.replace(
        'COURTYARD"], needs = "golden_hour"', 'COURTYARD"], needs = "golden_hour and night"'
    )
    (folder / "skyslate.toml").write_text(broken, encoding="utf-8")
    code, out, err = run_cli("plan", folder, "--format", "json")
    assert (code, out) == (1, "")
    # scene 5 has no [scenes.5]: the line is that of its location's [[locations]] table
    line = line_of(broken, 'name = "Moscow"') - 1
    assert err == (
        f"Error: {folder / 'skyslate.toml'}:{line}: 1 scene(s) can never be scheduled\n"
        "  - scene 5 needs golden hour at Moscow and night at Moscow for 60 min; the longest "
        "golden_hour and night window on 2021-09-13..2021-10-17 is 22 min\n"
    )
