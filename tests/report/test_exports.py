"""Files read back with the libraries users' tools use: icalendar, openpyxl, csv, pypdf."""

from __future__ import annotations

import csv
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader


def events(path) -> list:
    return [c for c in Calendar.from_ical(path.read_bytes()).walk("VEVENT")]


def test_schedule_ics_has_a_timed_event_per_scene_and_an_all_day_event_per_day(
    reports, plan, numbers
):
    found = events(reports / "schedule.ics")
    timed = [e for e in found if isinstance(e.decoded("dtstart"), datetime)]
    all_day = [e for e in found if not isinstance(e.decoded("dtstart"), datetime)]
    assert len(timed) == len(numbers) and len(all_day) == len(plan["days"])
    uids = [str(e["uid"]) for e in found]
    assert len(set(uids)) == len(uids)
    assert "scene-14@the-challenge.skyslate" in uids
    assert "shoot-day-2021-10-05@the-challenge.skyslate" in uids
    by_uid = {str(e["uid"]): e for e in timed}
    # scene 7 at Star City, 07:20 Moscow time, written with its zone (TZID=Europe/Moscow)
    start = by_uid["scene-7@the-challenge.skyslate"].decoded("dtstart")
    assert start == datetime(2021, 10, 11, 7, 20, tzinfo=ZoneInfo("Europe/Moscow"))
    assert by_uid["scene-7@the-challenge.skyslate"]["dtstart"].params["TZID"] == "Europe/Moscow"
    # aboard the station: UTC
    assert (
        by_uid["scene-14@the-challenge.skyslate"].decoded("dtstart").utcoffset().total_seconds()
        == 0
    )


def test_schedule_ics_carries_a_vtimezone_per_zone(reports):
    cal = Calendar.from_ical((reports / "schedule.ics").read_bytes())
    zones = {str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")}
    assert zones == {"Europe/Moscow", "Asia/Almaty"}


def test_uids_are_stable_when_the_schedule_changes(plan, breakdown):
    """Re-importing an edited schedule must update events, so a scene keeps its UID when it moves."""
    from skyslate.report.board import build_board
    from skyslate.report.calendars import schedule_ics

    def uids(ics: bytes) -> set[str]:
        return {str(e["uid"]) for e in Calendar.from_ical(ics).walk("VEVENT")}

    before = schedule_ics(build_board(plan, breakdown))
    plan["days"][0]["scenes"].reverse()  # shoot 15 before 14
    after = schedule_ics(build_board(plan, breakdown))
    assert uids(before) == uids(after) and before != after
    # the same schedule gives the same bytes (DTSTAMP is not the wall clock)
    assert schedule_ics(build_board(plan, breakdown)) == after


def test_one_calendar_per_cast_member_with_only_their_calls(reports):
    found = events(reports / "calendars" / "cast-04-matveev.ics")
    assert len(found) == 1  # single-day cast
    assert found[0].decoded("dtstart") == datetime(
        2021, 10, 12, 6, 30, tzinfo=ZoneInfo("Europe/Moscow")
    )  # his makeup call
    lead = events(reports / "calendars" / "cast-01-zhenya.ics")
    assert len(lead) == 8  # works 8 of the 9 days
    assert len({str(e["uid"]) for e in lead}) == 8


def test_one_calendar_per_person(reports):
    vera = events(reports / "calendars" / "person-vera-mordova.ics")
    assert len(vera) == 5  # the ground makeup artist works the 5 ground days
    assert "makeup" in str(vera[0]["description"])


def test_dood_xlsx_codes_and_colours(reports):
    sheet = load_workbook(reports / "dood.xlsx").active
    header = [c.value for c in sheet[2]]
    assert header[:4] == ["Id", "Character", "Actor", "2021-10-05"]
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=4)}
    kireev = [c.value or "" for c in rows[2][3:14]]
    assert kireev == ["SW", "H", "", "W", "D", "", "", "", "", "PW", "WF"]
    fills = {c.value: c.fill.fgColor.rgb for c in rows[2][3:14] if c.value}
    assert (
        fills["H"].endswith("FFE08A")
        and fills["D"].endswith("F7B0B0")
        and fills["SW"].endswith("9AE39C")
    )
    assert rows[2][5].fill.fgColor.rgb.endswith("C8C8C8")  # Thu 7 Oct: company day off
    assert [c.value for c in rows[2][14:]] == [4, 1, 1, 5, 6000]


def test_dood_csv_matches(reports):
    lines = list(csv.reader((reports / "dood.csv").read_text().splitlines()))
    assert lines[1][3:6] == ["D1", "D2", "off"]
    row = next(r for r in lines if r[0] == "3")
    assert row[3:14] == ["SW", "W", "", "H", "H", "", "H", "H", "H", "W", "WF"]


@pytest.mark.parametrize("name", ["stripboard", "one-liner", "callsheets"])
def test_pdfs_carry_every_scene_number(reports, numbers, name):
    text = "\n".join(page.extract_text() for page in PdfReader(reports / f"{name}.pdf").pages)
    tokens = set(text.replace(",", " ").split())
    missing = [n for n in numbers if n not in tokens and f"Sc. {n}" not in text]
    assert missing == []


def test_call_sheet_pdf_has_a_page_per_day(reports):
    pages = PdfReader(reports / "callsheets.pdf").pages
    assert len(pages) == 9
    assert "Day 3 of 9" in pages[2].extract_text()


def test_dood_and_breakdown_pdfs(reports, breakdown):
    dood = PdfReader(reports / "dood.pdf").pages[0].extract_text()
    assert "PW" in dood and "SWF" in dood
    text = "\n".join(p.extract_text() for p in PdfReader(reports / "breakdown-sheets.pdf").pages)
    assert all(f"Scene {s.number} " in text for s in breakdown.scenes)


def test_a_split_scene_keeps_one_uid_per_piece_and_its_pages_once(plan, breakdown):
    """Solver output (CHANGES.md, D2 15:25): later pieces repeat the number with "part" and 0 eighths."""
    from skyslate.report.board import build_board
    from skyslate.report.calendars import schedule_ics
    from skyslate.report.uss import export_uss

    day = plan["days"][2]
    piece = dict(
        day["scenes"][2],
        part=[2, 2],
        eighths=0,
        start="2021-10-08T11:20:00Z",
        end="2021-10-08T11:40:00Z",
    )
    day["scenes"][2]["part"] = [1, 2]
    day["scenes"].append(piece)
    board = build_board(plan, breakdown)
    assert board.days[2].pages == "2 2/8"  # unchanged by the second piece
    uids = [str(e["uid"]) for e in Calendar.from_ical(schedule_ics(board)).walk("VEVENT")]
    assert (
        "scene-22@the-challenge.skyslate" in uids
        and "scene-22-part-2@the-challenge.skyslate" in uids
    )
    assert len(uids) == len(set(uids))
    root = export_uss(board)["universalScheduleStandard"]
    ids = root["stripboards"][0]["boards"][0]["breakdownIds"]
    assert len(ids) == len(set(ids))
