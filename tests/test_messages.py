"""Stories of the checker's messages in the maintainer's language (generator/data/messages.py, locale/)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from generator.data.checker import check_text
from generator.data.messages import LOCALE_DIR, choose

from conftest import START, event

KEYWORDS = {"t": (2,), "tr": (1,), "ntr": (1, 2)}  # as `make messages` extracts them
PLACEHOLDER = re.compile(r"\{[a-z_]+(?::[^}]*)?\}")


def _extracted() -> set[str]:
    found = extract_from_dir(str(LOCALE_DIR.parent), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=())
    return {message if isinstance(message, str) else message[0] for _, _, message, _, _ in found}


def test_every_message_has_an_arabic_translation_that_keeps_its_placeholders():
    with (LOCALE_DIR / "ar" / "LC_MESSAGES" / "checker.po").open("rb") as po:
        catalogue = {m.id if isinstance(m.id, str) else m.id[0]: m for m in read_po(po) if m.id}
    missing = sorted(_extracted() - catalogue.keys())
    assert missing == [], "run `make messages` and translate these in generator/data/locale/ar/LC_MESSAGES/checker.po"
    for msgid, message in catalogue.items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings) and not message.fuzzy, f"not translated: {msgid!r}"
        wanted = sorted(PLACEHOLDER.findall(msgid))
        for string in strings:
            kept = sorted(PLACEHOLDER.findall(string))
            assert kept == wanted or (isinstance(message.string, tuple) and set(kept) <= set(wanted)), (msgid, string)


def _check(tmp_path: Path, text: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    (tmp_path / "events.yaml").write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "generator", "check", "events.yaml", "--config", "none.yml", *args],
        cwd=tmp_path, capture_output=True, text=True, env={"PATH": "/usr/bin", "PYTHONPATH": str(Path(__file__).parent.parent), **(env or {})},
    )


UNKNOWN_FIELD = START + event().replace("status: reported", "status: reported\n    colour: red")


def test_arabic_messages_by_option_or_locale_and_json_keeps_the_code(tmp_path):
    english = _check(tmp_path, UNKNOWN_FIELD).stdout
    assert "unknown field 'colour'" in english and english.endswith("1 error, 0 warnings\n")
    arabic = _check(tmp_path, UNKNOWN_FIELD, "--lang", "ar").stdout
    assert "events.yaml:17:5: خطأ: event 'llama-4-release', colour: الحقل 'colour' غير معروف. الحقول المسموح بها هنا:" in arabic
    assert arabic.endswith("خطأ واحد، لا تنبيهات\n")
    assert _check(tmp_path, UNKNOWN_FIELD, env={"LANG": "ar_EG.UTF-8"}).stdout == arabic
    assert _check(tmp_path, UNKNOWN_FIELD, env={"LC_ALL": "C", "LANG": "ar_EG.UTF-8"}).stdout == english
    as_json = _check(tmp_path, UNKNOWN_FIELD, "--format", "json", "--lang", "ar").stdout
    assert '"code": "unknown-field"' in as_json and "غير معروف" in as_json


def test_the_language_is_one_the_site_declares_with_a_catalogue():
    assert choose("ar", ("en", "ar")) == "ar"
    assert choose("fr", ("en", "fr")) == "en"  # no French catalogue: English
    assert choose(None, ("en",), {"LANG": "ar_SA.UTF-8"}) == "en"  # a site without Arabic
    assert choose(None, ("en", "ar"), {"LANGUAGE": "fr:ar", "LANG": "en_US.UTF-8"}) == "ar"


def test_placeholders_and_overlong_texts_are_reported_with_the_limit_and_the_length():
    text = START + event().replace("title: {en: Title, ar: عنوان}", "title: {en: 'TODO: the title in English', ar: '" + "ع" * 141 + "'}")
    problems = [(p.code, p.severity, p.where, p.message) for p in check_text(text).problems]
    assert problems == [
        ("placeholder", "warning", "event 'llama-4-release', title.en", "the text is still the placeholder 'TODO: the title in English'"),
        ("too-long", "error", "event 'llama-4-release', title.ar", "the text is 141 characters long, over the limit of 140 for title"),
    ]
    arabic = check_text(text).problems[1].shown_in("ar")
    assert arabic.message == "طول النص 141 حرفًا، وهذا يتجاوز الحد الأقصى لحقل title وهو 140 حرفًا"


def test_make_check_runs_the_pull_requests_check():
    root = Path(__file__).parent.parent
    makefile = (root / "Makefile").read_text(encoding="utf-8")
    command = re.search(r"^CHECK := (.+)$", makefile, re.M).group(1)
    workflow = (root / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8")
    assert f"run: {command} --format github" in workflow


EXAMPLE = re.compile(r"<!-- check-example -->\n.*?```yaml\n(.*?)```\n.*?```text\n(.*?)```\n<!-- /check-example -->", re.S)


def test_the_contributing_pages_show_what_the_checker_prints_for_their_example(tmp_path):
    root = Path(__file__).parent.parent
    for language in ("en", "ar"):
        page = (root / "docs" / language / "contributing.md").read_text(encoding="utf-8")
        match = EXAMPLE.search(page)
        assert match, f"docs/{language}/contributing.md has no <!-- check-example --> block"
        printed = _check(tmp_path, match.group(1), "--lang", language).stdout
        assert match.group(2) == printed, f"update the example's output in docs/{language}/contributing.md to what check prints"
