"""`new-event` and `new-source`: an entry ready to fill in, printed or appended without touching a byte of the rest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import START, event, run

TODAY = dt.date.today().isoformat()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "events.yaml"
    path.write_text("# The timeline.\n" + START + event() + "  # the last line is a comment, and has no line break", encoding="utf-8")
    return path


def test_new_event_prints_a_complete_event_citing_the_last_source(project):
    result = run("new-event")
    assert result.code == 0
    assert result.out == f"""\
  # A new event: replace every TODO, then run `python -m generator check`.
  - id: new-event-{TODAY}  # a lowercase slug, stable forever: it becomes the page address
    date: {TODAY}  # when it happened, as precisely as known: 2025-12-10, 2025-12, 2025, 2026-Q1, spring 2026
    status: reported  # happened, reported, planned, denied or disputed
    title:
      en: "TODO: the title in English"
      ar: "TODO: العنوان بالعربية"
    summary:
      en: "TODO: two to four sentences in English."
      ar: "TODO: ملخّص من جملتين إلى أربع جمل بالعربية."
    entities: []  # ids from 'entities:', e.g. [meta, llama]
    date_basis: {{kind: stated, source: cnbc-report}}  # stated: the article gives the date; report: dated by its publication; record: another cited record
    citations:
      - source: cnbc-report  # the id of the article under 'sources:' (here the last one defined; change it if needed)
        quote: "TODO: the sentence that supports the event, copied verbatim from the article"
        quote_translated:  # the quote in the site's languages the article is not written in
          en: "TODO: the quote in English"
"""
    # Pasted at the end of a valid file, it passes the checker as it is.
    Path("pasted.yaml").write_text(START + event() + result.out, encoding="utf-8")
    assert run("check", "pasted.yaml").code == 0


def test_new_event_append_keeps_every_byte_and_the_result_checks(project):
    before = project.read_bytes()
    result = run("new-event", "--append")
    assert result.code == 0, result.err
    after = project.read_bytes()
    assert after.startswith(before)
    assert f"  - id: new-event-{TODAY}  #" in after[len(before):].decode("utf-8")
    assert result.out == "events.yaml:27: added the new event; fill in every TODO, then run `python -m generator check events.yaml`.\n"
    assert after.decode("utf-8").splitlines()[26] == "  # A new event: replace every TODO, then run `python -m generator check`."
    checked = run("check", "events.yaml")
    assert checked.code == 0, checked.out
    # A second one gets an id of its own.
    assert run("new-event", "--append").code == 0
    assert f"  - id: new-event-{TODAY}-2  #" in project.read_text(encoding="utf-8")
    assert run("check", "events.yaml").code == 0


def test_new_event_citing_a_source_that_does_not_exist_is_refused(project):
    result = run("new-event", "--source", "nowhere")
    assert result.code == 2
    assert result.err == "error: --source: there is no source 'nowhere' in events.yaml; add it first (python -m generator new-source URL --append).\n"


def test_new_event_append_is_refused_when_events_is_not_the_last_part(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = START.replace("entities:\n  meta: {kind: organization, label: {en: Meta, ar: ميتا}}\n", "") + event()
    text += "entities:\n  meta: {kind: organization, label: {en: Meta, ar: ميتا}}\n"
    Path("events.yaml").write_text(text, encoding="utf-8")
    result = run("new-event", "--append")
    assert result.code == 2
    assert "'events:' is the last part of the file" in result.err
    assert Path("events.yaml").read_text(encoding="utf-8") == text


ALJAZEERA = """\
  aljazeera-2025-12-01-earlier:
    outlet: {en: Al Jazeera Net, ar: الجزيرة نت}
    title: مقال سابق
    language: ar
    published: 2025-12-01
    url: https://www.aljazeera.net/tech/2025/12/01/earlier
"""


def test_new_source_takes_the_outlet_from_the_files_other_sources_at_that_address(project):
    # The outlet, its id stem and language come from a source the file already has at that address.
    project.write_text(project.read_text(encoding="utf-8").replace("entities:\n", ALJAZEERA + "entities:\n", 1), encoding="utf-8")
    result = run("new-source", "https://www.aljazeera.net/tech/2025/12/11/meta-open-models", "--no-fetch")
    assert result.code == 0
    assert result.out == f"""\
  aljazeera-2025-12-11:  # the id events cite; outlet-date-topic reads best, e.g. aljazeera-2025-12-11-topic
    outlet:  # as the file's other sources from this address name it
      en: Al Jazeera Net
      ar: الجزيرة نت
    title: null  # TODO: the headline as published, in the article's own language
    language: ar  # guessed from the address; check it
    published: 2025-12-11  # read from the address; check it against the article
    url: https://www.aljazeera.net/tech/2025/12/11/meta-open-models
    accessed: {TODAY}
"""


def test_new_source_never_invents_what_the_address_does_not_tell(project):
    result = run("new-source", "https://news.example.org/story?id=7", "--no-fetch")
    assert result.out == f"""\
  example-{TODAY}:  # the id events cite; outlet-date-topic reads best, e.g. example-{TODAY}-topic
    outlet: null  # not found (an unknown address, no name on the page): write 'en:' and 'ar:' names under it
    title: null  # TODO: the headline as published, in the article's own language
    language: null  # not guessed: the article's language as a code (ar, en, fr…) is required
    published: unknown  # TODO: the publication date, as precisely as known
    url: https://news.example.org/story?id=7
    accessed: {TODAY}
"""
    refused = run("new-source", "https://news.example.org/story?id=7", "--append", "--no-fetch")
    assert refused.code == 2
    assert refused.err == "error: the article's language cannot be guessed from https://news.example.org/story?id=7; give it with --language (e.g. --language ar).\n"


def test_new_source_append_goes_at_the_end_of_sources_and_keeps_every_other_byte(project):
    before = project.read_text(encoding="utf-8")
    result = run("new-source", "https://hyper.ai/ar/headlines/7c91", "--append", "--no-fetch")
    assert result.code == 0, result.err
    after = project.read_text(encoding="utf-8")
    added = f"""
  hyper-{TODAY}:  # the id events cite; outlet-date-topic reads best, e.g. hyper-{TODAY}-topic
    outlet: null  # not found (an unknown address, no name on the page): write 'en:' and 'ar:' names under it
    title: null  # TODO: the headline as published, in the article's own language
    language: ar  # guessed from the address; check it
    published: unknown  # TODO: the publication date, as precisely as known
    url: https://hyper.ai/ar/headlines/7c91
    accessed: {TODAY}
"""
    split = before.index("entities:\n")
    assert after == before[:split] + added + "\n" + before[split:]
    assert result.out == f"events.yaml:13: added the new source 'hyper-{TODAY}'; fill in every TODO, then run `python -m generator check events.yaml`.\n"
    checked = run("check", "events.yaml")
    assert checked.code == 0 and "0 errors" in checked.out


def test_new_source_with_a_language_given(project):
    result = run("new-source", "https://news.example.org/story", "--language", "fr", "--append", "--no-fetch")
    assert result.code == 0, result.err
    assert "    language: fr  # as given\n" in project.read_text(encoding="utf-8")
    assert run("check", "events.yaml").code == 0


def test_a_broken_result_is_never_written(project):
    before = project.read_bytes()
    result = run("new-source", "https://news.example.org/story", "--language", "not a code", "--append", "--no-fetch")
    assert result.code == 1
    assert "events.yaml was not changed" in result.err
    assert "'not a code' is not a language code" in result.err
    assert project.read_bytes() == before


def test_an_address_that_is_not_http_is_refused(project):
    result = run("new-source", "javascript:alert(1)")
    assert result.code == 2
    assert result.err == "error: 'javascript:alert(1)' is not an absolute http(s) address. Copy the full address from the browser's address bar.\n"
