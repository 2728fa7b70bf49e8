"""Price and check a hand-made stripboard: scenes in the order given, each at its earliest time."""

from __future__ import annotations

from skyslate.errors import ProjectError
from skyslate.plan.model import Production
from skyslate.solve.assemble import assemble
from skyslate.solve.check import violations
from skyslate.solve.instance import FRAME_LEAD_MINUTES, Instance, build_instance
from skyslate.solve.placer import Board, PlacedTask, Placement
from skyslate.solve.schedule import Schedule, Violation


def evaluate(production: Production, days: list[list[str]]) -> Schedule:
    """Place day i's scenes on the i-th shoot date in order; cost and every broken rule."""
    instance = build_instance(production)
    if len(days) > len(instance.dates):
        raise ProjectError(
            f"the board has {len(days)} days but the calendar allows {len(instance.dates)} shoot days"
        )
    for numbers in days:
        for number in numbers:
            if number not in instance.by_number:
                known = ", ".join(instance.by_number)
                raise ProjectError(f"scene {number!r} is not in the production (scenes: {known})")
    board = Board(instance)
    extra: list[Violation] = []
    seen: set[str] = set()
    for day, numbers in enumerate(days):
        for number in numbers:
            if number in seen:
                extra.append(
                    Violation(
                        f"scene {number} is on the board twice; the second is ignored", number
                    )
                )
                continue
            seen.add(number)
            job = instance.jobs[instance.by_number[number]]
            placement = board.find(job, day) or _forced(board, instance, job, day)
            for spec, _member in board.triggered(job, day):
                if not spec.holders:
                    extra.append(
                        Violation(
                            f"{spec.kind} before scene {number} needs a person with the role "
                            f"{spec.role}; nobody has it",
                            number,
                            instance.dates[day],
                        )
                    )
            board.commit(placement)
    placed_days = [list(s.scenes) for s in board.days]
    tasks = [list(s.tasks) for s in board.days]
    broken = extra + violations(instance, placed_days, tasks)
    unscheduled = [
        (job.number, "not on the board") for job in instance.jobs if job.number not in seen
    ]
    return assemble(instance, placed_days, tasks, unscheduled=unscheduled, violations=broken)


def _forced(board: Board, instance: Instance, job, day: int) -> Placement:
    """Where a scene goes when no legal time exists: after the day's last scene, in its window if any."""
    state = board.days[day]
    earliest = instance.frames[day][0] + FRAME_LEAD_MINUTES
    if state.cursor is not None:
        earliest = state.cursor
        if state.location != job.location:
            earliest += instance.production.rules.move_minutes(state.location, job.location)
    start = earliest
    for piece in job.need_pieces:
        if piece.day == day and piece.end - job.duration >= earliest:
            start = max(earliest, piece.start)
            break
    tasks: list[PlacedTask] = []
    deadline: dict[str, int] = {}
    for spec, member in board.triggered(job, day):
        if not spec.holders:
            continue
        person = spec.holders[0]
        end = deadline.get(person, start)
        tasks.append(PlacedTask(spec, person, job.index, end - spec.minutes, end, member))
        deadline[person] = end - spec.minutes
    return Placement(job.index, day, start, start + job.duration, tasks)
