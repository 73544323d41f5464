"""The documentation: a short README for newcomers, the rest in guide/, and no link between them that leads nowhere."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from conftest import REPO

GUIDE = REPO / "guide"
PAGES = [REPO / "README.md", *sorted(GUIDE.glob("*.md"))]

FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)
CODE_SPAN = re.compile(r"(`+).+?\1", re.S)
# Markdown links and images, [text](target "title"), and the src/href of HTML written in a page.
TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|\b(?:src|href)=\"([^\"]+)\"")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.M)


def prose(text: str) -> str:
    """The page without its code: a sample such as `via: [Bloomberg]` is not a link."""
    return CODE_SPAN.sub("", FENCE.sub("", text))


def links(page: Path) -> list[str]:
    return [first or second for first, second in TARGET.findall(prose(page.read_text(encoding="utf-8")))]


def anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    kept = "".join(char for char in heading.lower() if unicodedata.category(char)[0] in "LNM" or char in " -_")
    return kept.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    found: set[str] = set()
    for heading in HEADING.findall(FENCE.sub("", page.read_text(encoding="utf-8"))):
        name = base = anchor(heading)
        count = 0
        while name in found:  # GitHub numbers a repeated heading's anchor: name-1, name-2…
            count += 1
            name = f"{base}-{count}"
        found.add(name)
    return found


def relative(target: str) -> bool:
    return re.match(r"[a-z][a-z0-9+.-]*:", target, re.I) is None and not target.startswith("//")


def test_the_readme_stays_short():
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) < 260, f"README.md has {len(lines)} lines; move the details into guide/ (see guide/README.md)"


def test_the_guide_has_a_page_for_each_reader_and_an_index():
    names = {page.name for page in GUIDE.glob("*.md")}
    assert {"README.md", "maintainers.md", "data-model.md", "operators.md", "contributors.md", "performance.md"} <= names
    index = links(GUIDE / "README.md")
    assert all(name in {target.split("#")[0] for target in index} for name in names - {"README.md"})


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(REPO)))
def test_every_relative_link_leads_to_a_file_of_the_repository(page):
    targets = [target for target in links(page) if relative(target)]
    assert targets, f"{page.name} links to no other page"
    for target in targets:
        path = target.split("#", 1)[0]
        if not path:
            continue
        found = (page.parent / path).resolve()
        assert found.is_relative_to(REPO), f"{page.name}: {target} leads out of the repository"
        assert found.exists(), f"{page.name}: {target} leads to no file ({found.relative_to(REPO)} is missing)"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(REPO)))
def test_every_link_to_a_heading_finds_it(page):
    for target in filter(relative, links(page)):
        path, _, name = target.partition("#")
        if not name:
            continue
        linked = (page.parent / path).resolve() if path else page
        if linked.suffix != ".md" or not linked.is_file():
            continue  # a missing file is the test above's
        assert name in anchors(linked), f"{page.name}: {target}: {linked.name} has no heading with the anchor #{name}"


def test_the_pictures_stay_small():
    pictures = sorted((GUIDE / "images").glob("*.png"))
    assert pictures
    for picture in pictures:
        assert picture.stat().st_size < 150_000, f"{picture.name} is {picture.stat().st_size:,} bytes; optimise it (pngquant, optipng)"
