"""write_reports: the files it writes, atomic replacement, errors a person can act on."""

from __future__ import annotations

import os
import sys

import pytest

from skyslate.errors import ReportError
from skyslate.report import write_reports

EXPECTED = {
    "index.html",
    "stripboard.html",
    "stripboard.pdf",
    "one-liner.html",
    "one-liner.pdf",
    "dood.html",
    "dood.pdf",
    "dood.csv",
    "dood.xlsx",
    "callsheets.html",
    "callsheets.pdf",
    "breakdown-sheets.html",
    "breakdown-sheets.pdf",
    "schedule.ics",
    "schedule.uss",
    "plots/timeline.png",
    "plots/cast-days.png",
    "plots/cost.png",
    *(f"callsheets/day-{n:02d}.html" for n in range(1, 10)),
    *(
        f"calendars/cast-{i:02d}-{n}.ics"
        for i, n in enumerate(["zhenya", "kireev", "gurin", "matveev", "sabirov", "orlov"], 1)
    ),
    "calendars/person-klara-shipova.ics",
    "calendars/person-oleg-dudin.ics",
    "calendars/person-vera-mordova.ics",
}


def listing(folder):
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def test_writes_every_document_and_nothing_else(reports):
    assert listing(reports) == EXPECTED


def test_a_failure_leaves_the_previous_reports_untouched(plan, breakdown, tmp_path, monkeypatch):
    written = write_reports(plan, breakdown, tmp_path, pdf=False)
    assert {str(p.relative_to(tmp_path)) for p in written} == {
        f for f in EXPECTED if not f.endswith(".pdf")
    }
    before = {name: (tmp_path / name).read_bytes() for name in listing(tmp_path)}
    from skyslate.report import sheets

    def broken(board, path):
        path.write_bytes(b"half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sheets, "write_dood_xlsx", broken)
    plan["days"][0]["scenes"].reverse()
    with pytest.raises(ReportError) as caught:
        write_reports(plan, breakdown, tmp_path, pdf=False)
    assert str(caught.value) == f"{tmp_path}: cannot write reports there: No space left on device"
    assert {name: (tmp_path / name).read_bytes() for name in listing(tmp_path)} == before
    assert [
        p.name for p in tmp_path.iterdir() if p.name.startswith(".")
    ] == []  # no staging left behind


def test_an_unwritable_folder_is_a_report_error(plan, breakdown, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ReportError) as caught:
        write_reports(plan, breakdown, blocker / "out", pdf=False)
    assert str(caught.value).startswith(f"{blocker / 'out'}: cannot write reports there: ")


def test_a_plan_of_another_version_writes_nothing(plan, breakdown, tmp_path):
    plan["version"] = 7
    with pytest.raises(ReportError, match="schedule format version 7"):
        write_reports(plan, breakdown, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_palette_is_configurable_and_the_breakdown_optional(plan, tmp_path):
    # without a breakdown, INT/EXT and DAY/NIGHT come from the plan's scene keys when present
    plan["days"][0]["scenes"][1].update(int_ext="INT", day_night="NIGHT")
    plan["days"][4]["scenes"][2].update(int_ext="EXT", day_night="NIGHT")
    palette = {"INT NIGHT": "#123456", "EXT NIGHT": "green"}
    written = write_reports(plan, None, tmp_path, pdf=False, palette=palette)
    assert tmp_path / "stripboard.html" in written
    html = (tmp_path / "stripboard.html").read_text()
    assert 'data-scene="15" data-kind="INT NIGHT" style="background: #123456"' in html
    assert 'data-scene="10" data-kind="EXT NIGHT" style="background: green"' in html
    assert (
        'data-scene="14" data-kind="INT DAY" style="background: #ffffff"' in html
    )  # nothing said: INT DAY


@pytest.mark.parametrize(
    ("palette", "message"),
    [
        ({"INT DUSK": "#fff"}, "unknown palette key 'INT DUSK'"),
        (
            {"INT DAY": "white; } body { x"},
            "palette colour for 'INT DAY' must be #rgb, #rrggbb or a CSS colour name",
        ),
    ],
)
def test_bad_palette(plan, breakdown, tmp_path, palette, message):
    with pytest.raises(ReportError, match=message):
        write_reports(plan, breakdown, tmp_path, pdf=False, palette=palette)


def test_dood_is_computed_when_the_plan_has_none(plan, breakdown):
    from skyslate.report.board import build_board
    from skyslate.report.sheets import dood_csv

    plan.pop("dood")
    assert "2,KIREEV,Pavel Kireev,SW,H,,W,D,,,,,PW,WF,4,1,1,5,6000.0" in dood_csv(
        build_board(plan, breakdown)
    )


def test_pdfs_printed_aside_by_a_child_process_or_here_when_it_cannot_start(tmp_path, monkeypatch):
    from pypdf import PdfReader

    from skyslate.report import pdf

    (tmp_path / "a.html").write_text("<p>Scene 42A</p>", encoding="utf-8")
    with pdf.PdfPrinter() as printer:
        printer.print_aside([(tmp_path / "a.html", tmp_path / "a.pdf")])
        assert printer._child.wait() == 0 and (tmp_path / "a.pdf").exists()  # the child printed it
        printer.finish()
    assert "Scene 42A" in PdfReader(tmp_path / "a.pdf").pages[0].extract_text()
    # a document already claimed is printed once: here the caller takes it before the child starts
    (tmp_path / "c.pdf.claim").touch()
    with pdf.PdfPrinter() as printer:
        printer.print_aside([(tmp_path / "a.html", tmp_path / "c.pdf")])
        printer.finish()  # the claim is "taken", the child skips it, so the fallback prints it
    assert (tmp_path / "c.pdf").exists()

    monkeypatch.setattr(pdf.sys, "executable", str(tmp_path / "no-python"))
    with pdf.PdfPrinter() as printer:
        printer.print_aside([(tmp_path / "a.html", tmp_path / "b.pdf")])
        assert printer._child is None
        printer.finish()
    assert "Scene 42A" in PdfReader(tmp_path / "b.pdf").pages[0].extract_text()


def test_sparse_plans_still_make_documents(plan, tmp_path):
    """Only the contract's required keys: no dood, locations, people, cost terms; unknown cast; no light."""
    for key in ("dood", "locations", "people", "lower_bound", "gap", "optimal"):
        plan.pop(key)
    plan["cost"] = {}
    plan["days"][0]["scenes"][0]["cast"] = [99]
    plan["days"][1]["light"] = {}
    write_reports(plan, None, tmp_path / "sparse", pdf=False)
    assert '<td class="mono">99</td>' in (tmp_path / "sparse" / "stripboard.html").read_text()
    plan["days"] = []
    written = write_reports(plan, None, tmp_path / "empty", pdf=False)
    assert (tmp_path / "empty" / "stripboard.html") in written


def test_a_second_process_only_for_several_days_with_a_core_to_spare(plan, monkeypatch):
    from skyslate.report import writer
    from skyslate.report.board import build_board

    monkeypatch.setattr(writer.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(writer, "idle_cores", lambda: 1.9)
    short = build_board(plan, None)
    short.days = short.days[:2]
    assert not writer.print_aside_pays(short)
    long = build_board(plan, None)
    assert len(long.days) == 9
    assert writer.print_aside_pays(long)
    monkeypatch.setattr(writer, "idle_cores", lambda: 0.8)  # another process holds a core
    assert not writer.print_aside_pays(long)
    monkeypatch.setattr(writer.os, "cpu_count", lambda: 1)
    monkeypatch.setattr(writer, "idle_cores", lambda: 1.0)
    assert not writer.print_aside_pays(long)
    # Without /proc/stat the load average stands in.
    monkeypatch.setattr(writer.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(writer, "idle_cores", lambda: None)
    monkeypatch.setattr(writer.os, "getloadavg", lambda: (0.3, 0.3, 0.3))
    assert writer.print_aside_pays(long)
    monkeypatch.setattr(writer.os, "getloadavg", lambda: (1.5, 1.0, 1.0))
    assert not writer.print_aside_pays(long)


def test_idle_cores_reads_a_plausible_figure():
    from skyslate.report.writer import idle_cores

    idle = idle_cores(0.05)
    if sys.platform.startswith("linux"):  # /proc/stat is there: between none and every core
        assert idle is not None
        assert 0.0 <= idle <= (os.cpu_count() or 1) + 1e-9
    else:
        assert idle is None
