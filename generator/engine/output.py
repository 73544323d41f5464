"""What the engine does to the values it prints, for pages written through a page shell (generator/build/shell.py).

A page shell is an ordinary page that the engine builds with placeholders
where a page's own values go; the generator then writes many pages from it.
For those pages to be the ones the engine would have written, each value
must be changed exactly as the engine changes it on its way into the HTML:

- a page's metadata (title, description, share values) is printed by the
  theme's templates through Jinja's `e` filter (overrides/main.html and
  partials/; tests/test_engine.py keeps them Material's own but for `| e`);
- an HTML body (front matter `html_body: true`) is put in as it is, less the
  blank lines around the block (hooks.py, `on_page_content`);
- then the whole page loses the theme's indentation (hooks.py,
  `collapse_whitespace`), which reaches into the values printed as text.

tests/test_shell.py builds pages both ways and compares them byte for byte.
"""

from __future__ import annotations

from markupsafe import escape

from .hooks import collapse_whitespace


def printed_meta(value: str) -> str:
    """A metadata value as the theme's `{{ value | e }}` prints it (in text or in a quoted attribute)."""
    return str(escape(value))


def built_text(text: str) -> str:
    """Text of a page (between tags, outside pre, script, style and textarea) as it is in the built page."""
    return collapse_whitespace(text)


def built_body(body: str) -> str:
    """A page's HTML body (front matter `html_body: true`) as it is in the built page."""
    return collapse_whitespace(body.strip("\n"))


def encoded_page(page: str) -> bytes:
    """A built page's bytes, as the engine writes them (a lone surrogate as a character reference)."""
    return page.encode("utf-8", errors="xmlcharrefreplace")
