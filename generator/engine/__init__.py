"""The engine: everything that knows MkDocs and Material, and nothing else does.

The rest of the generator writes plain files (Markdown pages with YAML front
matter, one docs folder per language) and hands them here with a
`LanguageConfig` per language; it never imports `mkdocs` or `material`. Text
from events.yaml stays raw all the way: it is escaped once, where a template
prints it, and the few theme partials that print such data unescaped are
overridden in `overrides/` (tests/test_engine.py compares each with the
pinned Material's original).

An engine must provide, so that another one (Zensical reads the same
mkdocs.yml) can take this package's place without the rest changing:

- `read_base_config(path)`: the shared configuration as the engine reads it
  (here: `!ENV` values resolved, an `INHERIT`ed parent merged), as a mapping;
  a problem is a `BuildError` that names the file.
- `write_config(config)`: one language's configuration file in the work
  folder, from a `LanguageConfig` (site name and description raw, the
  navigation, the language switch, the search box's words, where its site goes).
- `build_language(lang, config_file, site_dir, out)`: one language's build in
  strict mode, its warnings printed to `out` as `<engine> (<lang>): ...`, a
  failure as a `BuildError` without a traceback.
- `preview_server(rebuild, host, port, root)`: a live-reload server that
  serves `root`, calls `rebuild` when a watched path changes and reloads the
  browser; binding is separate (`server_bind`), so a busy port is told at once.
- `read_front_matter(text)`: (body, metadata) exactly as the engine reads a
  page's front matter, so that what the generator writes is checked against it.
- `CONFIG_HEADER`: the first line of every configuration it writes.
- for pages written through a page shell (generator/build/shell.py, `output.py`
  here): `printed_meta`, `built_text`, `built_body` and `encoded_page`, what
  the engine does to a page's values on their way into its HTML and file; a
  page whose front matter says `page_shell: true` built like any other but
  listed nowhere (no sitemap); `LanguageConfig.pages_written_elsewhere`
  known as pages, so that hand-written pages may link to them.
"""

from __future__ import annotations

from .config import CONFIG_HEADER, LanguageConfig, read_base_config, write_config
from .pages import read_front_matter
from .preview import preview_server, quiet_preview_logs
from .run import build_language

__all__ = [
    "CONFIG_HEADER",
    "LanguageConfig",
    "build_language",
    "preview_server",
    "quiet_preview_logs",
    "read_base_config",
    "read_front_matter",
    "write_config",
]
