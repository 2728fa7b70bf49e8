"""The JSON helpers the commands share: instants carry their offset, UTC as Z."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from skyslate.cli.output import iso


@pytest.mark.parametrize(
    "tz", [UTC, timezone(timedelta(0)), ZoneInfo("UTC"), ZoneInfo("Europe/London")]
)
def test_a_zero_offset_is_written_z_whatever_carries_it(tz):
    # Europe/London is at +00:00 in January
    assert iso(datetime(2022, 1, 5, 8, 55, 0, 123000, tzinfo=tz)) == "2022-01-05T08:55:00.123000Z"


def test_other_offsets_stay_and_naive_times_are_refused():
    moscow = timezone(timedelta(hours=3))
    assert iso(datetime(2021, 10, 5, 11, 55, tzinfo=moscow)) == "2021-10-05T11:55:00+03:00"
    assert iso(None) is None
    with pytest.raises(ValueError, match="naive"):
        iso(datetime(2021, 10, 5, 8, 55))
