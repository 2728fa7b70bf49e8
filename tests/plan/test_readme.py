"""The README's project-file example is a valid project file, key for key."""

from __future__ import annotations

import re
from pathlib import Path

from skyslate.plan.project import read_document

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_documented_project_file_validates():
    text = README.read_text(encoding="utf-8")
    section = text[text.index("<!-- section:project -->") : text.index("<!-- /section:project -->")]
    example = re.search(r"```toml\n(.*?)```", section, re.S).group(1)
    document = read_document(example, source="README.md")
    project = document.project
    assert project.scenes["16"].not_on_set == ["GURIN"]
    assert project.moves[0].between == ["Moscow", "Star City"]
    assert project.locations[0].kind == "orbit" and project.locations[1].kind == "ground"
    assert [s.name for s in project.locations[1].sets] == ["STAR CITY", "GAGARIN ALLEY"]
