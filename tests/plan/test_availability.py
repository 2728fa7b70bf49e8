"""Availability entries become UTC windows: whole local days, or the same hours every day."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from skyslate.plan.hours import availability_windows
from skyslate.plan.schema import Availability

ZONES = ["UTC", "Europe/Moscow", "Europe/Berlin", "America/New_York", "Asia/Almaty"]


def test_dates_are_whole_local_days():
    entry = Availability.model_validate({"from": date(2021, 9, 13), "to": date(2021, 9, 14)})
    windows = availability_windows(entry, ZoneInfo("Europe/Moscow"))
    assert [(w.start.isoformat(), w.end.isoformat()) for w in windows] == [
        ("2021-09-12T21:00:00+00:00", "2021-09-14T21:00:00+00:00")
    ]


def test_hours_past_midnight_and_a_dst_change():
    # Berlin leaves summer time at 03:00 on 2021-10-31: that night lasts an hour longer
    entry = Availability.model_validate(
        {"from": date(2021, 10, 30), "to": date(2021, 10, 31), "hours": "22:00-06:00"}
    )
    windows = availability_windows(entry, ZoneInfo("Europe/Berlin"))
    assert [(w.start.isoformat(), w.end.isoformat()) for w in windows] == [
        (
            "2021-10-29T22:00:00+00:00",
            "2021-10-30T04:00:00+00:00",
        ),  # the night before, from midnight
        ("2021-10-30T20:00:00+00:00", "2021-10-31T05:00:00+00:00"),  # 9 hours
        ("2021-10-31T21:00:00+00:00", "2021-10-31T23:00:00+00:00"),  # cut at the end of the 31st
    ]


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2022, 12, 31)),
    length=st.integers(0, 40),
    h1=st.integers(0, 23),
    h2=st.integers(0, 24),
    zone=st.sampled_from(ZONES),
)
def test_each_day_gets_its_hours_and_nothing_outside_the_span(start, length, h1, h2, zone):
    tz = ZoneInfo(zone)
    hours = f"{h1:02d}:00-{h2:02d}:00"
    end = start + timedelta(days=length)
    entry = Availability.model_validate({"from": start, "to": end, "hours": hours})
    windows = availability_windows(entry, tz)
    span_start = datetime.combine(start, time(0), tz)
    span_end = datetime.combine(end + timedelta(days=1), time(0), tz)
    pieces = list(windows)
    assert all(span_start <= w.start < w.end <= span_end for w in pieces)
    for w in pieces:
        local = w.start.astimezone(tz)
        # a piece starts at the hour given, or at local midnight where the span cuts it
        assert (local.hour, local.minute) in {(h1, 0), (0, 0)}
    if h2 > h1 or h2 == 24:
        # hours inside one day: one piece a day, each as long as asked (DST days differ by an hour)
        wanted = (h2 if h2 != 24 else 24) - h1
        if wanted < 24:
            assert len(pieces) == length + 1
            for w in pieces:
                assert abs(w.duration.total_seconds() / 3600 - wanted) <= 1
