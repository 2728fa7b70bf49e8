"""Seeded random talent-scheduling instances by the published recipe.

Garcia de la Banda, Stuckey & Chu (2011), "Type 2" instances: each actor's daily
cost uniform in [1, 100], each scene's duration uniform in [1, 5] days, each actor
in a uniform random number in [2, n] of distinct random scenes. The original
20,000 files are not in any public repository, so this regenerates the recipe.
"""

from __future__ import annotations

import random

from skyslate.solve.talent import TalentInstance


def random_instance(n: int, m: int, seed: int) -> TalentInstance:
    """One instance with n scenes and m actors, the same for the same (n, m, seed)."""
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
