"""Fountain 1.1, feature by feature (fountain.io/syntax); each fixture is small and our own."""

from __future__ import annotations

import pytest

from skyslate.errors import ScriptError
from skyslate.script import parse_fountain
from skyslate.script.fountain import parse_fountain_text


def kinds(text: str) -> list[tuple[str, str]]:
    return [(e.kind, e.text) for e in parse_fountain_text(text).elements]


def test_title_page_with_multi_line_values():
    doc = parse_fountain_text(
        "Title:\n    _**ORBIT**_\n    a test\nCredit: Written by\nAuthor: Nobody\n"
        "Contact:\n\tStar City\n\tMoscow Oblast\nDraft date: 1 May 2026\n\nINT. HOUSE - DAY\n"
    )
    assert doc.metadata == {
        "Title": "ORBIT\na test",
        "Credit": "Written by",
        "Author": "Nobody",
        "Contact": "Star City\nMoscow Oblast",
        "Draft date": "1 May 2026",
    }
    assert parse_fountain("Title: _**ORBIT**_\n\nINT. HOUSE - DAY\n").title == "ORBIT"


def test_title_page_without_the_blank_line_after_it_keeps_the_first_scene():
    # Off-spec but seen: an unindented line that is no "Key:" ends the title page there.
    breakdown = parse_fountain("Title: ORBIT\nAuthor: Nobody\nINT. HOUSE - DAY\n\nShe waits.\n")
    assert breakdown.metadata == {"Title": "ORBIT", "Author": "Nobody"}
    assert [(s.heading, s.line) for s in breakdown.scenes] == [("INT. HOUSE - DAY", 3)]


def test_title_key_in_any_case():
    assert parse_fountain("TITLE: Orbit\n\nINT. HOUSE - DAY\n").title == "Orbit"
    assert parse_fountain("title: Orbit\n\nINT. HOUSE - DAY\n").title == "Orbit"


def test_no_title_page_means_no_title():
    breakdown = parse_fountain("INT. HOUSE - DAY\n\nShe waits.\n")
    assert breakdown.title is None and breakdown.metadata == {}


@pytest.mark.parametrize(
    "line",
    [
        "INT. HOUSE - DAY",
        "EXT. HOUSE - DAY",
        "EST. HOUSE - DAY",
        "INT./EXT. HOUSE - DAY",
        "INT/EXT. HOUSE - DAY",
        "I/E HOUSE - DAY",
        "int. house - day",
        "Ext house - day",
    ],
)
def test_scene_heading_prefixes(line):
    assert kinds(f"{line}\n\nAction.\n")[0] == ("heading", line)


def test_forced_heading_and_not_an_ellipsis():
    doc = parse_fountain_text(".SNIPER SCOPE POV\n\nAction.\n\n...and then.\n")
    assert [(e.kind, e.text, e.forced) for e in doc.elements][:1] == [
        ("heading", "SNIPER SCOPE POV", True)
    ]
    assert doc.elements[-1].kind == "action" and doc.elements[-1].text == "...and then."
    scene = parse_fountain(".SNIPER SCOPE POV\n\nAction.\n").scenes[0]
    assert scene.int_ext is None and scene.location == "SNIPER SCOPE POV"


def test_upper_case_heading_without_a_blank_line_after_is_still_a_heading():
    # Off-spec but common; read as a cue it would drop the scene.
    text = "INT. HOUSE - DAY\nJohn enters.\n\nint. yard - day\nMore.\n"
    assert [k for k, _ in kinds(text)] == ["heading", "action", "action"]


def test_action_keeps_two_space_blank_lines():
    assert kinds("INT. A - DAY\n\nOne.\n  \nTwo.\n")[1] == ("action", "One.\n\nTwo.")


def test_heading_needs_a_blank_line_before():
    assert [k for k, _ in kinds("She waits.\nINT. HOUSE - DAY\n\nx\n")] == ["action", "action"]


def test_intercut_is_not_a_heading():
    text = "INT. HOUSE - DAY\n\nINTERCUT BETWEEN THE HOUSE AND THE STATION.\n\nAction.\n"
    breakdown = parse_fountain(text)
    assert len(breakdown.scenes) == 1
    assert kinds(text)[1] == ("action", "INTERCUT BETWEEN THE HOUSE AND THE STATION.")


def test_scene_numbers_reach_the_scene():
    breakdown = parse_fountain("INT. HOUSE - DAY #12A#\n\nAction.\n\nEXT. YARD - NIGHT\n\nMore.\n")
    assert [s.number for s in breakdown.scenes] == ["12A", None]
    assert breakdown.scenes[0].heading == "INT. HOUSE - DAY"


def test_action_forced_and_line_breaks_kept_tabs_expanded():
    doc = parse_fountain_text("INT. A - DAY\n\n!SHE SCREAMS.\n\nOne\n\tTwo\n")
    assert [(e.kind, e.text, e.forced) for e in doc.elements[1:]] == [
        ("action", "SHE SCREAMS.", True),
        ("action", "One\n    Two", False),
    ]


def test_character_dialogue_parenthetical_extensions():
    text = (
        "INT. A - DAY\n\nMATVEEV (V.O.)\n(filtered)\nBring him in.\n\n"
        "@McCLANE\nYippee.\n\nSABIROV (cont'd)\nStill here.\n\nR2D2\nBeep.\n\n23\nNot a cue.\n"
    )
    assert kinds(text)[1:] == [
        ("character", "MATVEEV (V.O.)"),
        ("parenthetical", "(filtered)"),
        ("dialogue", "Bring him in."),
        ("character", "McCLANE"),
        ("dialogue", "Yippee."),
        ("character", "SABIROV (cont'd)"),
        ("dialogue", "Still here."),
        ("character", "R2D2"),
        ("dialogue", "Beep."),
        ("action", "23\nNot a cue."),
    ]
    scene = parse_fountain(text).scenes[0]
    assert scene.speaking == ["MATVEEV", "MCCLANE", "SABIROV", "R2D2"]


def test_character_needs_dialogue_after_it():
    # An upper-case line with a blank line after it is action, not a cue.
    assert kinds("INT. A - DAY\n\nTHE DOOR OPENS.\n\nx\n")[1] == ("action", "THE DOOR OPENS.")


def test_dialogue_keeps_two_space_blank_lines():
    doc = parse_fountain_text("INT. A - DAY\n\nDEALER\nTen.\n  \nTwenty.\n\nAction.\n")
    assert [(e.kind, e.text) for e in doc.elements[1:]] == [
        ("character", "DEALER"),
        ("dialogue", "Ten.\n\nTwenty."),
        ("action", "Action."),
    ]


def test_dual_dialogue_marks_the_second_cue():
    doc = parse_fountain_text("INT. A - DAY\n\nBRICK\nScrew you.\n\nSTEEL ^\nNo, you.\n")
    cues = [(e.text, e.dual) for e in doc.elements if e.kind == "character"]
    assert cues == [("BRICK", False), ("STEEL", True)]
    assert parse_fountain("INT. A - DAY\n\nBRICK\nX.\n\nSTEEL ^\nY.\n").scenes[0].speaking == [
        "BRICK",
        "STEEL",
    ]


def test_transitions_natural_and_forced():
    text = "INT. A - DAY\n\nx\n\nCUT TO:\n\n> Burn to white.\n\nINT. B - DAY\n\ny\n"
    assert ("transition", "CUT TO:") in kinds(text)
    assert ("transition", "Burn to white.") in kinds(text)
    # "TO:" followed by a space-less colon but no blank line after is a cue, not a transition.
    assert kinds("INT. A - DAY\n\nCUT TO:\nHi.\n")[1][0] == "character"


def test_centered_lyrics_page_break():
    text = "INT. A - DAY\n\n> THE END <\n\n~Willy Wonka!\n~Willy Wonka!\n\n===\n\nx\n"
    assert kinds(text)[1:] == [
        ("centered", "THE END"),
        ("lyrics", "Willy Wonka!"),
        ("lyrics", "Willy Wonka!"),
        ("page_break", ""),
        ("action", "x"),
    ]


def test_notes_inline_and_multi_line_are_not_printed():
    text = (
        "INT. A - DAY\n\nHe opens the door. [[Is it locked?]] It swings.\n\n"
        "[[A note\nover two lines]]\n\nVERA\nHello. [[too loud]]\n"
    )
    doc = parse_fountain_text(text)
    assert [(e.kind, e.text) for e in doc.elements[1:]] == [
        ("action", "He opens the door.  It swings."),
        ("character", "VERA"),
        ("dialogue", "Hello."),
    ]
    assert [(n.text, n.line) for n in doc.notes] == [
        ("Is it locked?", 3),
        ("A note over two lines", 5),
        ("too loud", 9),
    ]


def test_a_note_between_cue_and_dialogue_does_not_break_the_speech():
    doc = parse_fountain_text("INT. A - DAY\n\nVERA\n[[softly]]\nHello.\n")
    assert [e.kind for e in doc.elements] == ["heading", "character", "dialogue"]


def test_boneyard_is_ignored_even_with_headings_inside():
    text = (
        "INT. A - DAY #1#\n\nKept.\n\n/*\nEXT. CUT SCENE - NIGHT #2#\n\nGone.\n*/\n\n"
        "INT. B - DAY #3#\n\nAlso /* not this */ kept.\n"
    )
    breakdown = parse_fountain(text)
    assert [s.number for s in breakdown.scenes] == ["1", "3"]
    assert breakdown.scenes[1].line == 11  # line numbers survive the boneyard
    assert kinds(text)[-1] == ("action", "Also  kept.")


def test_sections_and_synopses():
    text = "# Act One\n\n## Arrival\n\nINT. A - DAY\n\n= She arrives.\n\nAction.\n"
    doc = parse_fountain_text(text)
    assert [(e.kind, e.text, e.number) for e in doc.elements[:2]] == [
        ("section", "Act One", "1"),
        ("section", "Arrival", "2"),
    ]
    assert parse_fountain(text).scenes[0].synopsis == "She arrives."


def test_emphasis_is_removed_and_escapes_kept():
    assert kinds("INT. A - DAY\n\n*italic* **bold** ***both*** _under_ \\*star\\*\n")[1] == (
        "action",
        "italic bold both under *star*",
    )


def test_bom_crlf_and_cr_line_endings():
    text = "\ufeffTitle: T\r\n\r\nINT. A - DAY #1#\r\n\r\nVERA\r\nHi.\r\n"
    breakdown = parse_fountain(text)
    assert breakdown.title == "T"
    assert [(s.number, s.speaking, s.line) for s in breakdown.scenes] == [("1", ["VERA"], 3)]
    assert parse_fountain("INT. A - DAY\r\rVERA\rHi.\r").scenes[0].speaking == ["VERA"]


def test_empty_script_has_no_scenes():
    assert parse_fountain("").scenes == []
    assert parse_fountain("\n\n   \n").scenes == []
    assert parse_fountain("Just some action and no heading.\n").scenes == []


def test_unterminated_boneyard_and_note_say_where_they_start():
    with pytest.raises(ScriptError) as error:
        parse_fountain("INT. A - DAY\n\nx\n/* cut\n\nmore\n", path="s.fountain")
    assert str(error.value) == "s.fountain:4: boneyard '/*' is never closed with '*/'"
    with pytest.raises(ScriptError) as error:
        parse_fountain("INT. A - DAY\n\nx [[ note\n\nmore\n", path="s.fountain")
    assert str(error.value) == "s.fountain:3: note '[[' is never closed with ']]'"


def test_tag_notation_in_notes_maps_to_standard_categories():
    text = (
        "[[prop: ignored, before any scene]]\n\nINT. A - DAY\n\n"
        "She lifts the mask. [[prop: oxygen mask]]\n\n"
        "[[wardrobe: wetsuit]]\n[[Props: scalpel, suction unit]]\n[[vfx: Earth at night]]\n"
        "[[make-up: bruise]]\n[[extras: 20 controllers]]\n[[sfx: snow]]\n"
        "[[TODO: check this]]\n[[Just a thought: nothing]]\n\nEXT. B - NIGHT\n\n[[vehicle: bus]]\n"
    )
    first, second = parse_fountain(text).scenes
    assert first.elements == {
        "Props": ["oxygen mask", "scalpel", "suction unit"],
        "Wardrobe": ["wetsuit"],
        "Visual Effects": ["Earth at night"],
        "Makeup/Hair": ["bruise"],
        "Background Actors": ["20 controllers"],
        "Special Effects": ["snow"],
    }
    assert second.elements == {"Vehicles": ["bus"]}


def test_characters_detected_in_action_are_listed_after_speakers():
    text = (
        'INT. NAUKA - DAY\n\nLEV ORLOV (50) floats, asleep. DR. YEVGENIA "ZHENYA" BELOVA (34)'
        " checks him. A NURSE (40s) waits.\n\nZHENYA\nHe is stable.\n\n"
        "INT. ZVEZDA - NIGHT\n\nORLOV sleeps. Zhenya dreams of Orlov.\n\nORLOV\nWater.\n"
    )
    first, second = parse_fountain(text).scenes
    assert first.speaking == ["ZHENYA"]
    assert first.characters == ["ZHENYA", "ORLOV", "NURSE"]
    # Capitals mark presence; a name in ordinary case is only a mention.
    assert second.characters == ["ORLOV"]


def test_continuous_inherits_day_or_night():
    text = "EXT. A - DUSK\n\nx\n\nINT. B - CONTINUOUS\n\ny\n\nINT. C - DAWN\n\nz\n\nINT. D - LATER\n\nw\n"
    assert [s.day_night for s in parse_fountain(text).scenes] == ["NIGHT", "NIGHT", "DAY", "DAY"]


def test_mentions_in_capitals_take_the_longest_known_name():
    from skyslate.script.cast import longest_name_words, mentioned

    known = {"LEV", "LEV ORLOV", "VERA"}
    action = 'LEV ORLOV\'s hand twitches. VERA: (quietly) Lev? "LEV!" vera.'
    assert mentioned(known, action, longest_name_words(known)) == ["LEV ORLOV", "VERA", "LEV"]


def test_voice_over_speakers_are_listed_apart():
    text = (
        "INT. NAUKA - DAY\n\nGURIN (V.O.)\nI see you.\n\nZHENYA\nSuction.\n\n"
        "VERA (O.S.)\nReady.\n\nEXT. YARD - DAY\n\nGURIN (v. o.)\nHello.\n\nGURIN\nIn person.\n"
    )
    first, second = parse_fountain(text).scenes
    assert first.speaking == ["GURIN", "ZHENYA", "VERA"]
    assert first.voice_over == ["GURIN"]  # O.S. is off screen but on set
    assert second.voice_over == []  # heard on the radio, then seen
    assert "voice_over" not in first.to_dict()


def test_tab_indented_heading_and_speech_read_as_if_flush_left():
    breakdown = parse_fountain("\tINT. HOUSE - DAY\n\n\tVERA\n\t\tHi.\n")
    assert [(s.location, s.speaking) for s in breakdown.scenes] == [("HOUSE", ["VERA"])]
