"""MkDocs hooks of the engine, listed under `hooks:` in every language's configuration.

A generated page whose front matter says `html_body: true` is one block of
HTML already (render.py's `html_block`): Markdown would hand it through
unchanged, after parsing it twice with Python's html.parser (Markdown's raw
HTML preprocessor, then MkDocs' search for anchor ids), which is most of an
engine build's time at thousands of events. Its body is set aside before
Markdown and put back after, so the page comes out as Markdown would have
written it; its anchor ids are read from the block for MkDocs' link checks.
Hand-written pages and the timeline keep full Markdown.

MkDocs loads this file by its path (not as part of the package), once per
build of a language, so the bodies kept here are one build's.
"""

from __future__ import annotations

import html
import re
from typing import Any

# The front matter key of pages whose body is one HTML block.
HTML_BODY = "html_body"

# What Markdown converts instead of the page: nothing, so its headings, title and table of contents stay empty as they were
# (headings inside raw HTML never reach Markdown's table of contents).
_PLACEHOLDER = ""

# An id attribute as the generator's templates write it: double-quoted, escaped by Jinja (so no '"' inside).
_ID = re.compile(r'\sid="([^"]*)"')

_bodies: dict[str, str] = {}


def on_config(config: Any) -> Any:
    _bodies.clear()
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if page.meta.get(HTML_BODY) is not True:
        return markdown
    _bodies[page.file.src_uri] = markdown
    return _PLACEHOLDER


def on_page_content(content: str, page: Any, config: Any, files: Any) -> str:
    body = _bodies.pop(page.file.src_uri, None)
    if body is None:
        return content
    # Markdown writes a raw HTML block without the blank lines around it.
    block = body.strip("\n")
    page.present_anchor_ids = {html.unescape(found) for found in _ID.findall(block)}
    return block
