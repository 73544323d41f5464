"""The HTML fragments built in Python (generator/site/pieces.py): text from events.yaml stays text in each.

A maintainer's pull request can put anything in a title, a summary, an entity's name or an outlet. Each
piece is given such text and must show it as written, escaped, with no element or attribute of its own.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from markupsafe import Markup

from generator.data.checker import check_text
from generator.data.model import Timeline
from generator.languages.localize import Localizer
from generator.site.pieces import Pieces, markdown_text

HOSTILE = "\"'><script>alert(1)</script><img src=x onerror=alert(2)> &amp; {: onclick=x } [x](javascript:alert(3))"

# A double-quoted YAML scalar (JSON is one): the text reaches the model exactly as written.
QUOTED = json.dumps(HOSTILE)

TIMELINE = f"""\
site:
  title: {{en: Timeline, ar: خط زمني}}
  description: {{en: A test timeline., ar: خط زمني للاختبار.}}
sources:
  hostile-report:
    outlet: {{en: {QUOTED}, ar: {QUOTED}}}
    title: Meta shifts strategy
    language: en
    published: 2025-12-10
    url: https://www.example.com/meta
entities:
  hostile: {{kind: organization, label: {{en: {QUOTED}}}}}
events:
  - id: hostile-event
    date: 2025-12-01
    status: reported
    title: {{en: {QUOTED}}}
    summary: {{en: {QUOTED}}}
    entities: [hostile]
    date_basis: {{kind: record, source: hostile-report}}
    citations:
      - source: hostile-report
        quote: Meta is moving away from open models.
"""


class _Elements(HTMLParser):
    """The elements, attributes and text of a fragment, as a browser would read them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text += data


def read(fragment: Markup) -> _Elements:
    parser = _Elements()
    parser.feed(str(fragment))
    parser.close()
    return parser


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    result = check_text(TIMELINE)
    assert result.timeline is not None, result.problems
    return result.timeline


@pytest.fixture(params=["en", "ar"])
def pieces(request: pytest.FixtureRequest, timeline: Timeline) -> Pieces:
    # In Arabic the English text shows as untranslated: the `foreign` branch of each piece.
    return Pieces(timeline, Localizer(request.param))


def _assert_text_only(fragment: Markup, allowed_tags: set[str]) -> _Elements:
    found = read(fragment)
    assert set(found.tags) <= allowed_tags, found.tags
    assert "script" not in found.tags and "img" not in found.tags
    assert all(name in {"class", "href", "id", "data-status", "data-year", "data-entity", "data-basis", "data-pagefind-ignore", "lang", "dir", "datetime", "title"} for name, _ in found.attributes), found.attributes
    assert not any(value and value.startswith("javascript:") for _, value in found.attributes)
    return found


def test_a_hostile_title_is_text_in_localized(pieces, timeline):
    found = _assert_text_only(pieces.localized(timeline.events[0].title), {"span"})
    assert HOSTILE in found.text


def test_a_hostile_title_is_text_in_an_entry_of_the_lists(pieces, timeline):
    fragment = pieces.item("timeline/", timeline.events[0])
    found = _assert_text_only(fragment, {"li", "p", "a", "span", "time", "details", "summary", "ul"})
    # The title, the summary, the outlet the date rests on and the entity's name: each shown as written.
    assert found.text.count(HOSTILE) == 4
    assert "&lt;script&gt;" in fragment


def test_a_hostile_title_is_text_in_an_entitys_list(pieces, timeline):
    found = _assert_text_only(pieces.compact_item("entities/hostile/", timeline.events[0]), {"li", "span", "a", "time"})
    assert HOSTILE in found.text


def test_a_hostile_name_is_text_in_the_chips(pieces, timeline):
    found = _assert_text_only(pieces.chips("events/hostile-event/", timeline.events[0]), {"ul", "li", "a", "span"})
    assert HOSTILE in found.text
    assert [value for name, value in found.attributes if name == "href"] == ["../../entities/hostile/"]


def test_a_hostile_outlet_is_text_in_the_short_date_basis(pieces, timeline):
    found = _assert_text_only(pieces.date_basis_short(timeline.events[0]), {"span"})
    assert HOSTILE in found.text


def test_dates_and_statuses_are_markup_of_our_own(pieces, timeline):
    event = timeline.events[0]
    assert read(pieces.when(event)).tags == ["time"]
    assert read(pieces.time(None)).tags == ["span"]
    assert read(pieces.badge("../../methodology/", event.status)).tags == ["a"]


def test_a_hostile_text_in_a_markdown_heading_is_escaped():
    # Every character Markdown reads as syntax is escaped: the heading shows the text, links and all, as written.
    assert markdown_text("[x](javascript:alert(1)) *a* <b>") == r"\[x\]\(javascript:alert\(1\)\) \*a\* \<b\>"
