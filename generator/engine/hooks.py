"""MkDocs hooks of the engine, listed under `hooks:` in every language's configuration.

A generated page whose front matter says `html_body: true` is one block of
HTML already (site/environment.py's `html_block`): Markdown would hand it through
unchanged, after parsing it twice with Python's html.parser (Markdown's raw
HTML preprocessor, then MkDocs' search for anchor ids), which is most of an
engine build's time at thousands of events. Its body is set aside before
Markdown and put back after, so the page comes out as Markdown would have
written it; its anchor ids are read from the block for MkDocs' link checks.
Hand-written pages and the timeline keep full Markdown. A page shell
(front matter `page_shell: true`, see generator/build/shell.py) is built like any
such page, but left out of the sitemap: the generator deletes it.

Every page then loses the theme's indentation: a run of whitespace between
tags or in text that holds a line break becomes one line break, which a
browser shows alike (both are one collapsible space); tags, comments and the
content of pre, textarea, script and style stay exactly as written.

The site's own stylesheets and scripts lose their comments and indentation
(engine/minify.py).

The search dialog and its strings are the same on every page of a language:
they are written once, into a script that the pages load (and browsers keep),
instead of into every page.

The theme's icons (the logo twice, the menu, the palette toggles, the language
and back-to-top buttons) were written into every page as the same inline SVG:
each becomes a reference to one symbol of a sprite that the language's site
holds (assets/images/icons.svg), which browsers fetch once and keep. Only
Material's plain 24×24 icons are replaced; any other SVG (the overview
picture) is left as it is, and so is every icon of a page whose template this
hook does not see (404.html, a static template, keeps its own).

Material's own search (its lunr language files and search worker) is never
loaded, since the site searches with Pagefind and Material's search plugin is
off; nor are the source maps of its script and stylesheets, which only a
developer's tools ask for. They are left out of the site: at a thousand
events they were 6% of its bytes (4.4 MB).

MkDocs loads this file by its path (not as part of the package), once per
build of a language, so the bodies kept here are one build's.
"""

from __future__ import annotations

import hashlib
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

# One pass over the page, all in re's C code (a loop in Python over each kept part took most of the
# time of this hook). At each place, either
# - group 1, what is kept as written: elements whose content keeps its whitespace, comments, and
#   every tag (attribute values included; a quoted value may hold a '>'); or
# - group 2, the line break of a run of HTML's whitespace (not \s, which also matches a no-break
#   space) that breaks a line: the run becomes that one line break.
# A run is whitespace only and everything kept starts with '<', so neither can cut into the other.
# A tag's parts are taken possessively (`++`, `*+`): a tag that never closes then fails at once
# instead of retrying every shorter split of its text, which could never end at a '>' anyway.
_KEPT_OR_BROKEN_RUN = re.compile(
    r"(<pre\b.*?</pre\s*>|<textarea\b.*?</textarea\s*>|<script\b.*?</script\s*>|<style\b.*?</style\s*>"
    r"|<!--.*?-->|<(?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+>)"
    r"|[ \t\r\f]*(\n)[ \t\r\n\f]*",
    re.DOTALL | re.IGNORECASE,
)


# One of Material's icons as its .icons/*.svg files have it, and as the theme includes it in a page.
_ICON = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="([^"<>]*)"/></svg>')

# The sprite of the theme's icons, in the site of each language.
ICONS = "assets/images/icons.svg"

# The icons' shapes (a path's d) by their ids in the sprite, seen in this build's pages.
_icons: dict[str, str] = {}


def on_config(config: Any) -> Any:
    _bodies.clear()
    _icons.clear()
    return config


# Theme files no page of this site loads (see above): folders and file endings, under the site's root.
UNUSED_THEME_FOLDERS = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
UNUSED_THEME_ENDINGS = (".js.map", ".css.map")


def on_files(files: Any, config: Any) -> Any:
    """The theme's files no page loads left out; the pages the generator writes itself listed as pages
    MkDocs does not build (excluded): a link from a hand-written page to one (`../events/<id>.md`)
    becomes its address, as for any page, instead of a warning."""
    from mkdocs.structure.files import File, InclusionLevel

    docs = Path(config.docs_dir).resolve()
    for file in list(files):
        unused = file.src_uri.startswith(UNUSED_THEME_FOLDERS) or file.src_uri.endswith(UNUSED_THEME_ENDINGS)
        # A maintainer's file of the same name (in the docs folder) is theirs, and kept.
        if unused and file.abs_src_path and not Path(file.abs_src_path).resolve().is_relative_to(docs):
            files.remove(file)
    name = config.extra.get("timeline_pages_elsewhere")
    if not name:
        return files
    listed = Path(config.config_file_path).parent / name
    for src_uri in listed.read_text(encoding="utf-8").splitlines():
        if files.get_file_from_path(src_uri) is None:
            files.append(File.generated(config, src_uri, content="", inclusion=InclusionLevel.EXCLUDED))
    return files


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


# A page shell (generator/build/shell.py): built only to be cut into other pages, then deleted, so never listed.
PAGE_SHELL = "page_shell"


def on_template_context(context: Any, template_name: str, config: Any) -> Any:
    if template_name == "sitemap.xml":
        context["pages"] = [file for file in context["pages"] if not (file.page and file.page.meta.get(PAGE_SHELL) is True)]
    not_found = config.extra.get("timeline_not_found")
    if template_name == "404.html" and not_found:
        # Served at any missing address, the page names the theme's files by absolute paths. MkDocs takes them
        # from site_url, or from the server's root when there is none: '/assets/...', a folder above the
        # language's. The generator gives the language's folder on the host ('/en/', '/repo/en/').
        context["base_url"] = not_found["base"]
    return context


def on_post_page(output: str, page: Any, config: Any) -> str:
    # The sprite from this page: directory URLs ("events/x/") and file URLs ("events/x.html") alike.
    sprite = "../" * page.url.count("/") + ICONS
    return collapse_whitespace(_ICON.sub(lambda found: _icon_reference(found.group(1), sprite), output))


def _icon_reference(shape: str, sprite: str) -> str:
    icon_id = "i" + hashlib.sha1(shape.encode("utf-8")).hexdigest()[:10]
    _icons[icon_id] = shape
    # The outer svg keeps the viewBox, so the theme's CSS sizes it as before; the shape inherits its fill.
    return f'<svg viewBox="0 0 24 24"><use href="{sprite}#{icon_id}"/></svg>'


def icon_sprite(icons: dict[str, str]) -> str:
    symbols = "".join(
        f'<symbol id="{icon_id}" viewBox="0 0 24 24"><path d="{shape}"/></symbol>' for icon_id, shape in sorted(icons.items())
    )
    return f'<svg xmlns="http://www.w3.org/2000/svg">{symbols}</svg>\n'


# A line break with HTML's whitespace just before or after it. Every run the pattern above collapses that is
# more than its one line break has one (beside its break); a page without one is already collapsed, and a
# search for it is far cheaper than splitting and joining the page (starting with the literal line break lets
# re skip ahead to each one). The bodies of the generated pages are written so (the templates of generator/site/),
# thousands of them in each build.
_BREAK_IN_A_LONGER_RUN = re.compile(r"\n(?:(?<=[ \t\r\f]\n)|(?=[ \t\r\n\f]))")


def collapse_whitespace(html_text: str) -> str:
    """The page with each run of whitespace that breaks a line, outside tags and kept elements, as one line break."""
    if not _BREAK_IN_A_LONGER_RUN.search(html_text):
        return html_text
    # split() gives the text between matches and both groups of each match, the group that did
    # not take part as None: dropping the Nones (and empty texts) leaves the page to join.
    return "".join(filter(None, _KEPT_OR_BROKEN_RUN.split(html_text)))


# The search dialog's script, in the site of each language (partials/pagefind.html loads it).
SEARCH_DIALOG = "assets/javascripts/pagefind-dialog.js"


def on_post_build(config: Any) -> None:
    from generator.engine.minify import minify_own_assets

    minify_own_assets(Path(config.site_dir), [str(address) for address in config.extra_css])
    if _icons:
        sprite = Path(config.site_dir) / ICONS
        sprite.parent.mkdir(parents=True, exist_ok=True)
        sprite.write_text(icon_sprite(_icons), encoding="utf-8")
    dialog = config.theme.get_env().get_template("partials/pagefind-dialog.html").render(config=config)
    search = config.extra.get("search") or {}
    data = {"strings": search.get("strings") or {}, "dialog": collapse_whitespace(dialog).strip()}
    script = Path(config.site_dir) / SEARCH_DIALOG
    script.parent.mkdir(parents=True, exist_ok=True)
    # JSON is JavaScript; the file is a script of its own, so no '</script>' can end it early.
    script.write_text(f"window.timelineSearchDialog && window.timelineSearchDialog({json.dumps(data, ensure_ascii=False)});\n", encoding="utf-8")
