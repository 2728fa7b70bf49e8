"""The HTML documents read back with an HTML parser: strips, colours, banners, tables."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from skyslate.report.board import DEFAULT_PALETTE


class Rows(HTMLParser):
    """Collect <tr> rows: their attributes and their text."""

    def __init__(self):
        super().__init__()
        self.rows: list[dict] = []
        self._row: dict | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._row = {"attrs": dict(attrs), "text": "", "cells": []}
            self.rows.append(self._row)
        elif tag in ("td", "th") and self._row is not None:
            self._row["cells"].append("")
        elif tag == "br" and self._row is not None and self._row["cells"]:
            self._row["cells"][-1] += " "

    def handle_endtag(self, tag):
        if tag == "tr":
            self._row = None

    def handle_data(self, data):
        if self._row is not None:
            self._row["text"] += data
            if self._row["cells"]:
                self._row["cells"][-1] += data


def rows_of(path) -> list[dict]:
    parser = Rows()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.rows


def background(row: dict) -> str:
    return re.search(r"background:\s*([^;\"]+)", row["attrs"].get("style", "")).group(1).strip()


EXPECTED_KIND = {  # from breakdown-challenge.json (INT/EXT x DAY/NIGHT as the script says)
    "14": "INT DAY",
    "15": "INT NIGHT",
    "16": "INT NIGHT",
    "10": "EXT NIGHT",
    "5": "EXT DAY",
    "12": "EXT DAY",
    "25": "EXT DAY",
}


def test_strip_order_and_colours_match_the_schedule(reports, numbers):
    rows = rows_of(reports / "stripboard.html")
    strips = [
        r
        for r in rows
        if "strip" in r["attrs"].get("class", "") and "boneyard" not in r["attrs"]["class"]
    ]
    assert [r["attrs"]["data-scene"] for r in strips] == numbers
    for row in strips:
        kind = row["attrs"]["data-kind"]
        assert background(row) == DEFAULT_PALETTE[kind]
        if row["attrs"]["data-scene"] in EXPECTED_KIND:
            assert kind == EXPECTED_KIND[row["attrs"]["data-scene"]]


def test_day_breaks_banners_and_boneyard(reports, plan):
    rows = rows_of(reports / "stripboard.html")
    breaks = [r for r in rows if r["attrs"].get("class") == "daybreak"]
    assert len(breaks) == len(plan["days"])
    assert all(background(r) == "#000000" for r in breaks)
    first = " ".join(breaks[0]["text"].split())
    assert first.startswith("End of Day 1 — Tuesday 5 October 2021 — 2 4/8 pages")
    assert "Sunlit: 08:14–09:12" in first  # ISS sunlit windows in UTC
    ground = " ".join(breaks[4]["text"].split())
    assert "Star City (Europe/Moscow)" in ground and "Sunrise / sunset: 06:51 / 17:37" in ground
    banners = [" ".join(r["text"].split()) for r in rows if "banner" in r["attrs"].get("class", "")]
    assert banners == [
        "DAY OFF — Thursday 7 October 2021",
        "END OF WEEK 1",  # weeks run Sunday to Saturday (MMS)
        "DAY OFF — Sunday 10 October 2021",
        "COMPANY MOVE — ISS → Star City",
        "COMPANY MOVE — Star City → Moscow",
        "COMPANY MOVE — Moscow → Baikonur",
        "COMPANY MOVE — Baikonur → Kazakh Steppe",
    ]
    boneyard = [r["attrs"]["data-scene"] for r in rows if "boneyard" in r["attrs"].get("class", "")]
    assert boneyard == ["1", "27"]


def test_one_liner_has_every_scene_and_day_totals(reports, numbers):
    rows = rows_of(reports / "one-liner.html")
    assert [r["attrs"]["data-scene"] for r in rows if "data-scene" in r["attrs"]] == numbers
    ends = [" ".join(r["text"].split()) for r in rows if r["attrs"].get("class") == "endofday"]
    assert "End of Day 9 — Friday 15 October 2021 — 2 3/8 pages · 2 scenes · Baikonur" in ends[-1]


def test_dood_table_codes(reports, plan):
    rows = rows_of(reports / "dood.html")
    by_cast = {
        r["attrs"]["data-cast"]: [c.strip() for c in r["cells"]]
        for r in rows
        if "data-cast" in r["attrs"]
    }
    # name, a code per calendar date (5..15 Oct), then work, hold, drop, pay days, cost
    assert by_cast["2"][1:12] == ["SW", "H", "", "W", "D", "", "", "", "", "PW", "WF"]
    assert by_cast["2"][12:] == ["4", "1", "1", "5", "6,000"]
    assert by_cast["3"][1:12] == ["SW", "W", "", "H", "H", "", "H", "H", "H", "W", "WF"]
    assert by_cast["4"][1:12] == ["", "", "", "", "", "", "", "SWF", "", "", ""]


def test_call_sheet_has_the_fields_a_crew_reads(reports):
    text = " ".join(
        re.sub(r"<[^>]+>", " ", (reports / "callsheets" / "day-05.html").read_text()).split()
    )
    for expected in [
        "Day 5 of 9",
        "Monday 11 October 2021",
        "General call 06:30",
        "Star City",
        "55.8783° N, 38.1123° E",
        "Sunrise / sunset 06:51 / 17:37",
        "Golden hour 06:28–07:42 · 16:47–18:00",
        "ZHENYA Anna Lebedeva W",
        "by Vera Mordova",
        "Klara Shipova director, camera, lighting, sound, makeup",
        "On hold today: 3 GURIN",  # 2 KIREEV is dropped (D on 9 Oct), not held
        "Advance schedule — Day 6, Tuesday 12 October 2021, Moscow",
    ]:
        assert expected in text, expected


def test_orbit_call_sheet_shows_sunlit_umbra_and_contacts(reports):
    text = " ".join(
        re.sub(r"<[^>]+>", " ", (reports / "callsheets" / "day-02.html").read_text()).split()
    )
    assert "Orbit light and contacts at ISS (UTC)" in text
    assert "Contact MOSCOW" in text and "Umbra" in text
    assert "orbit (element sets: iss-2021-10.tle)" in text


def test_breakdown_sheets_list_elements_by_category(reports, breakdown):
    html = (reports / "breakdown-sheets.html").read_text()
    assert html.count('class="bsheet"') == len(breakdown.scenes)
    sheet = html.split('data-scene="12"')[1].split('class="bsheet"')[0]
    assert "Vehicles" in sheet and "Soyuz-2.1a on the pad" in sheet and "Day 8" in sheet


def test_plots_are_embedded_pngs(reports):
    html = (reports / "index.html").read_text()
    assert html.count('src="data:image/png;base64,') == 3
    for name in ("timeline", "cast-days", "cost"):
        assert (reports / "plots" / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_consecutive_days_off_make_one_banner(plan, breakdown, tmp_path):
    from skyslate.report import render
    from skyslate.report.board import build_board

    plan["days"] = [d for d in plan["days"] if d["date"] != "2021-10-08"]  # off Thu 7 and Fri 8
    plan["holidays"] = ["2021-10-10"]
    plan.pop("dood")
    board = build_board(plan, breakdown)
    env = render.environment()
    (tmp_path / "stripboard.html").write_text(render.render_stripboard(env, board, {}))
    (tmp_path / "dood.html").write_text(render.render_dood(env, board, {}))
    banners = [
        " ".join(r["text"].split())
        for r in rows_of(tmp_path / "stripboard.html")
        if "off" in r["attrs"].get("class", "")
    ]
    assert banners == [
        "DAYS OFF — Thursday 7 – Friday 8 October 2021 (2 days)",
        "HOLIDAY — Sunday 10 October 2021",
    ]
    header = [c.split() for c in rows_of(tmp_path / "dood.html")[0]["cells"]]
    assert header[3] == ["07", "Oct", "–08", "Oct", "off"]  # one grey column for the two days
    assert header[5] == ["Sun", "10", "Oct", "hol"]


def test_hiatus_days_show_as_no_shooting_with_holds(plan, breakdown, tmp_path):
    from skyslate.report import render
    from skyslate.report.board import build_board

    plan.pop("dood")
    plan["days_off"] = ["2021-10-07"]
    board = build_board(plan, breakdown)
    env = render.environment()
    (tmp_path / "stripboard.html").write_text(render.render_stripboard(env, board, {}))
    (tmp_path / "dood.html").write_text(render.render_dood(env, board, {}))
    banners = [
        " ".join(r["text"].split())
        for r in rows_of(tmp_path / "stripboard.html")
        if "off" in r["attrs"].get("class", "")
    ]
    assert banners == [
        "DAY OFF — Thursday 7 October 2021",
        "NO SHOOTING, CAST HELD — Sunday 10 October 2021",
    ]
    gurin = next(r for r in rows_of(tmp_path / "dood.html") if r["attrs"].get("data-cast") == "3")
    assert [c.strip() for c in gurin["cells"][1:12]] == [
        "SW",
        "W",
        "",
        "H",
        "H",
        "H",
        "H",
        "H",
        "H",
        "W",
        "WF",
    ]


def test_a_day_across_two_zones_names_the_other_zone_everywhere(plan, breakdown, tmp_path):
    """Day 8 starts at Baikonur (UTC+6) and ends in Moscow (MSK, UTC+3) after a flight.

    Every time on the call sheet is the clock where it happens; a time in a zone other
    than the day's names it, so Moscow's makeup (11:30 MSK = 08:30Z) sits next to its scene
    (12:00 MSK) instead of reading 14:30 Almaty time, and the wrap is 13:00 MSK.
    """
    from skyslate.report import render
    from skyslate.report.board import build_board

    day = plan["days"][7]
    scene = day["scenes"][1]  # sc. 9, now shot in Moscow at 12:00-13:00 MSK
    scene.update(location="Moscow", start="2021-10-14T09:00:00Z", end="2021-10-14T10:00:00Z")
    day["tasks"].append(
        {
            "kind": "makeup",
            "person": "Tatiana Lebedeva",
            "scene": "9",
            "cast": 1,
            "start": "2021-10-14T08:30:00Z",
            "end": "2021-10-14T08:45:00Z",
        }
    )
    board = build_board(plan, breakdown)
    path = tmp_path / "day.html"
    path.write_text(render.render_callsheets(render.environment(), board, [board.days[7]]))
    rows = rows_of(path)
    scenes = {r["attrs"]["data-scene"]: r["cells"] for r in rows if "data-scene" in r["attrs"]}
    assert scenes["12"][0] == "07:44–08:24"  # the day's own zone (Asia/Almaty) goes unnamed
    assert scenes["9"][0] == "12:00–13:00 MSK"
    tasks = [r["cells"] for r in rows if r["cells"][1:2] == ["makeup"]]
    assert ["11:30–11:45 MSK", "makeup", "Tatiana Lebedeva", "sc. 9 · cast 1"] in tasks
    text = path.read_text()
    assert "Estimated wrap<b>13:00 MSK</b>" in text
    stripboard = render.render_stripboard(render.environment(), board, {})
    assert "12:00–13:00 MSK" in stripboard and "07:44–08:24<" in stripboard


def test_a_run_of_hiatus_days_is_one_column_that_counts_its_holds(plan, breakdown, tmp_path):
    """7-10 October without shooting and no company day off: one "hiatus" column, "H ×4".

    Hand-worked: ZHENYA (1) works 5, 6 and 11 October, so she is held on 7, 8, 9, 10.
    """
    from skyslate.report import render
    from skyslate.report.board import build_board

    plan.pop("dood")
    plan["days_off"] = []
    plan["days"] = [d for d in plan["days"] if d["date"] not in ("2021-10-08", "2021-10-09")]
    board = build_board(plan, breakdown)
    (tmp_path / "dood.html").write_text(
        render.render_dood(render.environment(), board, {}), encoding="utf-8"
    )
    rows = rows_of(tmp_path / "dood.html")
    header = [c.split() for c in rows[0]["cells"]]
    assert header[3] == ["07", "Oct", "–10", "Oct", "hiatus"]
    zhenya = next(r for r in rows if r["attrs"].get("data-cast") == "1")
    assert [c.strip() for c in zhenya["cells"][1:5]] == ["SW", "W", "H ×4", "W"]
    assert "code-H" in (tmp_path / "dood.html").read_text().split("H ×4")[0].rsplit("<td", 1)[1]


def test_a_long_dood_gets_a_page_wide_enough_for_its_totals(plan, breakdown):
    """weasyprint clips a table wider than the page: the 35-day synthetic feature lost its
    Drop, Pay days and Cost columns on A4. Widths by hand: 20 + 30 + 6.8 n + 50 mm."""
    from skyslate.report import render
    from skyslate.report.board import build_board

    assert render.dood_page_size(10) == "A4 landscape"  # 168 mm
    assert render.dood_page_size(25) == "A4 landscape"  # 270 mm
    assert render.dood_page_size(34) == "A3 landscape"  # 331.2 mm
    assert render.dood_page_size(60) == "508mm 297mm"
    board = build_board(plan, breakdown)
    assert "@page { size: A4 landscape; }" in render.render_dood(render.environment(), board, {})
