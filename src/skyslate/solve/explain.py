"""Why a scene cannot be placed at all, in words a first AD can act on."""

from __future__ import annotations

from skyslate.solve.check import who
from skyslate.solve.instance import Instance, Job, Piece, intersect


def _needs_text(job: Job) -> str:
    return " and ".join(job.scene.needs) or "the shooting hours"


def _longest(pieces: list[Piece]) -> int:
    return max((p.end - p.start for p in pieces), default=0)


def _most_per_day(pieces: list[Piece], shortest: int) -> int:
    per_day: dict[int, int] = {}
    for p in pieces:
        if p.end - p.start >= shortest:
            per_day[p.day] = per_day.get(p.day, 0) + p.end - p.start
    return max(per_day.values(), default=0)


def _fits(job: Job, pieces: list[Piece]) -> bool:
    if job.split_min:
        return _most_per_day(pieces, job.split_min) >= job.duration
    return _longest(pieces) >= job.duration


def scene_reason(instance: Instance, job: Job) -> str | None:
    """Why `job` has no place on any shoot day, or None if it has one."""
    if _fits(job, job.pieces):
        return None
    span = f"{instance.dates[0]}..{instance.dates[-1]}"
    needs = _needs_text(job)
    number, minutes = job.number, job.duration
    if not _fits(job, job.need_pieces):
        if job.split_min:
            most = _most_per_day(job.need_pieces, job.split_min)
            return (
                f"scene {number} needs {needs} for {minutes} min on one day in pieces of at least "
                f"{job.split_min} min; the most such time on one day in {span} is {most} min"
            )
        return (
            f"scene {number} needs {needs} for {minutes} min; the longest such window "
            f"in {span} is {_longest(job.need_pieces)} min"
        )
    need_spans = [(p.start, p.end) for p in job.need_pieces]
    alone = []
    for key in job.resources:
        if key not in instance.busy:
            continue
        free = _free(instance, key, need_spans)
        if not _fits(job, _as_pieces(job, free)):
            alone.append((key, _longest(_as_pieces(job, free))))
    if alone:
        key, longest = alone[0]
        return (
            f"scene {number} needs {who(instance, key)} for {minutes} min within {needs}; "
            f"they are free for at most {longest} min at a time then in {span}"
        )
    names = ", ".join(who(instance, k) for k in job.resources if k in instance.busy)
    return (
        f"scene {number} needs {minutes} min within {needs} when {names} are all free; "
        f"the longest such time in {span} is {_longest(job.pieces)} min"
    )


def _free(instance: Instance, key, spans):
    from skyslate.solve.instance import complement

    return intersect(spans, complement(instance.busy[key], 0, instance.horizon))


def _as_pieces(job: Job, spans) -> list[Piece]:
    out = []
    for start, end in spans:
        for p in job.need_pieces:
            s, e = max(start, p.start), min(end, p.end)
            if s < e:
                out.append(Piece(p.day, s, e))
    return out
