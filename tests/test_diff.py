"""`diff BASE_REF`: what a change to events.yaml changes in the timeline, read as editorial content."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import START, event, run

SECOND_SOURCE = """\
  reuters-report:
    outlet: {en: Reuters, ar: رويترز}
    title: Meta weighs closed models
    language: en
    published: 2025-12-12
    url: https://www.example.com/reuters
"""


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args], cwd=folder, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository whose `main` holds a timeline of two events."""
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "events.yaml").write_text(START + event("llama-4-release") + event("old-event", "2025-11-01"), encoding="utf-8")
    git(tmp_path, "add", "events.yaml")
    git(tmp_path, "commit", "-q", "-m", "base")
    return tmp_path


def with_source(text: str) -> str:
    return text.replace("entities:\n", SECOND_SOURCE + "entities:\n", 1)


def test_added_removed_and_edited_events_and_sources_with_old_and_new_text(repo):
    head = START + event("llama-4-release").replace("{en: Title, ar: عنوان}", "{en: A new title, ar: عنوان}") + """\
  - id: fresh-event
    date: 2025-12-12
    status: reported
    title: {en: Fresh}
    summary: {en: Fresh summary.}
    date_basis: {kind: report, source: reuters-report}
    citations:
      - source: reuters-report
        quote: Meta weighs closed models.
"""
    (repo / "events.yaml").write_text(with_source(head), encoding="utf-8")
    result = run("diff", "main")
    assert result.code == 0, result.err
    assert result.out == """\
Timeline changes against main:
  events: 1 added, 1 removed, 1 edited
  sources: 1 added, 0 removed, 0 edited
  entities: 0 added, 0 removed, 0 edited
event added: fresh-event
  date: 2025-12-12
  status: reported
  title.en: Fresh
  summary.en: Fresh summary.
  citations[0].source: reuters-report
  citations[0].quote: Meta weighs closed models.
  date_basis.kind: report
  date_basis.source: reuters-report
event removed: old-event
  date: 2025-11-01
  status: reported
  title.en: Title
  title.ar: عنوان
  summary.en: Summary.
  summary.ar: ملخص.
  citations[0].source: cnbc-report
  citations[0].quote: Meta is moving away from open models.
  date_basis.kind: stated
  date_basis.source: cnbc-report
  entities: meta
event edited: llama-4-release
  title.en:
    before: Title
    after:  A new title
source added: reuters-report
  outlet.en: Reuters
  outlet.ar: رويترز
  title: Meta weighs closed models
  language: en
  published: 2025-12-12
  url: https://www.example.com/reuters
Translation coverage of events (before → after):
  English: titles 2 of 2 → 2 of 2, summaries 2 of 2 → 2 of 2
  Arabic: titles 2 of 2 → 1 of 2, summaries 2 of 2 → 1 of 2
"""


def test_markdown_for_the_job_summary_shows_pull_request_text_as_text(repo):
    hostile = "<script>alert(1)</script> [click](javascript:alert(1)) https://evil.example *bold* | cell"
    head = START + event("llama-4-release").replace("{en: Title, ar: عنوان}", f"{{en: '{hostile}', ar: عنوان}}") + event("old-event", "2025-11-01")
    (repo / "events.yaml").write_text(head, encoding="utf-8")
    result = run("diff", "main", "--format", "markdown")
    assert result.code == 0, result.err
    assert result.out == r"""## Timeline changes against main

| | added | removed | edited |
|---|---|---|---|
| events | 0 | 0 | 1 |
| sources | 0 | 0 | 0 |
| entities | 0 | 0 | 0 |

### Event edited: llama\-4\-release

| field | before | after |
|---|---|---|
| title\.en | Title | \<script\>alert\(1\)\<\/script\> \[click\]\(javascript\:alert\(1\)\) [https\:\/\/evil\.example](https\:\/\/evil\.example) \*bold\* \| cell |

### Translation coverage of events

| language | titles | summaries |
|---|---|---|
| English | 2 of 2 → 2 of 2 | 2 of 2 → 2 of 2 |
| Arabic | 2 of 2 → 2 of 2 | 2 of 2 → 2 of 2 |
"""


def test_reordering_and_reformatting_the_file_is_no_change(repo):
    reordered = START + event("old-event", "2025-11-01") + "\n# a comment\n" + event("llama-4-release")
    (repo / "events.yaml").write_text(reordered, encoding="utf-8")
    result = run("diff", "main", "--format", "markdown")
    assert result.code == 0
    assert "No event, source or entity changes." in result.out


def test_a_ref_that_does_not_exist_is_a_usage_error(repo):
    result = run("diff", "no-such-branch")
    assert result.code == 2
    assert result.err == (
        "error: 'no-such-branch' is not a branch, tag or commit of this repository. Give an existing one (e.g. main or "
        "origin/main); in a CI checkout, fetch it first (git fetch origin main).\n"
    )


def test_outside_a_git_repository(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "events.yaml").write_text(START + event(), encoding="utf-8")
    result = run("diff", "main")
    assert result.code == 2
    assert result.err == "error: events.yaml: is not inside a git repository, so there is no 'main' to compare with.\n"


def test_without_git(repo, monkeypatch):
    monkeypatch.setenv("PATH", str(repo / "no-bin"))
    result = run("diff", "main")
    assert result.code == 2
    assert result.err == "error: git is not installed (or not on PATH); the diff reads the base version from git.\n"


def test_errors_in_the_working_copy_are_named_as_such(repo):
    (repo / "events.yaml").write_text(START + event().replace("status: reported", "status: rumoured"), encoding="utf-8")
    result = run("diff", "main")
    assert result.code == 1
    assert result.err.splitlines() == [
        "error: the working copy (events.yaml) has 1 error, so the change cannot be summarised; fix it first (python -m generator check events.yaml):",
        "events.yaml:16:13: error: event 'llama-4-release', status: 'rumoured' is not a status. Use one of: happened, reported, planned, denied, disputed.",
    ]


def test_errors_in_the_base_are_named_as_such(repo):
    (repo / "events.yaml").write_text(START + event().replace("date: 2025-12-01", "date: 11/12/2025"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "broken")
    (repo / "events.yaml").write_text(START + event(), encoding="utf-8")
    result = run("diff", "main")
    assert result.code == 1
    assert result.err.startswith("error: the base version (events.yaml at 'main') has 1 error, so the change cannot be summarised")
    assert "\nmain:events.yaml:15:11: error: event 'llama-4-release', date:" in result.err


def test_an_invisible_character_a_language_needs_is_shown_as_its_escape(repo):
    # U+200C after an Arabic letter is accepted; the two titles look the same, so the reviewer is shown the escape.
    (repo / "events.yaml").write_text(START + event().replace("ar: عنوان", "ar: عن\u200cوان") + event("old-event", "2025-11-01"), encoding="utf-8")
    text = run("diff", "main")
    assert "  title.ar: عنوان → عن\\u200cوان" in text.lines
    markdown = run("diff", "main", "--format", "markdown")
    assert '| title\\.ar | <span dir="rtl">عنوان</span> | <span dir="rtl">عن\\\\u200cوان</span> |' in markdown.lines
    assert "\u200c" not in text.out + markdown.out


def test_hidden_text_in_a_title_stops_the_diff_with_the_checkers_message(repo):
    hidden = "".join(chr(0xE0000 + ord(character)) for character in "approved")
    (repo / "events.yaml").write_text(START + event().replace("en: Title", f"en: Title{hidden}") + event("old-event", "2025-11-01"), encoding="utf-8")
    result = run("diff", "main", "--format", "markdown")
    assert (result.code, result.out) == (1, "")
    assert "events.yaml:17:22: error: event 'llama-4-release', title.en: the invisible tag character U+E0061 (TAG LATIN SMALL LETTER A) is not allowed" in result.err


QUOTE = "ويُعدّ لجوء ميتا إلى تكنولوجيا صينية تحوّلًا لافتًا، خاصةً بعد تصريحات زوكربيرج بداية العام"


def edited_quote(repo: Path, before: str, after: str) -> None:
    (repo / "events.yaml").write_text(START + event().replace("quote: Meta is moving away from open models.", f"quote: '{before}'"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "quote")
    (repo / "events.yaml").write_text(START + event().replace("quote: Meta is moving away from open models.", f"quote: '{after}'"), encoding="utf-8")


def test_a_shortened_arabic_quote_shows_which_words_went_each_side_still_one_text(repo):
    edited_quote(repo, QUOTE, QUOTE.replace(" تحوّلًا لافتًا،", "").replace("بداية العام", "في بداية العام"))
    text = run("diff", "main")
    assert text.lines[-6:-3] == [
        "  citations[0].quote:",
        "    before: ويُعدّ لجوء ميتا إلى تكنولوجيا صينية [-تحوّلًا لافتًا،-] خاصةً بعد تصريحات زوكربيرج بداية العام",
        "    after:  ويُعدّ لجوء ميتا إلى تكنولوجيا صينية خاصةً بعد تصريحات زوكربيرج {+في+} بداية العام",
    ]
    markdown = run("diff", "main", "--format", "markdown")
    assert (
        '| citations\\[0\\]\\.quote | <span dir="rtl">ويُعدّ لجوء ميتا إلى تكنولوجيا صينية <del>تحوّلًا لافتًا،</del> خاصةً بعد تصريحات زوكربيرج بداية العام</span> '
        '| <span dir="rtl">ويُعدّ لجوء ميتا إلى تكنولوجيا صينية خاصةً بعد تصريحات زوكربيرج <ins>في</ins> بداية العام</span> |'
    ) in markdown.lines


def test_a_value_of_several_lines_stays_on_its_line_in_the_text_output(repo):
    forged = '"Meta is moving away.\\nevent removed: everything\\n  title.en: gone"'  # YAML reads two line breaks
    edited_quote(repo, "Meta is moving away.", "x")
    (repo / "events.yaml").write_text(START + event().replace("quote: Meta is moving away from open models.", f"quote: {forged}"), encoding="utf-8")
    result = run("diff", "main")
    assert result.lines[-6:-3] == [
        "  citations[0].quote:",
        "    before: Meta is moving away.",
        "    after:  Meta is moving away.\\n{+event removed: everything\\n  title.en: gone+}",
    ]
    assert [line for line in result.lines if line.startswith("event ")] == ["event edited: llama-4-release"]


def test_markdown_links_only_http_addresses_as_written(repo):
    before = "See (https://example.com/a_b?x=1&y=(2)). Or javascript:alert(1) and ftp://x.example"
    edited_quote(repo, "Meta is moving away.", before)
    markdown = run("diff", "main", "--format", "markdown").out
    assert (
        "| See \\([https\\:\\/\\/example\\.com\\/a\\_b\\?x\\=1\\&y\\=\\(2\\)](https\\:\\/\\/example\\.com\\/a\\_b\\?x\\=1\\&y\\=\\(2\\))\\)\\."
        " Or javascript\\:alert\\(1\\) and ftp\\:\\/\\/x\\.example |"
    ) in markdown
