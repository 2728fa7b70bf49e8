"""Shrink a talent instance without changing its optimum (Garcia de la Banda et al. 2011, sec. 3).

Repeated until nothing changes: an actor in only one remaining scene, or in
every remaining scene, never waits, so their pay is fixed and they are
dropped; a scene with nobody left is shot first, when nobody is waiting yet;
scenes with the same cast are shot back to back in some optimal order, so they
merge into one scene of the summed duration.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from skyslate.solve.talent import TalentInstance


@dataclass(frozen=True)
class Reduced:
    """The core problem left after reduction and how to map its orders back."""

    durations: list[int]
    costs: list[int]
    casts: list[frozenset[int]]  # over the kept actors, renumbered 0..len(costs)-1
    groups: list[list[int]]  # original scenes behind each reduced scene
    first: list[int]  # original scenes shot before everything else (nobody waits)

    def expand(self, order: list[int]) -> list[int]:
        """The full original scene order for an order of the reduced scenes."""
        full = list(self.first)
        for scene in order:
            full.extend(self.groups[scene])
        return full


def reduce_instance(instance: TalentInstance) -> Reduced:
    """Apply the reductions until a fixed point; holding cost is unchanged for every order."""
    groups = [[s] for s in range(instance.scene_count)]
    durations = list(instance.durations)
    casts = [set(cast) for cast in instance.casts]
    first: list[int] = []
    changed = True
    while changed:
        changed = False
        count: dict[int, int] = {}
        for cast in casts:
            for actor in cast:
                count[actor] = count.get(actor, 0) + 1
        fixed = {a for a, k in count.items() if k == 1 or k == len(casts)}
        if fixed:
            changed = True
            for cast in casts:
                cast -= fixed
        keep = []
        for index, cast in enumerate(casts):
            if cast:
                keep.append(index)
            else:
                first.extend(groups[index])
                changed = True
        merged: dict[frozenset[int], int] = {}
        new_groups, new_durations, new_casts = [], [], []
        for index in keep:
            key = frozenset(casts[index])
            if key in merged:
                target = merged[key]
                new_groups[target].extend(groups[index])
                new_durations[target] += durations[index]
                changed = True
            else:
                merged[key] = len(new_groups)
                new_groups.append(list(groups[index]))
                new_durations.append(durations[index])
                new_casts.append(set(key))
        groups, durations, casts = new_groups, new_durations, new_casts
    actors = sorted(set().union(*casts)) if casts else []
    renumber = {actor: new for new, actor in enumerate(actors)}
    return Reduced(
        durations=durations,
        costs=[instance.costs[a] for a in actors],
        casts=[frozenset(renumber[a] for a in cast) for cast in casts],
        groups=groups,
        first=first,
    )
