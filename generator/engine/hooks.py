"""MkDocs hooks of the engine, listed under `hooks:` in every language's configuration.

A generated page whose front matter says `html_body: true` is one block of
HTML already (render.py's `html_block`): Markdown would hand it through
unchanged, after parsing it twice with Python's html.parser (Markdown's raw
HTML preprocessor, then MkDocs' search for anchor ids), which is most of an
engine build's time at thousands of events. Its body is set aside before
Markdown and put back after, so the page comes out as Markdown would have
written it; its anchor ids are read from the block for MkDocs' link checks.
Hand-written pages and the timeline keep full Markdown. A page shell
(front matter `page_shell: true`, see generator/shell.py) is built like any
such page, but left out of the sitemap: the generator deletes it.

Every page then loses the theme's indentation: a run of whitespace between
tags or in text that holds a line break becomes one line break, which a
browser shows alike (both are one collapsible space); tags, comments and the
content of pre, textarea, script and style stay exactly as written.

The search dialog and its strings are the same on every page of a language:
they are written once, into a script that the pages load (and browsers keep),
instead of into every page.

MkDocs loads this file by its path (not as part of the package), once per
build of a language, so the bodies kept here are one build's.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

# The front matter key of pages whose body is one HTML block.
HTML_BODY = "html_body"

# What Markdown converts instead of the page: nothing, so its headings, title and table of contents stay empty as they were
# (headings inside raw HTML never reach Markdown's table of contents).
_PLACEHOLDER = ""

# An id attribute as the generator's templates write it: double-quoted, escaped by Jinja (so no '"' inside).
_ID = re.compile(r'\sid="([^"]*)"')

_bodies: dict[str, str] = {}

# What is kept as written: elements whose content keeps its whitespace, comments, and every tag
# (attribute values included; a quoted value may hold a '>').
_KEPT = re.compile(
    r"<(pre|textarea|script|style)\b.*?</\1\s*>|<!--.*?-->|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.DOTALL | re.IGNORECASE,
)
# HTML's whitespace (not \s, which also matches a no-break space), in a run that breaks a line.
_BROKEN_RUN = re.compile(r"[ \t\r\f]*\n[ \t\r\n\f]*")


def on_files(files: Any, config: Any) -> Any:
    """The pages the generator writes itself, as pages MkDocs does not build (excluded): a link from a
    hand-written page to one (`../events/<id>.md`) becomes its address, as for any page, instead of a warning."""
    from mkdocs.structure.files import File, InclusionLevel

    name = config.extra.get("timeline_pages_elsewhere")
    if not name:
        return files
    listed = Path(config.config_file_path).parent / name
    for src_uri in listed.read_text(encoding="utf-8").splitlines():
        if files.get_file_from_path(src_uri) is None:
            files.append(File.generated(config, src_uri, content="", inclusion=InclusionLevel.EXCLUDED))
    return files


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


# A page shell (generator/shell.py): built only to be cut into other pages, then deleted, so never listed.
PAGE_SHELL = "page_shell"


def on_template_context(context: Any, template_name: str, config: Any) -> Any:
    if template_name == "sitemap.xml":
        context["pages"] = [file for file in context["pages"] if not (file.page and file.page.meta.get(PAGE_SHELL) is True)]
    return context


def on_post_page(output: str, page: Any, config: Any) -> str:
    return collapse_whitespace(output)


def collapse_whitespace(html_text: str) -> str:
    """The page with each run of whitespace that breaks a line, outside tags and kept elements, as one line break."""
    parts = []
    done = 0
    for kept in _KEPT.finditer(html_text):
        parts.append(_BROKEN_RUN.sub("\n", html_text[done : kept.start()]))
        parts.append(kept.group())
        done = kept.end()
    parts.append(_BROKEN_RUN.sub("\n", html_text[done:]))
    return "".join(parts)


# The search dialog's script, in the site of each language (partials/pagefind.html loads it).
SEARCH_DIALOG = "assets/javascripts/pagefind-dialog.js"


def on_post_build(config: Any) -> None:
    dialog = config.theme.get_env().get_template("partials/pagefind-dialog.html").render(config=config)
    search = config.extra.get("search") or {}
    data = {"strings": search.get("strings") or {}, "dialog": collapse_whitespace(dialog).strip()}
    script = Path(config.site_dir) / SEARCH_DIALOG
    script.parent.mkdir(parents=True, exist_ok=True)
    # JSON is JavaScript; the file is a script of its own, so no '</script>' can end it early.
    script.write_text(f"window.timelineSearchDialog && window.timelineSearchDialog({json.dumps(data, ensure_ascii=False)});\n", encoding="utf-8")
