"""YAML tags: `!!binary aGVsbG8=` is the text "aGVsbG8=" to the site and the bytes "hello" to every other YAML tool.

A tag or a %TAG directive is refused at its line and column, with the tag to remove.
"""

from __future__ import annotations

import json

import pytest

from conftest import START, event


def refused(place: str, tag: str) -> str:
    return (
        f"{place}: YAML tags such as {tag} are not used in events.yaml: other YAML tools would read this value as something else than the text written. "
        f"Remove `{tag}`; a text that starts with ! is written in quotes."
    )


def test_a_binary_value_is_refused_at_its_tag(check):
    result = check(START + event().replace("{en: Title,", "{en: !!binary aGVsbG8=,"))
    assert result.code == 1
    assert result.lines == [refused("events.yaml:17:17: error: event 'llama-4-release', title.en", "!!binary"), "1 error, 0 warnings"]


@pytest.mark.parametrize(
    ("before", "after", "place", "tag"),
    [
        ("status: reported", "status: !foo reported", "events.yaml:16:13: error: event 'llama-4-release', status", "!foo"),
        ("status: reported", "status: ! reported", "events.yaml:16:13: error: event 'llama-4-release', status", "!"),
        ("status: reported", "status: !<tag:yaml.org,2002:str> reported", "events.yaml:16:13: error: event 'llama-4-release', status", "!<tag:yaml.org,2002:str>"),
        ("    title:", "    !!str title:", "events.yaml:17:5: error: event 'llama-4-release', title", "!!str"),
        ("    citations:", "    citations: !!seq", "events.yaml:21:16: error: event 'llama-4-release', citations", "!!seq"),
        ("[meta]", "[!!str meta]", "events.yaml:19:16: error: event 'llama-4-release', entities[0]", "!!str"),
        ("{en: Title,", "{en: &t !!str Title,", "events.yaml:17:20: error: event 'llama-4-release', title.en", "!!str"),
    ],
)
def test_every_kind_of_tag_is_refused_on_values_keys_and_lists(check, before, after, place, tag):
    result = check(START + event().replace(before, after, 1))
    assert result.lines == [refused(place, tag), "1 error, 0 warnings"]


def test_a_tag_that_empties_a_value_is_the_one_problem_told(check):
    # `!!null` makes the title empty to the checker too: its "the value is empty" would only repeat the cause.
    result = check(START + event().replace("{en: Title,", "{en: !!null Title,"))
    assert result.lines == [refused("events.yaml:17:17: error: event 'llama-4-release', title.en", "!!null"), "1 error, 0 warnings"]


def test_a_tag_directive_and_the_tags_it_names_are_refused(check):
    result = check("%TAG !e! tag:example.com,2000:\n---\n" + START + event().replace("{en: Title,", "{en: !e!title Title,"))
    assert result.lines == [
        "events.yaml:1:1: error: YAML: the %TAG directive is not used in events.yaml: it names YAML tags, and YAML tags are not used either. "
        "Remove the line `%TAG !e! tag:example.com,2000:`.",
        refused("events.yaml:19:17: error: event 'llama-4-release', title.en", "!e!title"),
        "2 errors, 0 warnings",
    ]


def test_a_tag_without_its_directive_is_told_in_the_same_plain_words(check):
    result = check(START + event().replace("{en: Title,", "{en: !e!title Title,"))
    assert result.lines == [refused("events.yaml:17:17: error: YAML", "!e!title"), "1 error, 0 warnings"]


def test_an_exclamation_mark_in_a_text_is_no_tag(check):
    text = START + event().replace("{en: Title,", "{en: Wow! Meta !again,").replace("{en: Summary., ar: ملخص.}", "{en: '!important', ar: \"!ملخص\"}")
    assert check(text).lines == ["no problems found (1 event, 1 source, 1 entity)"]


def test_github_and_json_formats_show_the_tag(check):
    text = START + event().replace("{en: Title,", "{en: !!binary aGVsbG8=,")
    assert check(text, "--format", "github").lines == [
        "::error file=events.yaml,line=17,col=17,title=event 'llama-4-release'%2C title.en::"
        + refused("event 'llama-4-release', title.en", "!!binary"),
    ]
    problem = json.loads(check(text, "--format", "json").out)[0]
    assert (problem["line"], problem["column"], problem["where"], problem["hint"]) == (
        17, 17, "event 'llama-4-release', title.en", "Remove `!!binary`; a text that starts with ! is written in quotes."
    )
