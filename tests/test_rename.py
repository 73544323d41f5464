"""`rename OLD NEW`: an id renamed with every reference to it, every other byte kept; a renamed event keeps its old address."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import START, build_args, copy_fixture, event, run

# Two events that conflict, the source quoted in one place, a comment, an entity listed twice.
TEXT = (
    "# The timeline.\n"
    + START.replace("  cnbc-report:\n", "  cnbc-report:  # the first article\n")
    + event("plan-a").replace("    date_basis: {kind: stated, source: cnbc-report}\n", "    date_basis: {kind: stated, source: 'cnbc-report'}\n    conflicts_with: [plan-b]\n")
    + event("plan-b").replace("entities: [meta]", "entities: [meta, meta]").replace("    status: reported\n", "    status: reported\n    conflicts_with:\n      - plan-a\n")
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "events.yaml"
    path.write_bytes(TEXT.replace("\n", "\r\n").encode("utf-8"))  # CRLF endings are kept
    return path


def text_of(path: Path) -> str:
    return path.read_bytes().decode("utf-8").replace("\r\n", "\n")


def test_renaming_a_source_changes_its_key_every_citation_and_date_basis_and_nothing_else(project):
    result = run("rename", "cnbc-report", "cnbc-2025-12-10")
    assert result.code == 0, result.err
    assert result.out == "events.yaml: renamed source 'cnbc-report' to 'cnbc-2025-12-10' and 4 references to it (lines 6, 21, 24, 34, 36).\n"
    expected = TEXT.replace("cnbc-report", "cnbc-2025-12-10")
    assert project.read_bytes() == expected.replace("\n", "\r\n").encode("utf-8")
    assert "  cnbc-2025-12-10:  # the first article\n" in expected and "source: 'cnbc-2025-12-10'}" in expected
    assert run("check", "events.yaml").code == 0


def test_renaming_an_entity_changes_every_list_that_names_it(project):
    result = run("rename", "meta", "meta-platforms")
    assert result.code == 0, result.err
    assert text_of(project) == TEXT.replace("  meta: {kind", "  meta-platforms: {kind").replace("[meta]", "[meta-platforms]").replace(
        "[meta, meta]", "[meta-platforms, meta-platforms]")
    assert "The entity's page moves from entities/meta/ to entities/meta-platforms/." in result.out


def test_renaming_an_event_changes_its_conflicts_and_keeps_the_old_id_under_moved_from(project):
    assert run("rename", "plan-a", "plan-a-2026").code == 0
    first = text_of(project)
    assert first == TEXT.replace("  - id: plan-a\n", "  - id: plan-a-2026\n    moved_from: [plan-a]\n").replace("      - plan-a\n", "      - plan-a-2026\n")
    # Renamed again, both former addresses lead to it; the other event's block list is renamed too.
    result = run("rename", "plan-b", "plan-b-2026")
    assert result.code == 0, result.err
    assert "conflicts_with: [plan-b-2026]" in text_of(project)
    assert run("rename", "plan-a-2026", "plan-a-final").code == 0
    assert "  - id: plan-a-final\n    moved_from: [plan-a, plan-a-2026]\n" in text_of(project)
    assert run("check", "events.yaml").code == 0


def test_a_block_list_of_former_ids_gets_one_more_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("events.yaml").write_text(START + event("new").replace("  - id: new\n", "  - id: new\n    moved_from:\n      - old\n"), encoding="utf-8")
    assert run("rename", "new", "newer").code == 0
    assert "  - id: newer\n    moved_from:\n      - old\n      - new\n    date:" in Path("events.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("old", "new", "message"), [
    ("meta", "Meta_Platforms", "error: cannot rename entity 'meta' to 'Meta_Platforms': the id 'Meta_Platforms' is not a slug. Use lowercase ASCII letters"),
    ("plan-a", "plan-b", "error: cannot rename event 'plan-a' to 'plan-b': another event already has the id 'plan-b' (line 26). Choose another id."),
    ("plan-a", "index", "error: cannot rename event 'plan-a' to 'index': the id 'index' is a name the site uses for its own pages."),
    ("plan-a", "plan-a", "error: cannot rename event 'plan-a' to 'plan-a': 'plan-a' is already the id; give a different one."),
    ("cnbc", "x", "error: no source, entity or event has the id 'cnbc'; did you mean 'cnbc-report'?"),
])
def test_a_taken_reserved_or_invalid_name_is_refused_and_the_file_kept(project, old, new, message):
    before = project.read_bytes()
    result = run("rename", old, new)
    assert result.code == 2
    assert result.err.startswith(message), result.err
    assert project.read_bytes() == before


def test_a_former_address_is_taken_too(project):
    assert run("rename", "plan-a", "plan-c").code == 0
    result = run("rename", "plan-b", "plan-a")
    assert result.code == 2
    assert "'plan-a' is a former id of an event (line 16): its address leads there. Choose another id." in result.err


def test_an_id_shared_by_a_source_and_an_entity_is_renamed_by_kind(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = START.replace("  meta: {kind", "  cnbc-report: {kind: organization, label: {en: CNBC, ar: سي إن بي سي}}\n  meta: {kind") + event().replace("[meta]", "[meta, cnbc-report]")
    Path("events.yaml").write_text(text, encoding="utf-8")
    assert "say which with --kind source/entity" in run("rename", "cnbc-report", "cnbc").err
    assert run("rename", "cnbc-report", "cnbc", "--kind", "entity").code == 0
    assert Path("events.yaml").read_text(encoding="utf-8") == text.replace("  cnbc-report: {kind", "  cnbc: {kind").replace("[meta, cnbc-report]", "[meta, cnbc]")


def test_a_former_id_that_is_an_event_id_is_an_error(check):
    result = check(START + event("a").replace("  - id: a\n", "  - id: a\n    moved_from: [b]\n") + event("b"))
    assert result.code == 1
    assert "events.yaml:15:18: error: event 'a', moved_from: 'b' is the id of an event, so its address cannot also lead to another one." in result.out


def test_the_old_address_of_a_renamed_event_leads_to_the_new_one_in_every_language(tmp_path, monkeypatch):
    project = copy_fixture(tmp_path / "project")
    monkeypatch.chdir(project)
    assert run("rename", "llama-4-release", "llama-4-launch").code == 0
    built = run(*build_args(project))
    assert built.code == 0, built.out
    for lang in ("en", "ar"):
        old = (project / "site" / lang / "events" / "llama-4-release" / "index.html").read_text(encoding="utf-8")
        assert (project / "site" / lang / "events" / "llama-4-launch" / "index.html").exists()
        assert '<meta http-equiv="refresh" content="0; url=../llama-4-launch/">' in old
        assert '<link rel="canonical" href="../llama-4-launch/">' in old
        assert '<a href="../llama-4-launch/">' in old
        assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in old


def test_hand_written_pages_that_link_to_the_old_address_are_named_not_changed(project):
    page = project.parent / "docs" / "en" / "about.md"
    page.parent.mkdir(parents=True)
    page.write_text("# About\n\nSee [the plan](events/plan-a.md) and [it again](../events/plan-a/).\nNot [this](events/plan-ab/).\n", encoding="utf-8")
    before = page.read_bytes()
    result = run("rename", "plan-a", "plan-a-2026")
    assert result.out.splitlines()[-1] == f"{Path('docs/en/about.md')}:3: links to events/plan-a/; change the link to events/plan-a-2026/ (hand-written pages are not changed)."
    assert page.read_bytes() == before
