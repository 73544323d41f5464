"""What a text's words may not be: a placeholder left from `new-event`, or longer than its field's limit (fields.py)."""

from __future__ import annotations

from typing import Protocol

import yaml

from .fields import Field
from .messages import Text, t, tr

# What `new-event` writes where a maintainer has something to write (tools/scaffold.py).
PLACEHOLDER = "TODO:"


class Reports(Protocol):
    def error(self, node: yaml.Node, where: str, message: str | Text, hint: str | Text) -> None: ...

    def warning(self, node: yaml.Node, where: str, message: str | Text, hint: str | Text) -> None: ...


def check_text_value(walk: Reports, field: Field | None, node: yaml.Node, where: str, value: str) -> None:
    """A placeholder is a warning (so an error under --strict, as on the pull request); a text over its limit an error."""
    if value.startswith(PLACEHOLDER):
        walk.warning(
            node, where, t("placeholder", "the text is still the placeholder '{text}'", text=_shortened(value)),
            tr("Replace it with the real text (new-event writes 'TODO: …' where something is to be written); the pull request's check fails until then."),
        )
    if field is not None and field.max_length and len(value) > field.max_length:
        walk.error(
            node, where,
            t("too-long", "the text is {length:,} characters long, over the limit of {limit:,} for {field}", length=len(value), limit=field.max_length, field=field.name),
            tr("Shorten it to {limit:,} characters at most, so that it fits the page and the share card; put the rest in the summary or a note.", limit=field.max_length),
        )


def _shortened(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"
