"""The scene half of building a Production: set, cast, crew, needs and allowed windows per scene."""

from __future__ import annotations

import difflib

from skyslate.plan import schema
from skyslate.plan.hours import hours_windows
from skyslate.plan.model import Location, SceneJob
from skyslate.plan.needs import need_problem
from skyslate.sky.windows import Windows


class SceneParts:
    """Methods of the project builder that turn script scenes into SceneJobs."""

    def _set_index(self):
        """Upper-case script location text -> (location, set entry, location index, set index)."""
        index = {}
        for i, entry in enumerate(self.p.locations):
            for j, set_entry in enumerate(entry.sets):
                for alias in dict.fromkeys(a.upper() for a in [set_entry.name, *set_entry.script]):
                    key = alias.upper()
                    if key in index:
                        raise self.error(
                            ("locations", i, "sets", j),
                            f"set text '{alias}' is claimed twice ({index[key][1].name} and {set_entry.name})",
                        )
                    index[key] = (self.locations[i], set_entry, i, j)
        return index

    def _resolve_set(self, scene, number, index, override):
        if override is not None and override.set is not None:
            for value in index.values():
                if value[1].name == override.set:
                    return value
            names = [v[1].name for v in index.values()]
            guess = difflib.get_close_matches(override.set, names, n=1)
            hint = f" (did you mean '{guess[0]}'?)" if guess else ""
            raise self.error(
                ("scenes", number, "set"), f"scene {number}: no set named '{override.set}'{hint}"
            )
        text = scene.location.upper().strip()
        if text in index:
            return index[text]
        # "STAR CITY - TRAINING POOL" belongs to a set written "STAR CITY" when no closer one exists
        parts = text.split(" - ")
        for n in range(len(parts) - 1, 0, -1):
            prefix = " - ".join(parts[:n])
            if prefix in index:
                return index[prefix]
        guess = difflib.get_close_matches(text, list(index), n=1)
        hint = f" (closest: '{guess[0]}')" if guess else ""
        raise self.error(
            ("locations",),
            f"scene {number} ({scene.heading}) is set in '{scene.location}', which no location's sets name{hint}; "
            "add it to a set's name or `script` list",
        )

    def _scenes(self, cast, people) -> list[SceneJob]:
        index = self._set_index()
        known = set(self.numbers)
        for number in self.p.scenes:
            if number not in known:
                guess = difflib.get_close_matches(number, self.numbers, n=1)
                hint = f" (did you mean '{guess[0]}'?)" if guess else ""
                raise self.error(
                    ("scenes", number),
                    f"scene {number} is not in the script{hint}; scenes run {self.numbers[0]} to {self.numbers[-1]}",
                )
        written = ("rules", "roles_on_set") in self.doc.lines.lines
        on_set = [
            self._holder(
                role,
                people,
                ("rules", "roles_on_set", k) if written else ("people",),
                "on set (rules.roles_on_set)",
            ).name
            for k, role in enumerate(self.p.rules.roles_on_set)
        ]
        board = {member.id for member in cast}
        person_names = [p.name for p in people]
        jobs = []
        for scene, number in zip(self.breakdown.scenes, self.numbers, strict=True):
            override = self.p.scenes.get(number)
            location, set_entry, li, sj = self._resolve_set(scene, number, index, override)
            # everyone the scene shows: speaking cues plus names introduced in the action
            shown = [*scene.speaking, *scene.characters]
            ids = sorted(
                {self.character_ids[c.upper()] for c in shown if c.upper() in self.character_ids}
            )
            crew = list(dict.fromkeys(on_set))
            needs, needs_path = self._needs(scene, location, set_entry, li, sj, number, override)
            for word in needs:
                problem = need_problem(word, location, location.stations, location.regions)
                if problem:
                    raise self.error(needs_path, f"scene {number} at {location.name}: {problem}")
            duration = round(scene.eighths * self.p.rates.minutes_per_eighth)
            job = SceneJob(
                number=number,
                set=set_entry.name,
                location=location.name,
                eighths=scene.eighths,
                duration_minutes=max(1, duration),
                needs=needs,
                int_ext=scene.int_ext,
                day_night=scene.day_night,
            )
            if override is not None:
                self._apply(job, override, ids, crew, board, person_names)
            job.cast, job.people = ids, crew
            job.allowed = self._allowed(job, location, override)
            jobs.append(job)
        self._check_order(jobs)
        return jobs

    def _check_order(self, jobs) -> None:
        """'after' rules must not go round in a circle (19 after 20 after 19)."""
        follows = {job.number: job.must_follow for job in jobs}
        done: set[str] = set()
        for start in follows:
            path, on_path = [], set()
            stack = [(start, iter(follows[start]))]
            path.append(start)
            on_path.add(start)
            while stack:
                number, children = stack[-1]
                child = next(children, None)
                if child is None:
                    stack.pop()
                    path.pop()
                    on_path.discard(number)
                    done.add(number)
                elif child in on_path:
                    circle = path[path.index(child) :] + [child]
                    words = f"{circle[0]} must follow scene " + ", which must follow scene ".join(
                        circle[1:]
                    )
                    k = follows[circle[0]].index(circle[1])
                    raise self.error(
                        ("scenes", circle[0], "after", k),
                        f"scene {words}: 'after' rules cannot go round in a circle",
                    )
                elif child not in done:
                    stack.append((child, iter(follows.get(child, []))))
                    path.append(child)
                    on_path.add(child)

    def _apply(self, job, override, ids, crew, board, person_names):
        number = job.number
        if override.duration_minutes is not None:
            job.duration_minutes = override.duration_minutes
        for k, board_id in enumerate(override.cast):
            if board_id not in board:
                raise self.error(
                    ("scenes", number, "cast", k),
                    f"scene {number}: no cast member has board id {board_id} (ids: {', '.join(map(str, sorted(board)))})",
                )
            if board_id not in ids:
                ids.append(board_id)
        ids.sort()
        for k, character in enumerate(override.not_on_set):
            board_id = self.character_ids.get(character.upper())
            if board_id is None:
                names = sorted(self.character_ids)
                guess = difflib.get_close_matches(character.upper(), names, n=1)
                hint = f" (did you mean '{guess[0]}'?)" if guess else ""
                raise self.error(
                    ("scenes", number, "not_on_set", k),
                    f"scene {number}: '{character}' is no cast member's character{hint}",
                )
            if board_id in ids:
                ids.remove(board_id)
        for k, name in enumerate(override.people):
            if name not in person_names:
                guess = difflib.get_close_matches(name, person_names, n=1)
                hint = f" (did you mean '{guess[0]}'?)" if guess else ""
                raise self.error(
                    ("scenes", number, "people", k),
                    f"scene {number}: no person named '{name}'{hint}",
                )
            if name not in crew:
                crew.append(name)
        for k, other in enumerate(override.after):
            if other not in self.numbers:
                raise self.error(
                    ("scenes", number, "after", k),
                    f"scene {number} must follow scene {other}, which is not in the script",
                )
            if other == number:
                raise self.error(
                    ("scenes", number, "after", k), f"scene {number} cannot follow itself"
                )
        job.must_follow = list(override.after)
        job.split_min_minutes = override.split_min_minutes
        first, last = self.shoot_dates[0], self.shoot_dates[-1]
        for key in ("date", "not_before", "not_after"):
            value = getattr(override, key)
            if value is not None and not first <= value <= last:
                raise self.error(
                    ("scenes", number, key),
                    f"scene {number}: {key} {value} is outside the calendar ({first} to {last})",
                )
        if override.date is not None and override.date not in self.shoot_dates:
            raise self.error(
                ("scenes", number, "date"),
                f"scene {number}: {override.date} is not a shooting day (a weekday off or a holiday)",
            )

    def _needs(self, scene, location, set_entry, li, sj, number, override):
        """The scene's needs and the key path they were written at."""
        if override is not None and override.needs is not None:
            return schema.split_needs(override.needs), ("scenes", number, "needs")
        if set_entry.needs is not None:
            return schema.split_needs(set_entry.needs), ("locations", li, "sets", sj, "needs")
        if location.kind == "orbit":
            return [], ("locations", li)  # station interiors need nothing unless the file says so
        outside = scene.int_ext in ("EXT", "INT/EXT", "EST")
        key = ("ext_" if outside else "int_") + ("night" if scene.day_night == "NIGHT" else "day")
        return schema.split_needs(getattr(self.p.needs, key)), ("needs", key)

    def _allowed(self, job: SceneJob, location: Location, override) -> Windows:
        """Needs ∩ shooting hours (∩ the scene's own hours) of each shoot date ∩ its dates."""
        dates = self.shoot_dates
        if override is not None:
            if override.date is not None:
                dates = [override.date]
            dates = [
                d
                for d in dates
                if (override.not_before is None or d >= override.not_before)
                and (override.not_after is None or d <= override.not_after)
            ]
        allowed = hours_windows(location, dates).intersection(self.sky.all_of(location, job.needs))
        if override is not None and override.hours is not None:
            allowed = allowed.intersection(hours_windows(location, dates, override.hours))
        if location.availability is not None:
            allowed = allowed.intersection(location.availability)
        return allowed
