"""Fuzzing: whatever the file holds, `check` answers with a timeline or its report, never another exception."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.data.checker import CheckResult, check_text
from generator.data.invisible import INVISIBLE
from generator.data.load import load_nodes

from conftest import START, event

FIELDS = ["site", "sources", "entities", "events", "id", "date", "end", "status", "title", "summary", "citations", "source", "quote", "en", "ar", "label", "kind", "aliases", "url", "published", "language", "updates", "note", "<<", "&a", "*a"]
# Text as an attacker writes it: any character, and the ones YAML, terminals and browsers treat specially
# (invisible ones too: joiners, selectors and tag characters, which are judged by their neighbours).
TEXT = st.text(st.one_of(st.characters(), st.sampled_from(list(
    "\x00\x1b\x7f\x85\u2028\u202e\u2067\u2069\ufeff\ufffe\t\r\n:-#&*!|>'\"%@`{}[],?~\\٢𝟐\u200b\u200c\u200d\ufe0f\U000e0067\U000e007f\U0001f3f4ب"
))), max_size=40)
SCALARS = st.one_of(TEXT, st.sampled_from(FIELDS), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=True))
TREES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.sampled_from(FIELDS), TEXT), inner, max_size=4)), max_leaves=25)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _answers(text: str) -> None:
    result = check_text(text)
    assert isinstance(result, CheckResult)
    assert (result.timeline is None) == bool(result.errors)
    for problem in result.problems:
        assert problem.line >= 1 and problem.column >= 1
        assert "\x1b" not in problem.text and "\n" not in problem.text
        assert not INVISIBLE.search(problem.text)  # written as escapes


@FAST
@given(TEXT)
def test_any_text_gets_an_answer(text):
    load_nodes(text, "events.yaml")
    _answers(text)


@FAST
@given(TREES, st.sampled_from(["block", "flow", "canonical", "double-quoted"]))
def test_any_yaml_structure_gets_an_answer(tree, style):
    options = {
        "block": {"default_flow_style": False, "allow_unicode": True},
        "flow": {"default_flow_style": True, "allow_unicode": False},
        "canonical": {"canonical": True},
        "double-quoted": {"default_style": '"', "allow_unicode": True},
    }[style]
    _answers(yaml.dump(tree, **options))


@FAST
@given(st.sampled_from(list((START + event()).splitlines(keepends=True))), TEXT, st.integers(0, 80))
def test_any_text_spliced_into_a_valid_file_gets_an_answer(line, inserted, column):
    valid = START + event()
    at = valid.index(line) + min(column, len(line))
    _answers(valid[:at] + inserted + valid[at:])
