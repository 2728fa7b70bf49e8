"""`skyslate sky ground|orbit`: light windows at a ground site and aboard an orbiting station."""

from __future__ import annotations

import warnings
from datetime import UTC, date, datetime, timedelta

import click

from skyslate.errors import SkyError

FORMATS = click.Choice(["table", "json"])


def parse_date(text: str, option: str) -> date:
    """A calendar date YYYY-MM-DD, or a SkyError naming the option."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise SkyError(
            f"{option} {text!r} is not a date; give YYYY-MM-DD such as 2021-10-05"
        ) from None


def parse_moment(text: str, option: str) -> datetime:
    """An ISO 8601 time; without an offset it is taken as UTC."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("z", "Z").replace("Z", "+00:00"))
    except ValueError:
        raise SkyError(
            f"{option} {text!r} is not an ISO 8601 time; give e.g. 2021-10-05T00:00Z or 2021-10-05"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def utc_text(moment: datetime) -> str:
    """ISO 8601 UTC with milliseconds and Z."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def local_text(moment: datetime | None) -> str | None:
    """ISO 8601 in the moment's own offset, rounded to the second."""
    if moment is None:
        return None
    return (moment + timedelta(microseconds=500_000)).isoformat(timespec="seconds")


PLOT_SUFFIXES = (".png", ".svg", ".pdf")


def check_plot_path(path: str | None) -> None:
    """Refuse a --plot file that could not be written, before any work is done."""
    if path is None:
        return
    from pathlib import Path

    target = Path(path)
    if target.suffix.lower() not in PLOT_SUFFIXES:
        raise SkyError(f"--plot {path!r} must end in .png (or .svg, .pdf)")
    if not target.parent.is_dir():
        raise SkyError(f"--plot {path!r}: folder {str(target.parent)!r} does not exist")


def write_plot(draw, *args, path: str) -> None:
    """Draw a plot to `path`; a file that cannot be written is a one-line error."""
    try:
        draw(*args, path)
    except OSError as error:
        raise SkyError(f"cannot write the plot ({error.strerror})", path=path) from None


def parse_thresholds(items: tuple[str, ...]) -> dict[str, tuple[float, float]]:
    """--threshold NAME=LOW:HIGH pairs."""
    out = {}
    for item in items:
        try:
            name, bounds = item.split("=", 1)
            low, high = (float(x) for x in bounds.split(":"))
        except ValueError:
            raise SkyError(
                f"--threshold {item!r} must look like NAME=LOW:HIGH, e.g. golden_hour=-6:6"
            ) from None
        out[name.strip()] = (low, high)
    return out


@click.group()
def sky() -> None:
    """Light windows on the ground (sun and moon) and in orbit (shadow, ground below, contacts)."""


@sky.command()
@click.option(
    "--lat", "lat", type=float, required=True, help="Latitude in degrees, north positive."
)
@click.option(
    "--lon", "lon", type=float, required=True, help="Longitude in degrees, east positive."
)
@click.option("--tz", "tz", required=True, help="IANA time zone, e.g. Europe/Moscow.")
@click.option("--from", "from_text", required=True, help="First local date, YYYY-MM-DD.")
@click.option("--to", "to_text", default=None, help="Last local date (default: --from).")
@click.option(
    "--threshold",
    "thresholds",
    multiple=True,
    metavar="NAME=LOW:HIGH",
    help="Override a band in degrees of sun altitude, e.g. golden_hour=-6:6.",
)
@click.option("--format", "output_format", type=FORMATS, default="table", show_default=True)
@click.option(
    "--plot", "plot_path", type=click.Path(dir_okay=False), default=None, help="Write a PNG plot."
)
def ground(lat, lon, tz, from_text, to_text, thresholds, output_format, plot_path) -> None:
    """Sunrise, sunset, golden and blue hour, twilights and the Moon at a site, per local date."""
    from skyslate.cli.output import echo_json
    from skyslate.sky.ground import Site, ground_days

    first = parse_date(from_text, "--from")
    last = parse_date(to_text, "--to") if to_text else first
    check_plot_path(plot_path)
    site = Site(lat, lon, tz)
    days = ground_days(site, first, last, parse_thresholds(thresholds) or None)
    if plot_path:
        from skyslate.sky.plot import plot_ground

        write_plot(plot_ground, site, days, path=plot_path)
    if output_format == "json":
        echo_json(
            {"site": {"lat": lat, "lon": lon, "tz": tz}, "days": [_day_json(d) for d in days]}
        )
        return
    _ground_table(site, days)


def _day_json(day: dict) -> dict:
    out = {}
    for key, value in day.items():
        if isinstance(value, datetime):
            out[key] = local_text(value)
        elif isinstance(value, list):
            out[key] = [[local_text(a), local_text(b)] for a, b in value]
        elif key == "moon":
            out[key] = {
                k: local_text(v) if isinstance(v, datetime) else v for k, v in value.items()
            }
        elif isinstance(value, date):
            out[key] = value.isoformat()
        else:
            out[key] = value
    return out


def _hm(moment: datetime | None) -> str:
    # Rounded to the nearest minute, as the USNO tables print them.
    return "-" if moment is None else (moment + timedelta(seconds=30)).strftime("%H:%M")


def _hm_end(start: datetime, end: datetime) -> str:
    # A band that runs to the next local midnight ends at 24:00, not at 00:00.
    if end - start > timedelta(minutes=1) and _hm(end) == "00:00":
        return "24:00"
    return _hm(end)


def _spans(pairs: list) -> str:
    return " ".join(f"{_hm(a)}-{_hm_end(a, b)}" for a, b in pairs) or "-"


def _ground_table(site, days: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(
        title=f"Light at {site.lat_degrees:g}, {site.lon_degrees:g} ({site.tz}, local time)"
    )
    for column in (
        "date",
        "sunrise",
        "noon",
        "sunset",
        "golden hour",
        "blue hour",
        "moon",
        "polar",
    ):
        table.add_column(column)
    for d in days:
        moon = d["moon"]
        table.add_row(
            d["date"].isoformat(),
            _hm(d["sunrise"]),
            _hm(d["solar_noon"]),
            _hm(d["sunset"]),
            _spans(d["golden_hour"]),
            _spans(d["blue_hour"]),
            f"{moon['phase']} {moon['illuminated'] * 100:.0f}%",
            d["polar"] or "",
        )
    Console(width=140).print(table)


def parse_station(text: str, min_elevation: float):
    """NAME:LAT:LON[:MIN_ELEVATION] into a GroundStation."""
    from skyslate.sky.orbit import GroundStation

    parts = text.split(":")
    try:
        if len(parts) not in (3, 4) or not parts[0].strip():
            raise ValueError
        numbers = [float(x) for x in parts[1:]]
    except ValueError:
        raise SkyError(
            f"--station {text!r} must look like NAME:LAT:LON or NAME:LAT:LON:MIN_ELEVATION"
        ) from None
    elevation = numbers[2] if len(numbers) == 3 else min_elevation
    return GroundStation(parts[0].strip(), numbers[0], numbers[1], elevation)


def parse_region(text: str):
    """circle:LAT:LON:RADIUS_KM or polygon:LAT,LON;LAT,LON;... (optionally NAME= in front)."""
    from skyslate.sky.orbit import CircleRegion, PolygonRegion

    name, _, spec = text.rpartition("=")
    kind, _, rest = spec.partition(":")
    try:
        if kind == "circle":
            lat, lon, radius = (float(x) for x in rest.split(":"))
            return CircleRegion(lat, lon, radius, name or None)
        if kind == "polygon":
            vertices = tuple(
                tuple(float(x) for x in pair.split(",")) for pair in rest.split(";") if pair.strip()
            )
            if any(len(v) != 2 for v in vertices):
                raise ValueError
            return PolygonRegion(vertices, name or None)
    except ValueError:
        pass
    raise SkyError(
        f"--region {text!r} must look like circle:LAT:LON:RADIUS_KM or polygon:LAT,LON;LAT,LON;LAT,LON"
    )


@sky.command()
@click.option("--tle", "tle_path", required=True, help="TLE or 3-line element file of one object.")
@click.option(
    "--object",
    "object_name",
    default=None,
    help="Name or catalogue number of the object, when the file holds several.",
)
@click.option("--from", "from_text", required=True, help="Start, ISO 8601 (UTC if no offset).")
@click.option("--to", "to_text", required=True, help="End, ISO 8601 (UTC if no offset).")
@click.option(
    "--station",
    "stations",
    multiple=True,
    metavar="NAME:LAT:LON[:MIN_EL]",
    help="Ground station (repeatable).",
)
@click.option(
    "--region",
    "regions",
    multiple=True,
    metavar="SPEC",
    help="circle:LAT:LON:RADIUS_KM or polygon:LAT,LON;... (repeatable).",
)
@click.option(
    "--min-elevation",
    type=float,
    default=10.0,
    show_default=True,
    help="Lowest contact elevation, degrees.",
)
@click.option(
    "--switch",
    "switches",
    multiple=True,
    metavar="ISO",
    help="Switch element sets at this time (a manoeuvre).",
)
@click.option(
    "--flattening", is_flag=True, help="Shadow of the WGS84 ellipsoid instead of a sphere."
)
@click.option("--format", "output_format", type=FORMATS, default="table", show_default=True)
@click.option(
    "--plot", "plot_path", type=click.Path(dir_okay=False), default=None, help="Write a PNG plot."
)
def orbit(
    tle_path,
    object_name,
    from_text,
    to_text,
    stations,
    regions,
    min_elevation,
    switches,
    flattening,
    output_format,
    plot_path,
) -> None:
    """Sunlit / penumbra / umbra, the ground below in day or night, contacts, beta and sunrises per day."""
    from skyslate.sky.elements import StaleElementsWarning, load_element_sets
    from skyslate.sky.orbit import orbit_report

    start = parse_moment(from_text, "--from")
    end = parse_moment(to_text, "--to")
    if end <= start:
        raise SkyError(
            f"--to {utc_text(end)} is not after --from {utc_text(start)}; give a later --to"
        )
    if not -90.0 <= min_elevation < 90.0:
        raise SkyError(f"--min-elevation {min_elevation} must lie between -90 and 90 degrees")
    check_plot_path(plot_path)
    parsed_stations = tuple(parse_station(s, min_elevation) for s in stations)
    parsed_regions = tuple(parse_region(r) for r in regions)
    switch_times = [parse_moment(s, "--switch") for s in switches]
    platform = load_element_sets(tle_path, switch_times=switch_times, name=object_name)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", StaleElementsWarning)
        report = orbit_report(
            platform,
            start,
            end,
            stations=parsed_stations,
            regions=parsed_regions,
            flattening=flattening,
        )
    for warning in caught:
        click.echo(f"Warning: {warning.message}", err=True)
    if plot_path:
        from skyslate.sky.plot import plot_orbit

        write_plot(plot_orbit, platform, report, parsed_stations, path=plot_path)
    if output_format == "json":
        from skyslate.cli.output import echo_json

        echo_json(_orbit_json(report))
        return
    _orbit_table(report)


def _pairs(windows) -> list[list[str]]:
    return [[utc_text(w.start), utc_text(w.end)] for w in windows]


def _orbit_json(report: dict) -> dict:
    windows = {k: _pairs(v) for k, v in report["windows"].items()}
    windows["contacts"] = {name: _pairs(v) for name, v in report["contacts"].items()}
    if report["over"]:
        windows["over"] = {name: _pairs(v) for name, v in report["over"].items()}
    sets = [
        {k: (utc_text(v) if isinstance(v, datetime) else v) for k, v in s.items()}
        for s in report["element_sets"]
    ]
    return {
        "from": utc_text(report["from"]),
        "to": utc_text(report["to"]),
        "element_sets": sets,
        "windows": windows,
        "beta_degrees": [
            {"date": b["date"].isoformat(), "beta": b["beta"]} for b in report["beta_degrees"]
        ],
        "sunrises_per_day": [
            {"date": s["date"].isoformat(), "sunrises": s["sunrises"]}
            for s in report["sunrises_per_day"]
        ],
    }


def _orbit_table(report: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=120)
    summary = Table(title=f"Orbit windows {utc_text(report['from'])} .. {utc_text(report['to'])}")
    for column in ("window", "count", "total", "longest", "first start"):
        summary.add_column(column)
    rows = list(report["windows"].items())
    rows += [(f"contact {k}", v) for k, v in report["contacts"].items()]
    rows += [(f"over {k}", v) for k, v in report["over"].items()]
    for name, windows in rows:
        longest = windows.longest()
        summary.add_row(
            name,
            str(len(windows)),
            _duration(windows.total().total_seconds()),
            _duration(longest.duration.total_seconds()) if longest else "-",
            utc_text(windows[0].start) if windows else "-",
        )
    console.print(summary)
    daily = Table(title="Per UTC date")
    for column in ("date", "beta (deg)", "orbital sunrises"):
        daily.add_column(column)
    for beta, rises in zip(report["beta_degrees"], report["sunrises_per_day"], strict=True):
        daily.add_row(beta["date"].isoformat(), f"{beta['beta']:.1f}", str(rises["sunrises"]))
    console.print(daily)


def _duration(total_seconds: float) -> str:
    minutes, seconds = divmod(round(total_seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m{seconds:02d}s" if hours else f"{minutes}m{seconds:02d}s"
