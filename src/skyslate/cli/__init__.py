"""The `skyslate` command: one place where errors become messages and exit codes.

Each command lives in its own module and imports heavy libraries (numpy,
skyfield, ortools) inside the command body so that `skyslate --help` stays fast.
"""

from __future__ import annotations

import sys

import click

from skyslate import __version__
from skyslate.errors import SkyslateError

# name -> (module, attribute); modules are imported only when the command runs.
COMMANDS = {
    "demo": ("skyslate.cli.demo", "demo"),
    "breakdown": ("skyslate.cli.breakdown", "breakdown"),
    "sky": ("skyslate.cli.sky", "sky"),
    "talent": ("skyslate.cli.talent", "talent"),
    "plan": ("skyslate.cli.plan", "plan"),
    "serve": ("skyslate.cli.serve", "serve"),
}

SHORT_HELP = {
    "demo": "Run the bundled example production end to end.",
    "breakdown": "Break a screenplay (Fountain or FDX) down into scenes.",
    "sky": "Light windows on the ground and in orbit.",
    "talent": "Solve a classic talent-scheduling instance exactly.",
    "plan": "Build the cheapest feasible shooting schedule for a project.",
    "serve": "Run the web stripboard backed by a database.",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module_name, attribute = COMMANDS[name]
        module = __import__(module_name, fromlist=[attribute])
        return getattr(module, attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, SHORT_HELP[name]) for name in COMMANDS]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="skyslate")
def app() -> None:
    """skyslate plans film shoots on the ground and in orbit.

    Screenplay -> breakdown -> light and orbit windows -> the cheapest
    feasible schedule with a proven bound -> the reports a production runs on.
    """


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; core errors print `Error: ...` and exit 1, usage errors exit 2."""
    try:
        app.main(args=argv, prog_name="skyslate", standalone_mode=False)
    except SkyslateError as error:
        click.echo(f"Error: {error}", err=True)
        return 1
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 1
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        return 130
    except BrokenPipeError:
        return 0
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
