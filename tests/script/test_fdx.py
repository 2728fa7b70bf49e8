"""Final Draft FDX: paragraphs, scene numbers and lengths, dual dialogue, breakdown tags, hostile XML."""

from __future__ import annotations

import pytest

from skyslate.errors import ScriptError
from skyslate.script import parse_fdx, read_script
from skyslate.script.fdx import parse_fdx_document, parse_length


def fdx(content: str, extra: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<FinalDraft DocumentType="Script" Version="5"><Content>{content}</Content>{extra}'
        "</FinalDraft>"
    )


def test_fixture_scenes(scripts_dir):
    breakdown = read_script(scripts_dir / "live-link.fdx")
    assert breakdown.title == "LIVE LINK"
    summary = [
        (s.number, s.int_ext, s.location, s.time_of_day, s.day_night, s.eighths, s.line)
        for s in breakdown.scenes
    ]
    # Scene 3 is OMITTED: it keeps its number in the script but has nothing to shoot.
    assert summary == [
        ("1", "INT", "TSUP - MAIN CONTROL ROOM", "NIGHT", "NIGHT", 11, 4),
        ("2", "INT", "ISS - NAUKA", "CONTINUOUS", "NIGHT", 1, 45),
        ("4A", "EXT", "KAZAKH STEPPE - LANDING SITE", "DAWN", "DAY", 2, 69),
    ]
    assert breakdown.scenes[0].synopsis == "The link opens."


def test_fixture_cast_and_dual_dialogue(scripts_dir):
    document = parse_fdx_document((scripts_dir / "live-link.fdx").read_bytes())
    cues = [(e.text, e.dual) for e in document.elements if e.kind == "character"]
    assert cues == [
        ("MATVEEV", False),
        ("ZHENYA (V.O.)", False),
        ("SABIROV (V.O.)", True),
        ("ZHENYA (CONT'D)", False),
    ]
    first = read_script(scripts_dir / "live-link.fdx").scenes[0]
    assert first.speaking == ["MATVEEV", "ZHENYA", "SABIROV"]


def test_text_runs_are_joined_in_order(scripts_dir):
    document = parse_fdx_document((scripts_dir / "live-link.fdx").read_bytes())
    action = next(e for e in document.elements if e.kind == "action")
    assert action.text == (
        "IGOR MATVEEV (60) watches the wall. A controller lifts an oxygen mask off the console"
        " and puts on a headset."
    )
    dialogue = [e.text for e in document.elements if e.kind == "dialogue"]
    assert dialogue[0] == "Station, Moscow. How do you hear me?"


def test_tags_map_by_category_name_not_number(scripts_dir):
    # The fixture numbers Sound 15 and Vehicles 30 (as Beat does), unlike Final Draft's 14 and 5.
    scenes = read_script(scripts_dir / "live-link.fdx").scenes
    assert scenes[0].elements == {"Props": ["OXYGEN MASK"], "Sound": ["HEADSET"]}
    # A tag and a ScriptNote in the tag notation land in the same category.
    assert scenes[1].elements == {"Wardrobe": ["SOKOL SUIT", "blue flight suit"]}
    assert scenes[2].elements == {"Vehicles": ["MI-8 HELICOPTER"]}


@pytest.mark.parametrize(
    ("text", "eighths"),
    [("1/8", 1), ("2/8", 2), ("1 3/8", 11), ("1 4/8", 12), ("3", 24), (" 0/8", None), ("", None)],
)
def test_scene_length(text, eighths):
    assert parse_length(text) == eighths


def test_measured_when_no_length_is_given():
    long_action = "".join(
        f'<Paragraph Type="Action"><Text>Line {i} of a long scene.</Text></Paragraph>'
        for i in range(40)
    )
    breakdown = parse_fdx(
        fdx(f'<Paragraph Type="Scene Heading"><Text>INT. A - DAY</Text></Paragraph>{long_action}')
    )
    # 1 heading + 40 one-line paragraphs with a blank line between each: 80 lines = 1 4/8.
    assert breakdown.scenes[0].eighths == 12
    assert breakdown.scenes[0].number is None


def test_unknown_category_names_are_kept_as_written():
    extra = (
        '<TagData><TagCategories><TagCategory Id="c1" Name="Space Food" Number="40"/>'
        '</TagCategories><TagDefinitions><TagDefinition CatId="c1" Id="d1" Label="BORSCHT"/>'
        '</TagDefinitions><Tags><Tag Number="9"><DefId>d1</DefId></Tag></Tags></TagData>'
    )
    breakdown = parse_fdx(
        fdx(
            '<Paragraph Type="Scene Heading"><Text>INT. ZVEZDA - NIGHT</Text></Paragraph>'
            '<Paragraph Type="Action"><Text TagNumber="9">Borscht</Text><Text> floats.</Text>'
            "</Paragraph>",
            extra,
        )
    )
    assert breakdown.scenes[0].elements == {"Space Food": ["BORSCHT"]}


def test_inline_tagdata_form_is_read_by_category_name():
    # The simpler form in open-fdx-toolkit's FDX_SPEC.md section 6.2 (marked provisional there).
    breakdown = parse_fdx(
        fdx(
            '<Paragraph Type="Scene Heading"><Text>INT. KITCHEN - DAY</Text>'
            '<TagData Category="Props" Tag="Coffee mug"/><TagData Category="prop" Tag=" kettle "/>'
            "</Paragraph>"
            '<Paragraph Type="Action"><Text>She pours.</Text>'
            '<TagData Category="Space Food" Tag="borscht"/><TagData Category="Wardrobe"/>'
            "</Paragraph>"
        )
    )
    assert breakdown.scenes[0].elements == {
        "Props": ["Coffee mug", "kettle"],
        "Space Food": ["borscht"],
    }


def test_empty_fdx_file_has_no_scenes():
    assert parse_fdx(b"").scenes == []
    assert parse_fdx(fdx("")).scenes == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"<FinalDraft><Content>\n<Paragraph>\n</Content>",
            "3: malformed FDX XML (mismatched tag)",
        ),
        (b'<?xml version="1.0"?>\n<Script/>', "2: not a Final Draft file: the root element is"),
        (b"<FinalDraft>\n</FinalDraft>", "1: FDX file has no <Content> element"),
    ],
)
def test_malformed_fdx(data, message):
    with pytest.raises(ScriptError) as error:
        parse_fdx(data, path="bad.fdx")
    assert str(error.value).startswith("bad.fdx:" + message)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<FinalDraft><Content><Paragraph Type="Action"><Text>&lol3;</Text></Paragraph></Content></FinalDraft>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<FinalDraft><Content><Paragraph Type="Action"><Text>&xxe;</Text></Paragraph></Content></FinalDraft>
"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_entity_bombs_and_external_entities_are_refused(data):
    with pytest.raises(ScriptError) as error:
        parse_fdx(data, path="evil.fdx")
    assert str(error.value) == (
        "evil.fdx:2: refusing unsafe XML (DTDForbidden): FDX files need no DTD or entities"
    )


def test_starts_new_page_breaks_the_page_when_lengths_are_measured():
    def script(attribute: str) -> str:
        return fdx(
            '<Paragraph Type="Scene Heading"><Text>INT. A - DAY</Text></Paragraph>'
            '<Paragraph Type="Action"><Text>One line.</Text></Paragraph>'
            f'<Paragraph Type="Scene Heading"{attribute}><Text>INT. B - DAY</Text></Paragraph>'
            '<Paragraph Type="Action"><Text>One line.</Text></Paragraph>'
        )

    # Scene A then runs to the foot of its page: 55 lines are a whole page, 8/8.
    assert [s.eighths for s in parse_fdx(script("")).scenes] == [1, 1]
    assert [s.eighths for s in parse_fdx(script(' StartsNewPage="Yes"')).scenes] == [8, 1]
