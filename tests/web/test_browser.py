"""End to end in a real browser: Playwright drives Debian's chromium against a live server."""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "skyslate" / "examples" / "the-challenge"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason=f"needs Debian's chromium at {CHROMIUM} (apt-get install chromium)",
    ),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """uvicorn on 127.0.0.1 in a background thread, over a fresh SQLite file."""
    import uvicorn

    from skyslate.web.app import create_app

    folder = tmp_path_factory.mktemp("browser")
    port = free_port()
    config = uvicorn.Config(
        create_app(f"sqlite:///{folder / 'e2e.db'}"),
        host="127.0.0.1",
        port=port,
        log_level="warning",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield launched
        launched.close()


def strip_day(page, number: str) -> str:
    """The data-day of the section holding scene `number`'s strip."""
    return page.locator(f'li.strip[data-scene="{number}"]').evaluate(
        "s => s.closest('section').dataset.day"
    )


def test_create_optimise_drag_reload_and_conflict(server, browser, tmp_path):
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + "/")
    expect(page.get_by_role("heading", name="Projects")).to_be_visible()
    page.set_input_files("#script", str(EXAMPLE / "the-challenge.fountain"))
    page.set_input_files("#settings-file", str(EXAMPLE / "skyslate.toml"))
    page.set_input_files("#extra-files", str(EXAMPLE / "iss-2021-10.tle"))
    page.click("#create")
    page.wait_for_url(re.compile(r"/projects/\d+$"))
    expect(page.get_by_role("heading", name="The Challenge")).to_be_visible()

    # Optimise from the board; the page stays usable while the job runs.
    page.click("text=Stripboard")
    expect(page.locator("#board")).to_contain_text("No schedule on this board yet")
    page.fill("#time-limit", "2")
    page.click("#optimise-start")
    expect(page.locator("#optimise-cancel")).to_be_visible(timeout=20_000)
    expect(page.locator("#optimise-status")).to_have_attribute("data-state", "done", timeout=60_000)
    expect(page.locator("#revision")).to_have_text("1")
    expect(page.locator("section.day li.strip").first).to_be_visible()
    # Colours follow D/N; the script's own word stays beside it (sc. 10 is "- DUSK").
    expect(page.locator('li.strip[data-scene="10"] .dn')).to_have_text("N dusk")
    expect(page.locator('li.strip[data-scene="10"]')).to_have_class(re.compile("ext-night"))
    cost_before = page.locator("#cost-total").inner_text()

    # Drag a strip to another day, chosen so that the number of shoot days changes whatever
    # plan the time-limited optimiser found: the days term of the cost must move.
    days = page.locator("section.day:not(.boneyard)")
    counts = [days.nth(i).locator("li.strip").count() for i in range(days.count())]
    busy = [i for i, n in enumerate(counts) if n]
    alone = [i for i in busy if counts[i] == 1]
    if alone:  # the only strip of its day joins the nearest other busy day: one day fewer
        source_day = alone[0]
        target_day = min((i for i in busy if i != source_day), key=lambda i: abs(i - source_day))
        target = days.nth(target_day).locator("li.strip").last
    else:  # a strip of a full day goes to the nearest free date: one day more
        source_day = busy[0]
        target_day = min((i for i, n in enumerate(counts) if not n), key=lambda i: abs(i - busy[0]))
        target = days.nth(target_day).locator("ol.strips")
    moved = days.nth(source_day).locator("li.strip").first.get_attribute("data-scene")
    days_term_before = page.locator("#cost-terms").inner_text().split("days ")[-1]
    page.locator(f'li.strip[data-scene="{moved}"]').drag_to(target)
    expect(page.locator("#revision")).to_have_text("2")
    expect(page.locator("#save-status")).to_contain_text("Saved as revision 2")
    assert strip_day(page, moved) == str(target_day)
    assert page.locator("#cost-terms").inner_text().split("days ")[-1] != days_term_before
    cost_after = page.locator("#cost-total").inner_text()
    assert cost_after != cost_before
    # Each broken constraint of the saved order is written on its own strip.
    saved = page.request.get(
        page.url.split("/projects/")[0]
        + "/api/projects/"
        + page.url.split("/projects/")[1].split("/")[0]
        + "/schedule"
    ).json()
    for violation in saved["violations"]:
        if violation["scene"] is not None:
            on_strip = page.locator(f'li.strip.broken[data-scene="{violation["scene"]}"] .problem')
            expect(on_strip).to_contain_text(violation["text"])
    page.screenshot(path=str(tmp_path / "stripboard.png"), full_page=True)
    if os.environ.get("SKYSLATE_SCREENSHOTS"):
        shutil.copy(tmp_path / "stripboard.png", os.environ["SKYSLATE_SCREENSHOTS"])

    # Reload: the move was kept.
    page.reload()
    expect(page.locator("#revision")).to_have_text("2")
    assert strip_day(page, moved) == str(target_day)
    expect(page.locator("#cost-total")).to_have_text(cost_after)

    # A second tab saves first; the first tab's next save is stale and says so.
    other = context.new_page()
    other.goto(page.url)
    expect(other.locator("#revision")).to_have_text("2")
    # Moves after the first use the keyboard: synthetic drags to far-off strips are unreliable.
    other.locator(f'li.strip[data-scene="{moved}"]').focus()
    other.keyboard.press("Alt+ArrowDown")
    expect(other.locator("#revision")).to_have_text("3")

    # The stale edit is made on the last strip of the board, scrolled far from the cost bar.
    page.locator("section.day:not(.boneyard) li.strip").last.focus()
    page.keyboard.press("Alt+ArrowDown")  # always possible: two free dates follow the last day
    expect(page.locator("#conflict")).to_be_visible()
    expect(page.locator("#conflict")).to_be_in_viewport()  # sticky: seen however far down
    expect(page.locator("#conflict")).to_contain_text("changed elsewhere")
    expect(page.locator("#conflict-revision")).to_have_text("3")
    expect(page.locator("#revision")).to_have_text("2")  # nothing was overwritten
    page.click("#conflict-reload")
    expect(page.locator("#revision")).to_have_text("3")
    expect(page.locator("#conflict")).to_be_hidden()

    # The keyboard moves a strip too: Alt+ArrowUp on the first strip of a day sends it to the day before.
    later = next(i for i in range(1, days.count()) if days.nth(i).locator("li.strip").count())
    first = days.nth(later).locator("li.strip").first
    keyed = first.get_attribute("data-scene")
    first.focus()
    page.keyboard.press("Alt+ArrowUp")
    expect(page.locator("#revision")).to_have_text("4")
    assert strip_day(page, keyed) == str(later - 1)
    context.close()


def test_a_project_from_the_settings_form(server, browser):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "/")
    page.set_input_files("#script", str(EXAMPLE / "the-challenge.fountain"))
    expect(page.locator("#builder")).to_be_visible()
    expect(page.locator("#f-title")).to_have_value("THE CHALLENGE")  # as the title page writes it
    # The script's speaking characters prefill the cast, most scenes first (ZHENYA leads).
    expect(page.locator("#f-cast tbody tr").first.locator("input[name=characters]")).to_have_value(
        "ZHENYA"
    )
    page.fill("#f-title", "The Challenge (form)")
    page.fill("#f-first", "2021-09-13")
    page.fill("#f-last", "2021-10-17")
    page.fill("#f-tz", "Europe/Moscow")
    person = page.locator("#f-people tbody tr").first
    person.locator("input[name=name]").fill("Klim Shipenko")
    location = page.locator("#f-locations tbody tr").first
    location.locator("input[name=lat]").fill("55.7558")
    location.locator("input[name=lon]").fill("37.6173")
    location.locator("input[name=tz]").fill("Europe/Moscow")
    page.locator("#f-needs tbody tr", has_text="GAGARIN ALLEY").locator("input").fill("golden_hour")
    page.click("#f-write")
    toml = page.locator("#settings-text").input_value()
    assert 'title = "The Challenge (form)"' in toml
    assert '[scenes."10"]\nneeds = "golden_hour"' in toml
    page.click("#create")
    page.wait_for_url(re.compile(r"/projects/\d+$"))
    expect(page.get_by_role("heading", name="The Challenge (form)")).to_be_visible()

    # A long optimisation shows its progress and stops on Cancel; nothing is saved.
    page.fill("#time-limit", "600")
    page.click("#optimise-start")
    expect(page.locator("#optimise-progress")).to_be_visible()
    expect(page.locator("#optimise-status")).to_have_attribute(
        "data-state", "running", timeout=20_000
    )
    page.click("#optimise-cancel")
    expect(page.locator("#optimise-status")).to_have_attribute(
        "data-state", "cancelled", timeout=20_000
    )
    expect(page.locator("#optimise-progress")).to_be_hidden()
    schedule = page.request.get(page.url.replace("/projects/", "/api/projects/") + "/schedule")
    assert schedule.status == 404
    assert schedule.json()["error"] == "NoSchedule"
    page.close()


HOSTILE_NUMBER = '<img src=x onerror="window.__xss=1">'


def test_scene_numbers_from_an_upload_are_text_never_markup(server, browser, tmp_path):
    """An FDX scene number is any string: compare shows it literally and runs nothing."""
    import httpx
    from playwright.sync_api import expect

    escaped = HOSTILE_NUMBER.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    fdx = (
        '<?xml version="1.0" encoding="UTF-8"?><FinalDraft DocumentType="Script" Version="5">'
        f'<Content><Paragraph Number="{escaped}" Type="Scene Heading"><Text>INT. ROOM - DAY</Text>'
        '</Paragraph><Paragraph Type="Character"><Text>ANNA</Text></Paragraph>'
        '<Paragraph Type="Dialogue"><Text>Hello.</Text></Paragraph>'
        '<Paragraph Number="2" Type="Scene Heading"><Text>INT. ROOM - DAY</Text></Paragraph>'
        "</Content></FinalDraft>"
    )
    settings = (
        '[production]\ntitle = "Hostile"\nscript = "x.fdx"\n'
        '[calendar]\nfirst_day = 2027-03-01\nshoot_days = 3\ntz = "UTC"\n'
        '[[cast]]\nid = 1\ncharacters = ["ANNA"]\nactor = "Anna"\nrate_per_day = 100\n'
        '[[people]]\nname = "Dee"\nroles = ["director", "camera", "sound"]\n'
        '[[locations]]\nname = "Studio"\nlat = 51.5\nlon = 0.0\ntz = "Europe/London"\n'
        'sets = ["ROOM"]\n'
    )
    created = httpx.post(
        server + "/api/projects",
        files={"script": ("x.fdx", fdx.encode())},
        data={"settings_toml": settings},
        timeout=30,
    )
    assert created.status_code == 201, created.text
    project = created.json()
    url = f"{server}/api/projects/{project['id']}/schedule"
    for revision, days in ((0, [[HOSTILE_NUMBER, "2"]]), (1, [["2"], [HOSTILE_NUMBER]])):
        saved = httpx.put(url, json={"revision": revision, "days": days}, timeout=30)
        assert saved.status_code == 200, saved.text

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/projects/{project['id']}/board")
    expect(page.locator("#board")).to_contain_text(HOSTILE_NUMBER)
    page.goto(f"{server}/projects/{project['id']}/revisions")
    page.select_option("#compare-a", "1")
    page.select_option("#compare-b", "2")
    page.click("#compare button")
    expect(page.locator("#comparison")).to_contain_text(f"scene {HOSTILE_NUMBER}: day 1 → day 2")
    assert page.locator("#comparison img").count() == 0
    assert page.evaluate("window.__xss") is None
    page.close()
