"""PNG plots of ground light (sun-altitude curve with bands) and of an orbit day (light strips, ground track)."""

from __future__ import annotations

from datetime import timedelta

import numpy as np

from skyslate.sky.ephemeris import body_track, moment

# Colours chosen to read as the light they stand for.
BAND_COLOURS = {
    "dark": "#0b1026",
    "astronomical_twilight": "#1b2550",
    "nautical_twilight": "#2d3f7c",
    "blue_hour": "#3f6fd8",
    "golden_hour": "#f2b33d",
    "day": "#fff3c4",
}
SUNLIT, PENUMBRA, UMBRA = "#f6c542", "#e07b39", "#14183a"
GROUND_DAY, GROUND_NIGHT = "#8ecae6", "#264653"


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # files only, never a window
    import matplotlib.pyplot as plt

    return plt


def _band_of(altitude: np.ndarray) -> np.ndarray:
    """Name of the light band for each sun altitude (degrees)."""
    names = np.full(altitude.shape, "day", dtype=object)
    names[altitude < 6] = "golden_hour"
    names[altitude < -4] = "blue_hour"
    names[altitude < -6] = "nautical_twilight"
    names[altitude < -12] = "astronomical_twilight"
    names[altitude < -18] = "dark"
    return names


def plot_ground(site, days: list[dict], path: str) -> None:
    """First date's sun-altitude curve with the light bands shaded; below it, every date as a strip."""
    from matplotlib.patches import Patch

    from skyslate.sky.ground import local_midnight
    from skyslate.sky.site import altitude_radians

    plt = _pyplot()
    many = len(days) > 1
    fig, axes = plt.subplots(
        2 if many else 1,
        1,
        figsize=(11, 8.5 if many else 5.5),
        gridspec_kw={"height_ratios": [3, 2]} if many else None,
    )
    top = axes[0] if many else axes
    first = days[0]["date"]
    start = local_midnight(site, first).timestamp()
    end = local_midnight(site, first + timedelta(days=1)).timestamp()
    t = np.linspace(start, end, 1441)
    track = body_track("sun", start, end)
    altitude = np.degrees(altitude_radians(site, track, t)[0])
    hours = (t - start) / 3600.0
    for low, high, name in (
        (-90, -18, "dark"),
        (-18, -12, "astronomical_twilight"),
        (-12, -6, "nautical_twilight"),
        (-6, -4, "blue_hour"),
        (-4, 6, "golden_hour"),
        (6, 90, "day"),
    ):
        top.axhspan(low, high, color=BAND_COLOURS[name], alpha=0.75, lw=0)
    top.plot(hours, altitude, color="black", lw=2)
    top.axhline(-0.833, color="#c0392b", lw=1, ls="--")
    top.text(
        0.2, -0.5, "sunrise / sunset level (-0.833°)", color="#c0392b", fontsize=8, va="bottom"
    )
    row = days[0]
    for key, label in (("sunrise", "sunrise"), ("solar_noon", "noon"), ("sunset", "sunset")):
        if row[key] is not None:
            x = (row[key].timestamp() - start) / 3600.0
            top.axvline(x, color="#555", lw=0.8, ls=":")
            top.text(
                x,
                max(altitude.max(), 10) + 2,
                f"{label}\n{row[key]:%H:%M}",
                ha="center",
                fontsize=9,
            )
    top.set_xlim(0, hours[-1])
    top.set_ylim(max(-60, altitude.min() - 5), max(altitude.max(), 10) + 10)
    top.set_xticks(range(0, int(hours[-1]) + 1, 2))
    top.set_xlabel(f"local time ({site.tz})")
    top.set_ylabel("sun altitude (degrees)")
    polar = f" — polar {row['polar']}" if row["polar"] else ""
    top.set_title(
        f"Sun at {site.lat_degrees:.3f}, {site.lon_degrees:.3f} on {first.isoformat()}{polar}"
    )
    legend = [Patch(color=BAND_COLOURS[k], label=k.replace("_", " ")) for k in BAND_COLOURS]
    top.legend(handles=legend[::-1], loc="upper right", fontsize=8, framealpha=0.9)
    if many:
        _ground_strips(axes[1], site, days, altitude_radians, local_midnight)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _ground_strips(axis, site, days, altitude_radians, local_midnight) -> None:
    from matplotlib.colors import ListedColormap

    order = list(BAND_COLOURS)
    rows = []
    for row in days:
        start = local_midnight(site, row["date"]).timestamp()
        end = local_midnight(site, row["date"] + timedelta(days=1)).timestamp()
        t = np.linspace(start, end, 24 * 12 + 1)[:-1] + 150.0
        altitude = np.degrees(altitude_radians(site, body_track("sun", start, end), t)[0])
        rows.append([order.index(n) for n in _band_of(altitude)])
    axis.imshow(
        np.array(rows),
        aspect="auto",
        cmap=ListedColormap([BAND_COLOURS[k] for k in order]),
        vmin=0,
        vmax=len(order) - 1,
        extent=(0, 24, len(days) - 0.5, -0.5),
        interpolation="nearest",
    )
    step = max(1, len(days) // 12)
    axis.set_yticks(range(0, len(days), step))
    axis.set_yticklabels(
        [days[k]["date"].isoformat() for k in range(0, len(days), step)], fontsize=8
    )
    axis.set_xticks(range(0, 25, 2))
    axis.set_xlabel(f"local time ({site.tz}); 24 h per row")
    axis.set_title("Light per date")


def plot_orbit(platform, report: dict, stations, path: str) -> None:
    """First 24 h as light strips (station, ground below, contacts) and the ground track with the terminator."""
    from matplotlib.patches import Patch

    from skyslate.sky.orbit import OrbitGeometry

    plt = _pyplot()
    start = report["from"]
    end = min(report["to"], start + timedelta(days=1))
    lanes = [
        (
            "station light",
            [
                (report["windows"]["sunlit"], SUNLIT),
                (report["windows"]["penumbra"], PENUMBRA),
                (report["windows"]["umbra"], UMBRA),
            ],
        )
    ]
    lanes.append(
        (
            "ground below",
            [
                (report["windows"]["ground_day"], GROUND_DAY),
                (report["windows"]["ground_night"], GROUND_NIGHT),
            ],
        )
    )
    for name, windows in report["contacts"].items():
        lanes.append((f"contact {name}", [(windows, "#2a9d8f")]))
    for name, windows in report["over"].items():
        lanes.append((f"over {name[:18]}", [(windows, "#9b5de5")]))
    fig = plt.figure(figsize=(12, 9.5))
    strip = fig.add_axes([0.14, 0.68, 0.82, 0.04 * len(lanes) + 0.06])
    hours_total = (end - start).total_seconds() / 3600.0
    for k, (_label, parts) in enumerate(lanes):
        for windows, colour in parts:
            bars = [
                ((w.start - start).total_seconds() / 3600.0, w.duration.total_seconds() / 3600.0)
                for w in windows.clip(start, end)
            ]
            strip.broken_barh(bars, (k - 0.4, 0.8), facecolors=colour, edgecolors="none")
    strip.set_ylim(len(lanes) - 0.5, -0.5)
    strip.set_yticks(range(len(lanes)))
    strip.set_yticklabels([label for label, _ in lanes])
    strip.set_xlim(0, hours_total)
    strip.set_xticks(np.arange(0, hours_total + 0.01, 2))
    strip.set_xlabel(f"hours after {start:%Y-%m-%d %H:%M} UTC")
    strip.set_title(
        f"{platform.name}: light and contacts, {start:%Y-%m-%d %H:%M} + {hours_total:.0f} h (UTC)"
    )
    strip.legend(
        handles=[
            Patch(color=SUNLIT, label="sunlit"),
            Patch(color=PENUMBRA, label="penumbra"),
            Patch(color=UMBRA, label="umbra"),
            Patch(color=GROUND_DAY, label="ground day"),
            Patch(color=GROUND_NIGHT, label="ground night"),
            Patch(color="#2a9d8f", label="contact"),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.32),
        ncol=6,
        fontsize=8,
        frameon=False,
    )
    track_axis = fig.add_axes([0.08, 0.05, 0.86, 0.46])
    # Two orbits of ground track, with the terminator at their middle.
    track_start = start.timestamp()
    track_end = min(end.timestamp(), track_start + 3 * 3600.0)
    geometry = OrbitGeometry(platform, track_start, track_end)
    t = np.linspace(track_start, track_end, 721)
    lat, _lon_teme, lon = geometry.subpoint(t)
    middle = 0.5 * (track_start + track_end)
    _terminator(track_axis, middle)
    lit = geometry.sunlit_margin(t) > 0
    lat_d, lon_d = np.degrees(lat), np.degrees(lon)
    breaks = np.nonzero(np.abs(np.diff(lon_d)) > 180)[0] + 1
    for piece in np.split(np.arange(t.size), breaks):
        for mask, colour in ((lit[piece], SUNLIT), (~lit[piece], "#9aa0c8")):
            y = np.where(mask, lat_d[piece], np.nan)
            track_axis.plot(lon_d[piece], y, color=colour, lw=2.2)
    for k in range(0, t.size, 120):  # a dot every 30 minutes along the track
        track_axis.plot(lon_d[k], lat_d[k], "o", color="white", mec="black", ms=6)
        track_axis.annotate(
            f"{moment(t[k]):%H:%M}",
            (lon_d[k], lat_d[k]),
            xytext=(5, 5),
            textcoords="offset points",
            color="white",
            fontsize=8,
        )
    for station in stations:
        track_axis.plot(
            station.lon_degrees, station.lat_degrees, "^", color="#2a9d8f", mec="white", ms=10
        )
        track_axis.annotate(
            station.name,
            (station.lon_degrees, station.lat_degrees),
            xytext=(6, -12),
            textcoords="offset points",
            color="white",
            fontsize=9,
        )
    track_axis.set_xlim(-180, 180)
    track_axis.set_ylim(-90, 90)
    track_axis.set_xticks(range(-180, 181, 30))
    track_axis.set_yticks(range(-90, 91, 30))
    track_axis.grid(color="white", alpha=0.25)
    track_axis.set_xlabel("longitude (degrees)")
    track_axis.set_ylabel("latitude (degrees)")
    track_axis.set_title(
        f"Ground track {moment(track_start):%H:%M}-{moment(track_end):%H:%M} UTC (yellow: station sunlit; grey: in shadow); "
        f"night side shaded at {moment(middle):%H:%M}",
        fontsize=10,
    )
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _terminator(axis, posix_seconds: float) -> None:
    """Shade the night side (sun below -0.833 deg) on a lat/lon frame."""
    track = body_track("sun", posix_seconds, posix_seconds)
    sun = track.position_at(np.array([posix_seconds]))[:, 0]
    declination = np.arctan2(sun[2], np.hypot(sun[0], sun[1]))
    subsolar_lon = np.arctan2(sun[1], sun[0]) - track.gast_at(np.array([posix_seconds]))[0]
    lon = np.radians(np.linspace(-180, 180, 361))
    lat = np.radians(np.linspace(-90, 90, 181))
    lon_grid, lat_grid = np.meshgrid(lon, lat)
    altitude = np.degrees(
        np.arcsin(
            np.sin(lat_grid) * np.sin(declination)
            + np.cos(lat_grid) * np.cos(declination) * np.cos(lon_grid - subsolar_lon)
        )
    )
    axis.set_facecolor("#6fa8dc")
    axis.contourf(
        np.degrees(lon_grid),
        np.degrees(lat_grid),
        altitude,
        levels=[-91, -18, -6, -0.833, 91],
        colors=["#0b1026", "#1b2550", "#3f5aa8", "#6fa8dc"],
        alpha=1.0,
    )
