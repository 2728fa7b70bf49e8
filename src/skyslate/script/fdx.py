"""Final Draft FDX (XML) -> printed elements, parsed with defusedxml because files come from strangers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from skyslate.errors import ScriptError
from skyslate.script.elements import (
    ACTION,
    CENTERED,
    CHARACTER,
    DIALOGUE,
    HEADING,
    PAGE_BREAK,
    PARENTHETICAL,
    SYNOPSIS,
    TRANSITION,
    Element,
    Note,
)
from skyslate.script.source import decode_text
from skyslate.script.tags import category_for

_KINDS = {
    "Scene Heading": HEADING,
    "Action": ACTION,
    "Character": CHARACTER,
    "Dialogue": DIALOGUE,
    "Parenthetical": PARENTHETICAL,
    "Transition": TRANSITION,
    "Shot": ACTION,
    "General": ACTION,
    "Cast List": ACTION,
    "New Act": CENTERED,
    "End of Act": CENTERED,
}
_LENGTH = re.compile(r"^\s*(?:(\d+)\s+)?(\d+)/8\s*$|^\s*(\d+)\s*$")


@dataclass
class FdxDocument:
    """What an FDX file holds, before it is cut into scenes."""

    title: str | None
    metadata: dict[str, str] = field(default_factory=dict)
    elements: list[Element] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    path: str | Path | None = None  # for errors found while reading paragraphs


class _LineBuilder(ET.TreeBuilder):
    """A tree builder that remembers the source line where each element starts."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[int, int] = {}
        self.parser: DefusedXMLParser | None = None

    def start(self, tag, attrs):
        element = super().start(tag, attrs)
        if self.parser is not None:
            self.lines[id(element)] = self.parser.parser.CurrentLineNumber
        return element


def parse_length(text: str | None) -> int | None:
    """FDX `SceneProperties Length` ("1 3/8", "2/8", "3") in eighths; None if absent or odd."""
    if not text:
        return None
    match = _LENGTH.match(text)
    if not match:
        return None
    if match.group(3) is not None:
        eighths = int(match.group(3)) * 8
    else:
        eighths = int(match.group(1) or 0) * 8 + int(match.group(2))
    return eighths if eighths >= 1 else None


def _parse_xml(data: bytes, path: str | Path | None) -> tuple[ET.Element, dict[int, int]]:
    builder = _LineBuilder()
    # No DTDs at all: FDX never needs one, and they carry entity bombs and external entities.
    parser = DefusedXMLParser(
        target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    builder.parser = parser
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException as error:
        line = getattr(parser.parser, "CurrentLineNumber", None)
        raise ScriptError(
            f"refusing unsafe XML ({type(error).__name__}): FDX files need no DTD or entities",
            path=path,
            line=line,
        ) from None
    except ET.ParseError as error:
        line, _column = error.position
        message = str(error).split(":")[0]
        raise ScriptError(f"malformed FDX XML ({message})", path=path, line=line) from None
    return root, builder.lines


def _text(paragraph: ET.Element, tag_labels: dict[str, tuple[str, str]]) -> tuple[str, list]:
    """The paragraph's text runs joined in order, and the (category, label) of tagged runs."""
    parts, tags = [], []
    for run in paragraph.findall("Text"):
        value = run.text or ""
        parts.append(value)
        number = run.get("TagNumber")
        if number and number in tag_labels:
            tags.append(tag_labels[number])
    return "".join(parts), tags


def _tag_labels(root: ET.Element) -> dict[str, tuple[str, str]]:
    """TagNumber -> (category, label), matching categories by Name, never by Number."""
    data = root.find("TagData")
    if data is None:
        return {}
    categories = {}
    for category in data.iter("TagCategory"):
        name = (category.get("Name") or "").strip()
        categories[(category.get("Id") or "").lower()] = category_for(name) or name
    definitions = {}
    for definition in data.iter("TagDefinition"):
        category = categories.get((definition.get("CatId") or "").lower())
        label = (definition.get("Label") or "").strip()
        if category and label:
            definitions[(definition.get("Id") or "").lower()] = (category, label)
    labels = {}
    for tag in data.iter("Tag"):
        number = tag.get("Number")
        definition_id = (tag.findtext("DefId") or "").strip().lower()
        if number and definition_id in definitions:
            labels[number] = definitions[definition_id]
    return labels


def _inline_tags(paragraph: ET.Element) -> list[tuple[str, str]]:
    """The simpler form `<TagData Category="Props" Tag="Coffee mug"/>` inside a paragraph.

    open-fdx-toolkit's FDX_SPEC.md (section 6.2) documents it as provisional; reading it
    costs nothing and the category is still matched by name.
    """
    tags = []
    for tag in paragraph.findall("TagData"):
        category = (tag.get("Category") or "").strip()
        label = " ".join((tag.get("Tag") or "").split())
        if category and label:
            tags.append((category_for(category) or category, label))
    return tags


def _title(root: ET.Element) -> tuple[str | None, dict[str, str]]:
    page = root.find("TitlePage")
    if page is None:
        return None, {}
    lines = []
    for paragraph in page.iter("Paragraph"):
        text = "".join(run.text or "" for run in paragraph.findall("Text")).strip()
        if text:
            lines.append(text)
    if not lines:
        return None, {}
    return lines[0], {"Title page": "\n".join(lines)}


def parse_fdx_document(data: bytes | str, path: str | Path | None = None) -> FdxDocument:
    """Read FDX bytes into the title, printed elements and script notes."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not data.strip():
        return FdxDocument(title=None)  # an empty file is an empty script, as in Fountain
    if b"\x00" in data:
        decode_text(data, path)  # says "not a text file" rather than "malformed XML"
    root, lines = _parse_xml(data, path)
    if root.tag != "FinalDraft":
        raise ScriptError(
            f"not a Final Draft file: the root element is <{root.tag}>, expected <FinalDraft>",
            path=path,
            line=lines.get(id(root)),
        )
    content = root.find("Content")
    if content is None:
        raise ScriptError("FDX file has no <Content> element", path=path, line=lines.get(id(root)))
    tag_labels = _tag_labels(root)
    title, metadata = _title(root)
    document = FdxDocument(title=title, metadata=metadata, path=path)
    for paragraph in content:
        if paragraph.tag == "Paragraph":
            _read_paragraph(paragraph, lines, tag_labels, document)
    return document


def _read_paragraph(
    paragraph: ET.Element,
    lines: dict[int, int],
    tag_labels: dict[str, tuple[str, str]],
    document: FdxDocument,
    in_dual: bool = False,
) -> None:
    line = lines.get(id(paragraph), 0)
    dual = paragraph.find("DualDialogue")
    if dual is not None:
        if in_dual:
            # Only direct children are read, each once: nesting pairs inside pairs means
            # nothing on a page, and walking it would be exponential in a hostile file.
            raise ScriptError(
                "a DualDialogue inside another DualDialogue; dual dialogue pairs speeches"
                " one level deep",
                path=document.path,
                line=lines.get(id(dual), line),
            )
        # The second cue of the pair is the one printed beside the first.
        cues = 0
        for inner in dual.findall("Paragraph"):
            if inner.get("Type") == "Character":
                cues += 1
            count = len(document.elements)
            _read_paragraph(inner, lines, tag_labels, document, in_dual=True)
            if cues == 2 and len(document.elements) > count:
                document.elements[-1].dual = True
        return
    for note in paragraph.findall("ScriptNote"):
        text = " ".join(
            "".join(run.text or "" for run in inner.findall("Text"))
            for inner in note.findall("Paragraph")
        )
        document.notes.append(Note(text=" ".join(text.split()), line=lines.get(id(note), line)))
    kind = _KINDS.get(paragraph.get("Type") or "", ACTION)
    text, tags = _text(paragraph, tag_labels)
    tags += _inline_tags(paragraph)
    text = text.strip("\n")
    if paragraph.get("StartsNewPage") == "Yes" and text.strip():
        # A forced page break changes where scenes fall when their length is measured.
        document.elements.append(Element(PAGE_BREAK, "", line))
    if kind == HEADING:
        heading = " ".join(text.split())
        if heading.upper() == "OMITTED" or paragraph.find("OmittedScene") is not None:
            return  # an omitted scene keeps its number but has nothing to shoot
        properties = paragraph.find("SceneProperties")
        eighths = parse_length(properties.get("Length")) if properties is not None else None
        number = paragraph.get("Number") or None
        if number is None and properties is not None:
            number = properties.get("Number") or None
        element = Element(HEADING, heading, line, number=number, eighths=eighths)
        element.tags = tuple(tags)
        document.elements.append(element)
        summary = properties.find("Summary") if properties is not None else None
        if summary is not None:
            words = " ".join(
                "".join(run.text or "" for run in inner.findall("Text"))
                for inner in summary.findall("Paragraph")
            ).split()
            if words:
                document.elements.append(Element(SYNOPSIS, " ".join(words), line))
        return
    else:
        if not text.strip():
            return
        element = Element(kind, text, line)
    element.tags = tuple(tags)
    document.elements.append(element)
