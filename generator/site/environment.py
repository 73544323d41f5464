"""The one Jinja environment of the generated pages: the package's templates, autoescaped.

Text from events.yaml only ever reaches a page inside block-level HTML written by an autoescaping
template: Markdown leaves such blocks alone, so `**x**`, `[x](javascript:…)` or `<script>` in the data
show literally and never become markup.
"""

from __future__ import annotations

import jinja2
from markupsafe import Markup

from generator.site.urls import readable_address


def html_block(value: str) -> Markup:
    """A template's output as one raw HTML block of a Markdown page (the `html_block` filter)."""
    # Blank lines would end a raw HTML block and hand the rest to Markdown;
    # a blank line in a value (a YAML block scalar) reads the same as a space.
    lines = [line for line in str(value).splitlines() if line.strip()]
    return Markup("\n\n" + "\n".join(lines) + "\n\n")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.site", "templates"),
        autoescape=True,  # every template, whatever its name: data is never markup
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        # The templates are the package's own and do not change while the process runs: without this,
        # every get_template (one per page and per import) asks the file system whether one did.
        auto_reload=False,
    )
    env.filters["html_block"] = html_block
    env.filters["readable_address"] = readable_address
    return env


ENVIRONMENT = _environment()


def render_template(name: str, **values: object) -> str:
    """A whole document (or a page's body) from one of the package's templates, autoescaped."""
    return ENVIRONMENT.get_template(name).render(**values)
