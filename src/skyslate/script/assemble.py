"""Printed elements and notes -> a Breakdown: scenes with set, day or night, length and cast."""

from __future__ import annotations

from bisect import bisect_right

from skyslate.script.cast import (
    cue_name,
    introduced_names,
    is_voice_over,
    longest_name_words,
    match_known,
    mentioned,
    name_trie,
)
from skyslate.script.elements import ACTION, CHARACTER, HEADING, SYNOPSIS, Element, Note
from skyslate.script.heading import day_or_night, parse_heading
from skyslate.script.model import Breakdown, Scene
from skyslate.script.pages import lay_out
from skyslate.script.tags import add_element, parse_tag_note


def build_breakdown(
    elements: list[Element],
    notes: list[Note],
    *,
    title: str | None,
    metadata: dict[str, str] | None = None,
    source: str | None = None,
) -> Breakdown:
    """Cut the elements into scenes at each heading and break every scene down."""
    measured = lay_out(elements).scene_eighths
    known = {cue_name(e.text) for e in elements if e.kind == CHARACTER}
    known.discard("")
    longest = longest_name_words(known)
    names = name_trie(known)
    scenes: list[Scene] = []
    previous_day_night = None
    current: list[Element] = []
    heading: Element | None = None

    def close() -> None:
        nonlocal previous_day_night
        if heading is None:
            return
        scene = _scene(
            heading, current, known, longest, names, measured[len(scenes)], previous_day_night
        )
        previous_day_night = scene.day_night
        scenes.append(scene)

    for element in elements:
        if element.kind == HEADING:
            close()
            heading, current = element, []
        else:
            current.append(element)
    close()
    _attach_notes(scenes, notes)
    return Breakdown(title=title, scenes=scenes, metadata=dict(metadata or {}), source=source)


def _scene(
    heading: Element,
    body: list[Element],
    known: set[str],
    longest: int,
    names,
    measured_eighths: int,
    previous_day_night: str | None,
) -> Scene:
    parts = parse_heading(heading.text)
    speaking: list[str] = []
    on_screen: set[str] = set()
    for element in body:
        if element.kind == CHARACTER:
            name = cue_name(element.text)
            if name and name not in speaking:
                speaking.append(name)
            if not is_voice_over(element.text):
                on_screen.add(name)
    characters = list(speaking)
    for element in body:
        if element.kind != ACTION:
            continue
        # Detected, not speaking: named in the action, or introduced in capitals with an age.
        found = mentioned(known, element.text, longest, names)
        found += [match_known(name, known) for name in introduced_names(element.text)]
        for name in found:
            if name not in characters:
                characters.append(name)
    elements: dict[str, list[str]] = {}
    for element in [heading, *body]:
        for category, label in element.tags:
            add_element(elements, category, label)
    synopsis = next((e.text for e in body if e.kind == SYNOPSIS), None)
    return Scene(
        number=heading.number,
        heading=heading.text,
        int_ext=parts.int_ext,
        location=parts.location,
        time_of_day=parts.time_of_day,
        day_night=day_or_night(parts.time_of_day, previous_day_night),
        eighths=heading.eighths if heading.eighths else measured_eighths,
        speaking=speaking,
        characters=characters,
        elements=elements,
        line=heading.line,
        synopsis=synopsis,
        voice_over=[name for name in speaking if name not in on_screen],
    )


def _attach_notes(scenes: list[Scene], notes: list[Note]) -> None:
    """Tag notes belong to the scene whose heading comes last before them."""
    starts = [scene.line for scene in scenes]
    for note in notes:
        tag = parse_tag_note(note.text)
        index = bisect_right(starts, note.line) - 1
        if tag is None or index < 0:
            continue  # an ordinary note, or a tag before the first scene
        category, labels = tag
        for label in labels:
            add_element(scenes[index].elements, category, label)
