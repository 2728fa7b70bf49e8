"""Sky engine speed: `skyslate sky orbit` vs a Skyfield baseline (whole processes), and ground light for many sites.

Run: .venv/bin/python benchmarks/sky_bench.py   (no network; about a minute on 2 shared cores)
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TLE = ROOT / "tests" / "data" / "iss-2021-10.tle"
FROM, TO = "2021-10-05T00:00:00+00:00", "2021-10-17T00:00:00+00:00"
REBOOST = "2021-10-12T07:05:00+00:00"
STATIONS = [("Moscow", 55.75, 37.62), ("Ussuriysk", 43.80, 131.95)]
SKYSLATE = [
    str(Path(sys.executable).with_name("skyslate")),
    "sky", "orbit", "--tle", str(TLE), "--from", FROM, "--to", TO, "--switch", REBOOST,
    *[arg for name, lat, lon in STATIONS for arg in ("--station", f"{name}:{lat}:{lon}")],
    "--format", "json",
]  # fmt: skip


def baseline_orbit() -> None:
    """Skyfield alone: sunlit, ground day and contacts with find_discrete / find_events."""
    import json
    import warnings
    from datetime import datetime

    from skyfield.api import EarthSatellite, Loader, wgs84
    from skyfield.searchlib import find_discrete
    from skyfield_data import get_skyfield_data_path

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        load = Loader(get_skyfield_data_path(), verbose=False)
    ts, eph = load.timescale(), load("de421.bsp")
    earth, sun = eph["earth"], eph["sun"]
    lines = [x for x in TLE.read_text().splitlines() if x.strip()]
    sats = [
        EarthSatellite(lines[k + 1], lines[k + 2], lines[k], ts) for k in range(0, len(lines), 3)
    ]
    epochs = [s.epoch.tt for s in sats]
    # The same element-set segments skyslate uses: nearest epoch, switching at the reboost.
    bounds = [(a + b) / 2 for a, b in zip(epochs, epochs[1:], strict=False)]
    bounds[1] = ts.from_datetime(datetime.fromisoformat(REBOOST)).tt
    t_from, t_to = (
        ts.from_datetime(datetime.fromisoformat(FROM)).tt,
        ts.from_datetime(datetime.fromisoformat(TO)).tt,
    )
    edges = [t_from, *[b for b in bounds if t_from < b < t_to], t_to]
    counts = {"sunlit": 0, "ground_day": 0, **{name: 0 for name, _, _ in STATIONS}}
    for lo, hi in zip(edges, edges[1:], strict=False):
        sat = sats[min(range(len(sats)), key=lambda k: abs(epochs[k] - (lo + hi) / 2))]
        t0, t1 = ts.tt_jd(lo), ts.tt_jd(hi)

        def sunlit(t, sat=sat):
            return sat.at(t).is_sunlit(eph)

        def ground_day(t, sat=sat):
            below = wgs84.subpoint_of(sat.at(t))
            return (earth + below).at(t).observe(sun).apparent().altaz()[0].degrees > -0.833

        for name, function in (("sunlit", sunlit), ("ground_day", ground_day)):
            function.step_days = (
                10 / 1440
            )  # shorter than the shortest state here (FIELD-NOTES B 7.2)
            _t, values = find_discrete(t0, t1, function)
            counts[name] += int(sum(values))
        for name, lat, lon in STATIONS:
            _t, events = sat.find_events(wgs84.latlon(lat, lon), t0, t1, altitude_degrees=10.0)
            counts[name] += int(sum(events == 0))
    print(json.dumps(counts))


def timed(command: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return time.perf_counter() - start, done.stdout


def ground_many_sites() -> tuple[float, float, float, int]:
    """100 seeded sites x 365 days: day, golden, blue, civil twilight windows; plus 3 sites by Skyfield."""
    from datetime import UTC, datetime

    import numpy as np
    from skyfield import almanac
    from skyfield.api import wgs84

    from skyslate.sky.ephemeris import ephemeris, timescale
    from skyslate.sky.ground import Site, ground_light

    rng = np.random.default_rng(7)
    sites = [
        Site(float(a), float(b), "UTC")
        for a, b in zip(rng.uniform(-65, 65, 100), rng.uniform(-180, 180, 100), strict=True)
    ]
    start, end = datetime(2021, 1, 1, tzinfo=UTC), datetime(2022, 1, 1, tzinfo=UTC)
    ephemeris(), timescale()  # loading is measured by the whole-process rows, not here
    wall, cpu = time.perf_counter(), time.process_time()
    light = ground_light(sites, ["day", "golden_hour", "blue_hour", "civil_twilight"], start, end)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    count = sum(len(w) for row in light for w in row.values())
    eph, ts = ephemeris(), timescale()
    t0, t1 = ts.from_datetime(start), ts.from_datetime(end)
    sky_start = time.perf_counter()
    for site in sites[:3]:
        observer = eph["earth"] + wgs84.latlon(site.lat_degrees, site.lon_degrees)
        for horizon in (None, -4.0, 6.0, -6.0):  # the four levels of the same four lights
            kwargs = {} if horizon is None else {"horizon_degrees": horizon}
            almanac.find_risings(observer, eph["sun"], t0, t1, **kwargs)
            almanac.find_settings(observer, eph["sun"], t0, t1, **kwargs)
    skyfield_per_site = (time.perf_counter() - sky_start) / 3
    return wall, cpu, skyfield_per_site * 100, count


def main() -> None:
    import json

    runs = 3
    ours = [timed(SKYSLATE) for _ in range(runs)]
    base = [timed([sys.executable, __file__, "--baseline-orbit"]) for _ in range(runs)]
    ours_s = min(t for t, _ in ours)
    base_s = min(t for t, _ in base)
    document = json.loads(ours[0][1])
    base_counts = json.loads(base[0][1])
    ours_counts = {
        "sunlit": len(document["windows"]["sunlit"]),
        "ground_day": len(document["windows"]["ground_day"]),
        **{name: len(v) for name, v in document["windows"]["contacts"].items()},
    }
    wall, cpu, skyfield_100, count = ground_many_sites()
    rows = [
        ("12 days ISS windows, whole process (best of 3)", f"{ours_s:.2f} s", f"{base_s:.2f} s", f"{base_s / ours_s:.1f}x"),
        ("  computes", "sunlit, penumbra, umbra, ground day/night, 2 contacts, beta, sunrises", "sunlit, ground day, 2 contacts", ""),
        ("  windows found (sunlit / ground day / contacts)",
         f"{ours_counts['sunlit']} / {ours_counts['ground_day']} / {ours_counts['Moscow']}+{ours_counts['Ussuriysk']}",
         f"{base_counts['sunlit']} / {base_counts['ground_day']} / {base_counts['Moscow']}+{base_counts['Ussuriysk']}", ""),
        ("100 sites x 365 days, 4 ground lights (wall)", f"{wall:.2f} s", f"{skyfield_100:.1f} s (3 sites, scaled)", f"{skyfield_100 / wall:.0f}x"),
        ("  same, CPU time of this process", f"{cpu:.2f} s", "", ""),
        ("  windows found", str(count), "", ""),
    ]  # fmt: skip
    widths = [max(len(r[k]) for r in rows) for k in range(4)]
    header = ("task", "skyslate", "Skyfield baseline", "speed-up")
    widths = [max(w, len(h)) for w, h in zip(widths, header, strict=True)]
    print(" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("-|-".join("-" * w for w in widths))
    for row in rows:
        print(" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))


if __name__ == "__main__":
    if "--baseline-orbit" in sys.argv:
        baseline_orbit()
    else:
        main()
