"""Checkers a mature site runs: the W3C HTML validator (vnu.jar) and axe-core.

Both come from the npm registry, pinned in package.json; vnu runs on Debian's
Java and axe-core inside the real Chromium page, in light and dark mode.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import REPO
from test_browser import PAGE_KINDS

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"

# Material's own markup, not ours: its drawer and search toggles are checkboxes
# with autocomplete="off" (a Firefox workaround the validator rejects).
THEME_FINDINGS = ("Attribute “autocomplete” is only allowed when the input type is",)


@pytest.mark.needs("java", "node")
def test_every_built_page_is_valid_html(built_site: Path):
    pages = sorted(str(path) for path in built_site.rglob("*.html"))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages], capture_output=True, text=True, timeout=300
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    ours = [
        f"{Path(message['url']).relative_to(built_site) if message.get('url', '').startswith('/') else message.get('url')}: {message['message']}"
        for message in messages
        if not message["message"].startswith(THEME_FINDINGS)
    ]
    assert ours == []


@pytest.mark.needs("chromium", "node")
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_page_kind_passes_axe(browser, site_url, lang, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    violations = {}
    for kind, path in {"root": None, **PAGE_KINDS}.items():
        page.goto(f"{site_url}/" if path is None else f"{site_url}/{lang}/{path}")
        page.add_script_tag(path=str(AXE))
        found = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}`)"
        )
        if found:
            violations[kind] = found
    context.close()
    assert violations == {}
