"""Anchors and aliases (`&name`, `*name`): each alias is an error at its own place, and the rest of the file is still checked.

A problem inside an aliased value is told once, where the value is written; a
problem that only the alias's place has is told at the alias; and a file of
aliases gets a bounded answer, however many values they stand for.
"""

from __future__ import annotations

import json

from conftest import START, event

WRITE_IT = "aliases are not used in events.yaml. Write the value out in full here, as on line 17."


def test_an_alias_is_reported_at_its_own_place_naming_where_its_value_is(check):
    text = START + event().replace("{en: Title, ar: عنوان}", "&t {en: Title, ar: عنوان}") + event("second").replace("{en: Title, ar: عنوان}", "*t")
    result = check(text)
    assert result.code == 1
    assert result.lines == [
        f"events.yaml:27:12: error: event 'second', title: the alias *t repeats the value of &t on line 17: {WRITE_IT}",
        "1 error, 0 warnings",
    ]


def test_a_problem_inside_an_aliased_value_is_told_once_where_it_is_written(check):
    text = START + event().replace("{en: Title, ar: عنوان}", "&t {en: Title, ar: عنوان, fr: Titre}") + event("second").replace("{en: Title, ar: عنوان}", "*t")
    assert check(text).lines == [
        "events.yaml:17:38: error: event 'llama-4-release', title.fr: 'fr' is not one of the site's languages (en, ar). "
        "Add 'fr' to extra.timeline.languages in mkdocs.yml to publish it, or remove this text.",
        f"events.yaml:27:12: error: event 'second', title: the alias *t repeats the value of &t on line 17: {WRITE_IT}",
        "2 errors, 0 warnings",
    ]


def test_a_problem_that_only_the_aliass_place_has_is_told_at_the_alias(check):
    # A citation is no date basis: what is wrong depends on where the alias puts the value.
    citation = "      - source: cnbc-report\n        quote: Meta is moving away from open models.\n"
    text = START + event().replace(citation, "      - &c {source: cnbc-report, quote: Meta is moving away from open models.}\n")
    text += event("second").replace("date_basis: {kind: stated, source: cnbc-report}", "date_basis: *c")
    assert check(text).lines == [
        "events.yaml:29:17: error: event 'second', date_basis: the alias *c repeats the value of &c on line 22: aliases are not used in events.yaml. "
        "Write the value out in full here, as on line 22.",
        "events.yaml:29:17: error: event 'second', date_basis.kind: the required field 'kind' is missing (in the value the alias *c repeats, written at line 22, column 9). "
        "Add 'kind:' to the date basis.",
        "events.yaml:29:17: error: event 'second', date_basis.quote: unknown field 'quote' (in the value the alias *c repeats, written at line 22, column 34). "
        "Allowed fields here: kind, source, note; did you mean 'note'?",
        "3 errors, 0 warnings",
    ]


def test_the_rest_of_a_file_with_an_alias_is_checked_too(check):
    text = START + event(date="&d 2025-12-01").replace("status: reported", "status: reportd") + event("second", date="*d")
    result = check(text)
    assert "events.yaml:16:13: error: event 'llama-4-release', status: 'reportd' is not a status. Use one of: happened, reported, planned, denied, disputed; did you mean 'reported'?" in result.lines
    assert "events.yaml:25:11: error: event 'second', date: the alias *d repeats the value of &d on line 15: aliases are not used in events.yaml. Write the value out in full here, as on line 15." in result.lines


def test_one_problem_reached_through_a_hundred_thousand_aliases_is_told_once_in_a_bounded_answer(check):
    # `mta` is no entity; every alias in the list names it again.
    text = START + event().replace("entities: [meta]", "entities: [&m mta, " + ", ".join(["*m"] * 100_000) + "]")
    result = check(text)
    aliases = [line for line in result.lines if "the alias *m" in line]
    assert result.lines[0] == "events.yaml:12:3: warning: entity 'meta': no event mentions this entity. List it in an event's 'entities', or remove it."
    assert result.lines[1] == "events.yaml:19:16: error: event 'llama-4-release', entities: unknown entity 'mta'. Use an id defined under 'entities:'; did you mean 'meta'?"
    assert aliases[0] == (
        "events.yaml:19:24: error: event 'llama-4-release', entities[1]: the alias *m repeats the value of &m on line 19: "
        "aliases are not used in events.yaml. Write the value out in full here, as on line 19."
    )
    assert aliases[-1] == (
        "events.yaml:19:64: error: event 'llama-4-release', entities[11]: the alias *m repeats the value of &m on line 19, here and 99,989 more times below: "
        "aliases are not used in events.yaml. Write the value out in full at each of them, as on line 19."
    )
    assert len(aliases) == 11 and len(result.lines) == 14


def test_aliases_of_aliases_standing_for_a_billion_values_get_a_short_answer(check):
    # Thirty lines stand for 2**30 values: too many to copy, so each alias is read as an empty value.
    levels = "".join(f"a{level}: &a{level} [*a{level - 1}, *a{level - 1}]\n" for level in range(1, 31))
    result = check(START + event() + "a0: &a0 [x, x]\n" + levels)
    assert result.code == 1
    assert len(result.lines) == 31 + 60 + 1  # each unknown part of the file, each alias, the summary
    assert "events.yaml:54:12: error: a30[0]: the alias *a29 repeats the value of &a29 on line 53: aliases are not used in events.yaml. Write the value out in full here, as on line 53." in result.lines


def test_github_and_json_formats_point_at_the_alias(check):
    text = START + event().replace("{en: Title, ar: عنوان}", "&t {en: Title, ar: عنوان}") + event("second").replace("{en: Title, ar: عنوان}", "*t")
    assert check(text, "--format", "github").lines == [
        "::error file=events.yaml,line=27,col=12,title=event 'second'%2C title::event 'second', title: "
        f"the alias *t repeats the value of &t on line 17: {WRITE_IT}",
    ]
    problem = json.loads(check(text, "--format", "json").out)[0]
    assert (problem["line"], problem["column"], problem["where"]) == (27, 12, "event 'second', title")
