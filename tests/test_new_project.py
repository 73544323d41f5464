"""`new DIR`: a newsroom starts its own timeline in one command, in the languages it publishes in."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.languages.labels import packaged_languages

from conftest import run


def test_new_writes_a_project_in_french_and_arabic_whose_example_passes_the_strict_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    created = run("new", "my-timeline", "--languages", "fr,ar")
    assert created.code == 0, created.err
    assert created.lines[-1] == "Next: cd my-timeline && make serve   (then open http://127.0.0.1:8000/)"
    project = tmp_path / "my-timeline"
    files = sorted(str(path.relative_to(project)) for path in project.rglob("*") if path.is_file())
    assert files == [
        ".github/workflows/check.yml", ".github/workflows/deploy.yml", ".github/workflows/links.yml", ".gitignore",
        "CHANGELOG.md", "Makefile", "README.md",
        "docs/ar/contributing.md", "docs/ar/index.md", "docs/ar/methodology.md",
        "docs/fr/contributing.md", "docs/fr/index.md", "docs/fr/methodology.md",
        "events.yaml", "mkdocs.yml", "requirements.txt",
    ]
    monkeypatch.chdir(project)
    assert run("check", "--strict").lines == ["no problems found (1 event, 1 source, 1 entity)"]

    settings = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    assert [language["code"] for language in settings["extra"]["timeline"]["languages"]] == ["fr", "ar"]  # French first: the default
    events = (project / "events.yaml").read_text(encoding="utf-8")
    assert events.count("# EXAMPLE:") == 3  # the source, the entity and the event, each marked
    assert "language: fr" in events and "    fr: \"Exemple : le conseil municipal adopte son budget\"" in events
    # The README and the Makefile name the same two commands.
    readme, makefile = (project / "README.md").read_text(encoding="utf-8"), (project / "Makefile").read_text(encoding="utf-8")
    assert "make serve" in readme and "make test" in readme
    assert "\nserve: setup\n" in makefile and "\ntest: setup\n" in makefile


def test_without_languages_the_project_is_in_english_and_arabic(tmp_path: Path):
    assert run("new", str(tmp_path / "site")).code == 0
    assert sorted(path.name for path in (tmp_path / "site" / "docs").iterdir()) == ["ar", "en"]


def test_a_language_without_interface_words_gets_a_copy_of_the_english_ones_to_translate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    assert "de" not in packaged_languages()
    created = run("new", str(tmp_path / "site"), "--languages", "de,en")
    assert created.code == 0
    assert "note: the generator has no interface words for 'de': translate labels/de.yaml" in created.err
    labels = (tmp_path / "site" / "labels" / "de.yaml").read_text(encoding="utf-8")
    assert labels.startswith("# TO TRANSLATE: the interface's words in German, copied from English.\n")
    assert "labels: labels/de.yaml" in (tmp_path / "site" / "mkdocs.yml").read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path / "site")
    assert run("check", "--strict").code == 0


def test_a_folder_that_holds_anything_is_refused_and_left_as_it_was(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    refused = run("new", str(tmp_path))
    assert refused.code == 2
    assert refused.err == f"error: {tmp_path} is not an empty folder; `new` writes only into a new or empty one, so that nothing there is overwritten\n"
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize(("languages", "message"), [
    ("fr,xx-zz", "error: --languages: 'xx-zz' is not a language CLDR knows; give BCP 47 codes such as fr, ar, en, pt-BR\n"),
    ("fr,ar,fr", "error: --languages names a language twice: fr,ar,fr; name each once, the default first\n"),
    (" , ", "error: --languages needs at least one language code, e.g. --languages en,ar\n"),
])
def test_languages_that_cannot_be_used_are_refused_before_anything_is_written(tmp_path: Path, languages: str, message: str):
    refused = run("new", str(tmp_path / "site"), "--languages", languages)
    assert (refused.code, refused.err) == (2, message)
    assert not (tmp_path / "site").exists()


def test_the_version_is_the_packages():
    from generator import __version__

    assert run("--version").out == f"timeline-generator {__version__}\n"


@pytest.mark.needs("node")
def test_the_new_projects_workflows_pass_actionlint_and_install_the_generator_it_names(tmp_path: Path):
    from test_workflow import actionlint

    assert run("new", str(tmp_path / "site"), "--languages", "fr,ar").code == 0
    workflows = sorted((tmp_path / "site" / ".github" / "workflows").glob("*.yml"))
    assert [path.name for path in workflows] == ["check.yml", "deploy.yml", "links.yml"]
    assert actionlint(*workflows) == []
    for workflow in workflows:
        assert "python -m pip install -r requirements.txt" in workflow.read_text(encoding="utf-8")
    assert (tmp_path / "site" / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1].startswith("timeline-generator==")


def test_the_tools_check_a_new_french_and_arabic_project_in_its_own_languages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # new-source and new-event check the file against the languages of its mkdocs.yml, not the default pair.
    monkeypatch.chdir(tmp_path)
    assert run("new", "my-timeline", "--languages", "fr,ar").code == 0
    monkeypatch.chdir(tmp_path / "my-timeline")
    source = run("new-source", "https://news.example.org/2025/01/15/story", "--language", "fr", "--no-fetch", "--append")
    assert source.code == 0, source.err
    event = run("new-event", "--append")
    assert event.code == 0, event.err
    checked = run("check")
    assert checked.code == 0, checked.out
    assert checked.lines[-1].startswith("0 errors, "), checked.out  # only the placeholders and unknowns left to fill in
    assert 'fr: "TODO: the title (fr)"' in Path("events.yaml").read_text(encoding="utf-8")
