"""A generated page: its place in the docs folder, its front matter and its body.

Page titles and descriptions go through front matter raw: the theme's templates escape them where they print
them (see generator/engine/). Front matter that YAML could not read would reach Markdown as text (with
attr_list active), so every value in it is a double-quoted YAML string with escapes, and each page's front
matter is read back before it is written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import yaml

from generator.engine.pages import read_front_matter

# The front matter key of pages whose body is one HTML block (the engine may skip Markdown for them).
HTML_BODY = "html_body"


@dataclass(frozen=True)
class Page:
    path: str  # relative to the docs folder, POSIX
    meta: Mapping[str, Any]  # the front matter's values, raw
    body: str

    @cached_property
    def text(self) -> str:
        """The page as a Markdown file for the engine: front matter, then the body.

        Made when asked for only: pages written through a page shell (generator/build/shell.py) never need it.
        """
        return front_matter(dict(self.meta)) + self.body

    @property
    def html_body(self) -> bool:
        """The body is one HTML block (the template's `html_block`): no Markdown in it."""
        return self.meta.get(HTML_BODY) is True


# libyaml's emitter, when PyYAML has it: the pure-Python one took a sixth of rendering's time.
# Both escape alike; every page's front matter is read back before it is written anyway.
_BaseDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _FrontMatterDumper(_BaseDumper):  # type: ignore[valid-type,misc]
    """Every string double-quoted on one line: PyYAML escapes whatever YAML could not read back raw
    (control characters, noncharacters, line breaks), so no value can end the front matter or break it."""


_FrontMatterDumper.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar(
        # A bare word is written plain (PyYAML quotes one YAML would retype, such as 'true').
        "tag:yaml.org,2002:str", text, style=None if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", text) else '"'
    ),
)


class FrontMatterError(ValueError):
    """Front matter that MkDocs would not read back as written: a bug, never shown as a page."""


def front_matter(values: dict[str, Any]) -> str:
    """YAML front matter that MkDocs reads back exactly as `values`, or FrontMatterError."""
    dumped = yaml.dump(
        values, Dumper=_FrontMatterDumper, allow_unicode=True, sort_keys=False, width=2**31 - 1, default_flow_style=False
    )
    text = "---\n" + dumped + "---\n"
    body, meta = read_front_matter(text + "body\n")  # the engine's own reader, which drops what it cannot parse
    # repr: a hand-written page's NaN is not equal to itself, yet reads back alike.
    if (meta != values and repr(meta) != repr(values)) or body != "body\n":
        raise FrontMatterError(f"page metadata that MkDocs would not read back: {values!r}")
    return text
