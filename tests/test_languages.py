"""Languages are data: a third language is a line in mkdocs.yml, not a change to the generator."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import REPO, Run, build_args, built_once, copy_fixture, run


def with_french(events_yaml: str) -> str:
    """The fixture's events.yaml with a French text beside every English one."""
    root = yaml.compose(events_yaml)

    def visit(node: yaml.Node) -> None:
        if isinstance(node, yaml.MappingNode):
            keys = {key.value for key, _ in node.value if isinstance(key, yaml.ScalarNode)}
            if keys and keys <= {"en", "ar"} and "en" in keys:
                english = next(value for key, value in node.value if key.value == "en")
                french = yaml.ScalarNode("tag:yaml.org,2002:str", f"FR {english.value}")
                node.value.append((yaml.ScalarNode("tag:yaml.org,2002:str", "fr"), french))
            for _key, value in node.value:
                visit(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                visit(item)

    visit(root)
    return yaml.serialize(root, allow_unicode=True)


def config_with(project: Path, languages: str) -> Path:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    start = text.index("    languages:\n")
    end = text.index("    latest_events:")
    config = project / "mkdocs.yml"
    config.write_text(text[:start] + f"    languages: {languages}\n" + text[end:], encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def trilingual(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def make(project: Path) -> Run:
        copy_fixture(project)
        events = project / "events.yaml"
        events.write_text(with_french(events.read_text(encoding="utf-8")), encoding="utf-8")
        args = build_args(project)
        args[args.index("--config") + 1] = str(config_with(project, "[en, ar, fr]"))
        return run(*args)

    built = built_once(tmp_path_factory, "trilingual", make)
    project, result = built.project, built.result
    assert result.code == 0, result.out + result.err
    assert "French text is missing" not in result.out  # every text is given in French
    assert result.lines[-1].endswith("in en, ar, fr (" + ", ".join(f"{project / 'site'}/{lang}/" for lang in ("en", "ar", "fr")) + ")")
    return project / "site"


def page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_a_third_language_is_built_in_its_own_folder_with_its_language_and_month_names(trilingual: Path):
    home = page(trilingual, "fr/index.html")
    assert '<html lang="fr"' in home
    event = page(trilingual, "fr/events/behemoth-delay/index.html")
    assert '<time datetime="2025-05-15">15 mai 2025</time>' in event
    assert "FR " in event  # the French texts of events.yaml, not another language's
    assert "Chronologie" in page(trilingual, "fr/timeline/index.html")


def test_arabic_stays_right_to_left_beside_the_new_language(trilingual: Path):
    assert '<body dir="rtl"' in page(trilingual, "ar/index.html")
    assert '<body dir="ltr"' in page(trilingual, "fr/index.html")


def test_every_switch_reaches_every_language(trilingual: Path):
    english = page(trilingual, "en/events/llama-4-release/index.html")
    assert 'href="../../../fr/events/llama-4-release/" hreflang="fr" lang="fr" dir="ltr">Lire cette page en français</a>' in english
    assert 'href="../../../ar/events/llama-4-release/" hreflang="ar" lang="ar" dir="rtl">اقرأ هذه الصفحة بالعربية</a>' in english
    # The header's selector names every language in itself.
    for name in ("English", "العربية", "Français"):
        assert re.search(rf'class="md-select__link">\s*{name}\s*</a>', english), name
    root = page(trilingual, "index.html")
    for lang in ("en", "ar", "fr"):
        assert f'<link rel="alternate" hreflang="{lang}" href="{lang}/">' in root
        assert f'href="{lang}/" lang="{lang}"' in root


def test_the_new_language_gets_its_own_search_index(trilingual: Path):
    entry = json.loads(page(trilingual, "pagefind/pagefind-entry.json"))
    assert {"en", "ar", "fr"} <= set(entry["languages"])
    assert entry["languages"]["fr"]["page_count"] > 0


def test_a_text_in_an_undeclared_language_is_an_error_naming_the_declared_ones(tmp_path: Path):
    project = copy_fixture(tmp_path / "project")
    events = project / "events.yaml"
    events.write_text(with_french(events.read_text(encoding="utf-8")), encoding="utf-8")
    result = run("check", str(events), "--config", str(REPO / "mkdocs.yml"))
    assert result.code == 1
    assert "'fr' is not one of the site's languages (en, ar). Add 'fr' to extra.timeline.languages in mkdocs.yml to publish it, or remove this text." in result.out


def test_a_missing_text_in_the_third_language_is_the_usual_warning(tmp_path: Path):
    project = copy_fixture(tmp_path / "project")
    config = config_with(project, "[en, ar, fr]")
    result = run("check", str(project / "events.yaml"), "--config", str(config))
    assert result.code == 0
    assert "title.fr: the French text is missing. Add 'fr: …' with the French translation" in result.out
