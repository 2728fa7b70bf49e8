"""The optimiser's own process: rebuild the production, solve, send progress and the plan back.

Run as `python -m skyslate.web.solve_worker`: one JSON job on stdin, JSON lines on
stdout ("progress", then "done" or "error"). A separate process can be stopped at
once when the user cancels, and the solver never competes with the server's
event loop for the interpreter lock.
"""

from __future__ import annotations

import base64
import json
import os
import sys
import traceback


def job_input(
    settings_toml: str, breakdown: dict, files: dict[str, bytes], time_limit_seconds: float
) -> bytes:
    """The stdin document for one optimisation."""
    return json.dumps(
        {
            "settings_toml": settings_toml,
            "breakdown": breakdown,
            "files": {name: base64.b64encode(data).decode() for name, data in files.items()},
            "time_limit_seconds": time_limit_seconds,
        }
    ).encode()


def main() -> int:
    """Entry point of the child process; every outcome is one JSON line on the real stdout."""
    # Keep the protocol channel clean: anything else printed to fd 1 goes to stderr.
    channel = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)

    def send(*message) -> None:
        channel.write(json.dumps(message) + "\n")
        channel.flush()

    from skyslate.errors import SkyslateError
    from skyslate.web import core

    try:
        job = json.loads(sys.stdin.buffer.read())
        files = {name: base64.b64decode(text) for name, text in job["files"].items()}
        send("progress", 0.0, "reading the project and its light windows", None, None)
        production = core.build_production(
            job["settings_toml"], core.breakdown_from_dict(job["breakdown"]), files
        )

        def progress(fraction, message, best_cost, bound):
            send("progress", fraction, str(message or ""), best_cost, bound)

        send("progress", 0.0, "building the model", None, None)
        schedule = core.solve(
            production, time_limit_seconds=float(job["time_limit_seconds"]), progress=progress
        )
        send("done", core.plan_json(schedule, production))
    except SkyslateError as error:
        send("error", error.to_dict())
    except Exception as error:  # noqa: BLE001 - a crash must still reach the job as an error
        send(
            "error",
            {
                "error": "InternalError",
                "message": f"the optimiser failed: {type(error).__name__}: {error}",
                "path": None,
                "line": None,
                "trace": traceback.format_exc(limit=5),
            },
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
