"""The site's own stylesheets and scripts as browsers get them: without comments and indentation.

The sources keep their comments, which say why each rule is there; a reader's
browser needs none of them (they were about a third of the gzipped bytes of
what every page loads). rcssmin and rjsmin only remove what does not change
meaning. The theme's own files come minified already and are left alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import rcssmin
import rjsmin

OVERRIDES = Path(__file__).parent / "overrides"
# Material's own code, kept byte for byte as the theme ships it (tests/test_engine.py compares it).
THEIRS = ("assets/javascripts/palette.js",)


def own_assets(extra_css: Iterable[str]) -> list[str]:
    """The site-relative paths of the stylesheets and scripts this project writes."""
    theme = sorted(
        path.relative_to(OVERRIDES).as_posix()
        for path in (OVERRIDES / "assets").rglob("*")
        if path.suffix in (".css", ".js") and ".min." not in path.name
    )
    theme = [address for address in theme if address not in THEIRS]
    return theme + [address for address in extra_css if address.endswith(".css") and "://" not in address]


def minify(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    smaller = rcssmin.cssmin(text) if path.suffix == ".css" else rjsmin.jsmin(text)
    path.write_text(smaller, encoding="utf-8")


def minify_own_assets(site_dir: Path, extra_css: Iterable[str]) -> None:
    for address in own_assets(extra_css):
        path = site_dir / address
        if path.is_file():
            minify(path)
