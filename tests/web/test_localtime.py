"""Violation texts on the board give the same clock times as the strips (local, with the zone)."""

from __future__ import annotations

import copy

from skyslate.web.localtime import local_violation_times


def plan_with(violations: list[dict]) -> dict:
    """A plan json with one Moscow day (UTC+3) and one ISS day (UTC), as the solver writes it."""
    return {
        "locations": [
            {"name": "Moscow", "tz": "Europe/Moscow"},
            {"name": "ISS", "tz": "UTC"},
        ],
        "days": [
            {
                "date": "2021-09-14",
                "scenes": [
                    {
                        "number": "13",
                        "location": "Moscow",
                        "start": "2021-09-14T20:31:00+03:00",
                        "end": "2021-09-15T00:11:00+03:00",
                    },
                    {
                        "number": "26",
                        "location": "Moscow",
                        "start": "2021-09-15T00:30:00+03:00",
                        "end": "2021-09-15T01:30:00+03:00",
                    },
                ],
                "tasks": [
                    {
                        "kind": "lighting",
                        "person": "Klim",
                        "scene": "26",
                        "start": "2021-09-15T00:00:00+03:00",
                        "end": "2021-09-15T00:30:00+03:00",
                    }
                ],
            },
            {
                "date": "2021-10-09",
                "scenes": [
                    {
                        "number": "16",
                        "location": "ISS",
                        "start": "2021-10-09T20:12:00Z",
                        "end": "2021-10-09T20:32:00Z",
                    }
                ],
            },
        ],
        "violations": violations,
    }


def test_utc_times_of_a_scene_become_its_local_times():
    # 17:31 UTC is 20:31 in Moscow (UTC+3 all year since 2014, tz database Europe/Moscow).
    plan = plan_with(
        [
            {
                "scene": "13",
                "day": "2021-09-14",
                "text": "scene 13 at 17:31-21:11 on 2021-09-14 is outside its allowed windows "
                "(shooting hours)",
            },
            {
                "scene": "13",
                "day": "2021-09-14",
                "text": "cast 2 (Anton) is not available for scene 13 at 17:31-21:11 on 2021-09-14",
            },
            {
                "scene": "16",
                "day": "2021-10-09",
                "text": "scene 16 at 20:12-20:32 on 2021-10-09 is outside its allowed windows (umbra)",
            },
            {
                "scene": None,
                "day": None,
                "text": "Klim is booked twice at 21:00: scene 13 and lighting for scene 26",
            },
        ]
    )
    texts = [v["text"] for v in local_violation_times(plan)["violations"]]
    assert texts == [
        "scene 13 at 20:31-00:11 MSK on 2021-09-14 is outside its allowed windows (shooting hours)",
        "cast 2 (Anton) is not available for scene 13 at 20:31-00:11 MSK on 2021-09-14",
        "scene 16 at 20:12-20:32 UTC on 2021-10-09 is outside its allowed windows (umbra)",
        "Klim is booked twice at 00:00 MSK: scene 13 and lighting for scene 26",
    ]


def test_texts_already_local_or_not_provably_a_scene_time_are_left_alone():
    violations = [
        # already local, as the solver writes it now
        {
            "scene": "13",
            "day": "2021-09-14",
            "text": "scene 13 at 20:31-00:11 MSK on 2021-09-14 is outside its allowed windows",
        },
        # a time that is no start/end of scene 13 that day
        {"scene": "13", "day": "2021-09-14", "text": "scene 13 at 09:00-10:00 on 2021-09-14"},
        {
            "scene": None,
            "day": None,
            "text": "Klim is booked twice at 03:00: scene 13 and scene 26",
        },
        {"scene": None, "day": "2021-09-14", "text": "crew turnaround is 8.7 h; the rule is 10 h"},
    ]
    plan = plan_with(copy.deepcopy(violations))
    assert local_violation_times(plan)["violations"] == violations


def test_localising_twice_changes_nothing_more():
    plan = plan_with(
        [{"scene": "16", "day": "2021-10-09", "text": "scene 16 at 20:12-20:32 on 2021-10-09"}]
    )
    once = copy.deepcopy(local_violation_times(plan))
    assert local_violation_times(plan) == once
    assert once["violations"][0]["text"] == "scene 16 at 20:12-20:32 UTC on 2021-10-09"


def test_the_board_shows_violation_times_as_its_strips_do(scenario):
    client, project_id, board = scenario
    url = f"/api/projects/{project_id}/schedule?board={board}"
    current = client.get(url).json()
    # Scene 13 (3 h 40 min) last on a full Star City day runs past the shooting hours.
    saved = client.put(
        url, json={"revision": current["revision"], "days": [["7", "9", "8", "6", "5", "13"]]}
    ).json()
    strip = next(s for s in saved["days"][0]["scenes"] if s["number"] == "13")
    shown = f"{strip['start'][11:16]}-{strip['end'][11:16]}"  # local clock, as the strip shows
    texts = [v["text"] for v in saved["violations"] if v["scene"] == "13"]
    assert texts and all(f"at {shown} MSK" in text for text in texts), (shown, texts)
