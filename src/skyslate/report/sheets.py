"""The Day Out of Days as CSV and as an XLSX workbook with coloured codes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from skyslate.report.board import Board
from skyslate.report.render import dood_rows

# Fill colours of the XLSX cells (ARGB without alpha), the same families as the HTML DOOD.
CODE_FILLS = {
    "SW": "9AE39C",
    "SWF": "9AE39C",
    "WF": "9AE39C",
    "PW": "9AE39C",
    "PWF": "9AE39C",
    "W": "C9F0C9",
    "H": "FFE08A",
    "D": "F7B0B0",
}
OFF_FILL = "C8C8C8"
HOLIDAY_FILL = "F28B82"
STATUS_FILLS = {"off": OFF_FILL, "holiday": HOLIDAY_FILL, "hiatus": "EEEEEE"}
TOTALS = ["Work", "Hold", "Drop", "Pay days", "Cost"]


def _header(board: Board) -> list[str]:
    return ["Id", "Character", "Actor", *[d.isoformat() for d in board.calendar], *TOTALS]


def dood_csv(board: Board) -> str:
    """One row per cast member: id, character, actor, a code per calendar date, totals."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_header(board))
    writer.writerow(
        ["", "", "day", *[_day_label(board, d) for d in board.calendar], *[""] * len(TOTALS)]
    )
    for row in dood_rows(board):
        writer.writerow(_row_values(row))
    return out.getvalue()


def _row_values(row: dict) -> list:
    """One cast member's DOOD line: id, character, actor, a code per date, then the totals."""
    member = row["member"]
    return [member["id"], member["name"], member.get("actor", ""), *row["codes"]] + [
        row[total] for total in ("work", "hold", "drop", "pay", "cost")
    ]


def _day_label(board: Board, when) -> str:
    day = board.day_on(when)
    if day is not None:
        return f"D{day.number}"
    return board.status(when)


def write_dood_xlsx(board: Board, path: Path) -> None:
    """The DOOD workbook: a sheet with coloured codes, days off grey, holidays red, totals."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Day Out of Days"
    sheet.append([f"{board.title} — Day Out of Days"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(_header(board))
    sheet.append(["", "", "day", *[_day_label(board, d) for d in board.calendar]])
    bold = Font(bold=True)
    for cell in sheet[2] + sheet[3]:
        cell.font = bold
        cell.alignment = Alignment(horizontal="center")
    first_code_column = 4
    for k, when in enumerate(board.calendar):
        if when not in board.shoot_dates:
            fill = PatternFill("solid", fgColor=STATUS_FILLS[board.status(when)])
            sheet.cell(row=2, column=first_code_column + k).fill = fill
            sheet.cell(row=3, column=first_code_column + k).fill = fill
    for row in dood_rows(board):
        sheet.append(_row_values(row))
        r = sheet.max_row
        for k, code in enumerate(row["codes"]):
            cell = sheet.cell(row=r, column=first_code_column + k)
            cell.alignment = Alignment(horizontal="center")
            when = board.calendar[k]
            if code in CODE_FILLS:
                cell.fill = PatternFill("solid", fgColor=CODE_FILLS[code])
            elif when not in board.shoot_dates:
                cell.fill = PatternFill("solid", fgColor=STATUS_FILLS[board.status(when)])
        sheet.cell(
            row=r, column=first_code_column + len(board.calendar) + 4
        ).number_format = "#,##0"
    sheet.column_dimensions["B"].width = 16
    sheet.column_dimensions["C"].width = 18
    for k in range(len(board.calendar)):
        sheet.column_dimensions[get_column_letter(first_code_column + k)].width = 11
    sheet.freeze_panes = sheet.cell(row=4, column=first_code_column)
    book.save(path)
