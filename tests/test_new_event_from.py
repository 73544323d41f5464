"""`new-event --from SOURCE --quote TEXT`: an event started from a source, its quote checked on the page before it is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run
from hostile_server import QUOTE, hostile_server


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    with hostile_server() as server:
        (tmp_path / "events.yaml").write_text(
            "site:\n  title: {en: Timeline, ar: خط زمني}\n  description: {en: A test timeline., ar: خط زمني للاختبار.}\n"
            "sources:\n  tribune-2025-12-10:\n    outlet: {en: Tribune, ar: تريبيون}\n    title: A title\n    language: en\n"
            f"    published: 2025-12-10\n    url: {server}/fine\nevents:\n"
            "  - id: first\n    date: 2025-12-01\n    status: reported\n    title: {en: Title, ar: عنوان}\n    summary: {en: Summary., ar: ملخص.}\n"
            "    date_basis: {kind: report, source: tribune-2025-12-10}\n    citations:\n      - source: tribune-2025-12-10\n"
            f"        quote: '{QUOTE}'\n",
            encoding="utf-8",
        )
        yield tmp_path / "events.yaml"


def test_the_event_takes_the_sources_date_and_the_quote_found_on_its_page(project):
    result = run("new-event", "--from", "tribune-2025-12-10", "--quote", "“meta is moving away from open models.”".replace("“", "").replace("”", ""), "--allow-local")
    assert result.code == 0
    assert result.err.startswith("the quote was found on http://127.0.0.1:")
    lines = [line.removeprefix("  ") for line in result.out.splitlines()]
    assert "- id: new-event-2025-12-10  # a lowercase slug, stable forever: it becomes the page address" in lines
    assert "  date: 2025-12-10  # the source's publication date: change it when the article says the event happened earlier" in lines
    assert any(line.startswith("  date_basis: {kind: report, source: tribune-2025-12-10}") for line in lines)
    assert "      quote: meta is moving away from open models.  # found on the page" in lines


def test_a_quote_not_on_the_page_is_not_written_and_the_closest_passage_is_shown(project):
    before = project.read_text(encoding="utf-8")
    result = run("new-event", "--from", "tribune-2025-12-10", "--quote", "Meta is moving away from closed models.", "--allow-local", "--append")
    assert result.code == 1
    assert result.out == ""
    assert result.err.endswith(
        f'  closest on the page: "{QUOTE.lower()}"\n  the quote has "closed" where the page has "open"\n'
    )
    assert project.read_text(encoding="utf-8") == before


def test_append_writes_an_event_that_passes_the_checker(project):
    result = run("new-event", "--from", "tribune-2025-12-10", "--quote", QUOTE, "--allow-local", "--append")
    assert result.code == 0, result.err
    assert run("check", "events.yaml").code == 0


def test_quote_without_from_is_a_usage_error(project):
    result = run("new-event", "--quote", QUOTE)
    assert (result.code, result.err) == (2, "error: --quote is checked against the page of a source: give the source with --from SOURCE.\n")
