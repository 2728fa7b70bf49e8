"""Talent-scheduling instances: read the classic plain format and MiniZinc .dzn, or make one
by the published random recipe."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import TYPE_CHECKING

from skyslate.errors import InstanceError

if TYPE_CHECKING:
    from skyslate.solve.talent import TalentInstance

# ASCII digits only: int() would also take "+5", "1_000" and other scripts' digits.
WHOLE = re.compile(r"[0-9]+")
PLAIN_LAYOUT = "name, n, m, m rows of n 0/1 flags and a daily cost, n durations"
DZN_NAMES = ("numScenes", "numActors", "ia", "c", "d")


def read_instance(path: str | Path) -> TalentInstance:
    """Read an instance file in the plain format or MiniZinc .dzn (chosen by content)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InstanceError(
            "no such file (expected a talent-scheduling instance)", path=path
        ) from None
    except IsADirectoryError:
        raise InstanceError("is a directory (expected an instance file)", path=path) from None
    except UnicodeDecodeError:
        raise InstanceError(
            f"not a text file (expected the plain format: {PLAIN_LAYOUT}; or MiniZinc .dzn)",
            path=path,
        ) from None
    except OSError as error:  # permission denied, a device, ...: said plainly, no traceback
        raise InstanceError(
            f"cannot be read: {error.strerror or error} (expected a readable instance file)",
            path=path,
        ) from None
    if re.search(r"\bnumScenes\s*=", text) or path.suffix == ".dzn":
        return _parse_dzn(text, path)
    return _parse_plain(text, path)


def _instance(durations, costs, casts, name, path) -> TalentInstance:
    from skyslate.solve.talent import TalentInstance

    try:
        return TalentInstance(durations=durations, costs=costs, casts=casts, name=name)
    except InstanceError as error:
        raise InstanceError(error.message, path=path) from None


def _parse_plain(text: str, path: Path) -> TalentInstance:
    lines = text.splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise InstanceError(f"empty file (expected the plain format: {PLAIN_LAYOUT})", path=path)
    name = lines[0].strip()
    tokens = " ".join(lines[1:]).split()
    if len(tokens) < 2 or not WHOLE.fullmatch(tokens[0]) or not WHOLE.fullmatch(tokens[1]):
        shown = " ".join(tokens[:2]) or "nothing"
        raise InstanceError(
            f"not a talent-scheduling instance: after the name line found {shown!r} "
            f"(expected the plain format: {PLAIN_LAYOUT}; or MiniZinc .dzn)",
            path=path,
        )
    n, m = int(tokens[0]), int(tokens[1])
    if n < 1:
        raise InstanceError(f"{n} scenes (expected n >= 1)", path=path)
    wanted = 2 + m * (n + 1) + n
    if len(tokens) != wanted:
        raise InstanceError(
            f"{len(tokens) - 2} numbers after n = {n} and m = {m} "
            f"(expected {wanted - 2}: {m} rows of {n} flags and a cost, then {n} durations)",
            path=path,
        )
    flags = tokens[2 : 2 + m * (n + 1)]
    casts: list[set[int]] = [set() for _ in range(n)]
    costs: list[int] = []
    for actor in range(m):
        row = flags[actor * (n + 1) : (actor + 1) * (n + 1)]
        for scene, flag in enumerate(row[:n]):
            if flag not in ("0", "1"):
                raise InstanceError(
                    f"actor {actor + 1}, scene {scene + 1}: {flag!r} (expected a 0/1 flag)",
                    path=path,
                )
            if flag == "1":
                casts[scene].add(actor)
        costs.append(_whole(row[n], f"actor {actor + 1} daily cost", 0, path))
    durations = [
        _whole(token, f"scene {scene + 1} duration", 1, path)
        for scene, token in enumerate(tokens[2 + m * (n + 1) :])
    ]
    return _instance(durations, costs, [frozenset(c) for c in casts], name, path)


def _whole(token: str, what: str, least: int, path: Path) -> int:
    value = int(token) if WHOLE.fullmatch(token) else None
    if value is None or value < least:
        raise InstanceError(f"{what} {token!r} (expected a whole number >= {least})", path=path)
    return value


def _parse_dzn(text: str, path: Path) -> TalentInstance:
    text = re.sub(r"%[^\n]*", "", text)
    values: dict[str, str] = {}
    for statement in text.split(";"):
        if not statement.strip():
            continue
        name, equals, value = statement.partition("=")
        if not equals:
            raise InstanceError(
                f"{statement.strip()[:40]!r} is not an assignment "
                f"(expected MiniZinc data: {', '.join(DZN_NAMES)})",
                path=path,
            )
        if name.strip() in values:
            raise InstanceError(
                f"{name.strip()} is assigned twice (expected each of {', '.join(DZN_NAMES)} once)",
                path=path,
            )
        values[name.strip()] = value.strip()
    missing = [name for name in DZN_NAMES if name not in values]
    if missing:
        raise InstanceError(
            f"missing {', '.join(missing)} (expected MiniZinc data: {', '.join(DZN_NAMES)})",
            path=path,
        )
    n = _whole(values["numScenes"], "numScenes", 1, path)
    m = _whole(values["numActors"], "numActors", 0, path)
    matrix = _dzn_numbers(values["ia"], "ia", path)
    costs = [_whole(t, "an entry of c", 0, path) for t in _dzn_numbers(values["c"], "c", path)]
    durations = [_whole(t, "an entry of d", 1, path) for t in _dzn_numbers(values["d"], "d", path)]
    for what, found, wanted in (
        ("ia", len(matrix), n * m),
        ("c", len(costs), m),
        ("d", len(durations), n),
    ):
        if found != wanted:
            raise InstanceError(
                f"{what} has {found} entries (expected {wanted} for "
                f"numScenes = {n}, numActors = {m})",
                path=path,
            )
    casts: list[set[int]] = [set() for _ in range(n)]
    for index, flag in enumerate(matrix):
        if flag not in ("0", "1"):
            raise InstanceError(
                f"ia row {index // n + 1}, column {index % n + 1}: {flag!r} (expected a 0/1 flag)",
                path=path,
            )
        if flag == "1":
            casts[index % n].add(index // n)
    return _instance(durations, costs, [frozenset(c) for c in casts], path.stem, path)


def _dzn_numbers(value: str, name: str, path: Path) -> list[str]:
    """The entries of a dzn array literal: [a, b], [| a, b | c, d |] or array2d(.., .., [..])."""
    match = re.fullmatch(r"array2d\s*\(.*?,.*?,\s*(\[.*\])\s*\)", value, re.S)
    if match:
        value = match.group(1)
    if not (value.startswith("[") and value.endswith("]")):
        raise InstanceError(f"{name} = {value[:30]!r} (expected an array literal [...])", path=path)
    return [t for t in re.split(r"[\s,|]+", value[1:-1]) if t]


def recipe_instance(n: int, m: int, seed: int) -> TalentInstance:
    """A random instance by the published recipe, the same for the same (n, m, seed).

    Garcia de la Banda, Stuckey & Chu (2011), "Type 2" instances: each actor's daily cost
    uniform in [1, 100], each scene's duration uniform in [1, 5] days, each actor in a
    uniform random number in [2, n] of distinct random scenes. The original files are not
    in any public repository, so this regenerates the recipe (benchmarks and tests use it).
    """
    from skyslate.solve.talent import TalentInstance

    rng = random.Random(f"talent-{n}-{m}-{seed}")
    costs = [rng.randint(1, 100) for _ in range(m)]
    durations = [rng.randint(1, 5) for _ in range(n)]
    casts: list[set[int]] = [set() for _ in range(n)]
    for actor in range(m):
        for scene in rng.sample(range(n), rng.randint(2, n)):
            casts[scene].add(actor)
    return TalentInstance(
        durations=durations,
        costs=costs,
        casts=[frozenset(cast) for cast in casts],
        name=f"rand-{n}x{m}-{seed}",
    )
