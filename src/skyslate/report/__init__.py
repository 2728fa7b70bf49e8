"""Reports a production runs on: stripboard, one-liner, DOOD, call sheets, calendars, plots, USS.

`write_reports(plan, breakdown, out_dir)` reads only the plan json dict of
PLAN-CONTRACT (what `skyslate plan` writes as schedule.json) and the Breakdown.
"""

from __future__ import annotations

from skyslate.report.plan_json import PLAN_VERSION, check_plan, read_plan
from skyslate.report.writer import write_reports

__all__ = ["PLAN_VERSION", "check_plan", "read_plan", "write_reports"]
