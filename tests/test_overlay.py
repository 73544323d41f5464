"""The panel `serve` shows over the pages while the last save has problems: every line of a problem, errors and
warnings apart, in the page's language and direction, folded by keyboard so that the page stays usable."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from generator.build.pipeline import build
from generator.build.serve import _Recorder
from generator.engine.overlay import problems_overlay

from conftest import REPO, build_options

ERROR = "events.yaml:16:13: error: event 'llama-4-release', status: '<b>hapened</b>' is not a status. Use one of: happened, reported."
WARNING = "events.yaml:18:5: warning: event 'llama-4-release', summary.ar: the Arabic text is missing. Add 'ar: …' with the Arabic translation."


def test_a_settings_problem_shows_every_wrong_setting_under_it(tmp_path: Path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        (REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("latest_events: 5 ", "latest_events: -5").replace("digits: latn ", "digits: xxxx"),
        encoding="utf-8",
    )
    shutil.copytree(REPO / "tests" / "fixtures" / "site", tmp_path, dirs_exist_ok=True)
    recorder = _Recorder(io.StringIO())
    assert not build(build_options(tmp_path, config=config), recorder).ok
    [problem] = recorder.problems()
    lines = problem.splitlines()
    assert lines[0] == "error: 2 problems in extra.timeline:"
    assert [line.split(": ", 1)[1] for line in lines[1:]] == [
        "extra.timeline.languages.ar.digits: 'xxxx' must be one of: latn, arab, arabext, deva, beng, thai, mymr, khmr, native",
        "extra.timeline.latest_events: must be a whole number, 0 or more",
    ]
    panel = problems_overlay([problem]).decode()
    assert "error: 2 problems in extra.timeline:" in panel
    assert "extra.timeline.languages.ar.digits: &#x27;xxxx&#x27; must be one of" in panel
    assert "extra.timeline.latest_events: must be a whole number, 0 or more" in panel


def test_errors_and_warnings_are_apart_and_the_warnings_say_they_fail_the_pull_request():
    panel = problems_overlay([ERROR, WARNING]).decode()
    errors = panel[panel.index('id="timeline-problems-errors"') : panel.index('id="timeline-problems-warnings"')]
    warnings = panel[panel.index('id="timeline-problems-warnings"') :]
    assert "Errors (1)" in errors and "you are seeing its last good version" in errors and "hapened" in errors
    assert "Warnings (1)" in warnings and "the pull request&#x27;s check fails on warnings too" in warnings and "summary.ar" in warnings
    assert "&lt;b&gt;hapened&lt;/b&gt;" in panel and "<b>" not in panel
    assert 'role="alert"' in panel
    only_warnings = problems_overlay([WARNING]).decode()
    assert 'id="timeline-problems-errors"' not in only_warnings and 'role="status"' in only_warnings


def test_on_an_arabic_page_the_panel_speaks_arabic_right_to_left():
    panel = problems_overlay([ERROR, WARNING], "ar").decode()
    assert 'lang="ar" dir="rtl"' in panel
    assert "أخطاء (1)" in panel and "تنبيهات (1)" in panel and "فحص طلب الدمج يرفض التنبيهات" in panel
    assert '<code dir="ltr">events.yaml:16:13</code>' in panel
    # A language the interface has no words for gets English, left to right.
    assert 'lang="en" dir="ltr"' in problems_overlay([ERROR], "xx").decode()


PAGE = """<!doctype html><html lang="{lang}" dir="{dir}"><head><meta charset="utf-8"><title>t</title></head>
<body><header style="position:fixed;inset-block-start:0;inset-inline:0;height:60px"><a id="home" href="#top">Home</a>
<input id="search" aria-label="search"></header><main style="height:3000px;padding-top:80px">Page</main>{panel}</body></html>"""


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_the_panel_leaves_the_header_usable_and_folds_from_the_keyboard(browser, lang, direction):
    context = browser.new_context(viewport={"width": 800, "height": 600}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.set_content(PAGE.format(lang=lang, dir=direction, panel=problems_overlay([ERROR, WARNING], lang).decode()))
        panel = page.locator("#timeline-problems")
        box = panel.bounding_box()
        assert box is not None and box["y"] >= 300  # at the bottom, over at most half of the window
        # The header is not under the panel: a click there reaches it.
        assert page.evaluate("document.elementFromPoint(20, 20).closest('header') !== null")
        summary = page.locator("#timeline-problems summary")
        summary.focus()
        page.keyboard.press("Enter")
        assert page.evaluate("document.querySelector('#timeline-problems details').open") is False
        folded = panel.bounding_box()
        assert folded is not None and folded["height"] < 60  # one line left
        page.keyboard.press("Enter")
        assert page.evaluate("document.querySelector('#timeline-problems details').open") is True
    finally:
        context.close()
