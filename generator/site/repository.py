"""The repository the site is edited in, and the two links into it that pages offer.

"Edit this event" leads to the event's line of events.yaml on the repository's
website; "Report a correction" opens a new issue there, prefilled with the
page's title and address. Both need the repository's address (`repo_url` in
mkdocs.yml, from the environment variable REPO_URL); without it pages offer
neither, so no link ever leads nowhere. The address is never guessed.

The links follow GitHub's address scheme (`/blob/<branch>/<path>#L<line>`,
`/issues/new?title=…&body=…`), which Gitea and Forgejo share.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from generator.data.errors import BuildError

from .site_address import is_web_address

BRANCH_VARIABLE = "REPO_BRANCH"  # the branch edit links lead to
DEFAULT_BRANCH = "main"


@dataclass(frozen=True)
class Repository:
    url: str  # e.g. https://github.com/org/repo, without a trailing slash
    branch: str = DEFAULT_BRANCH
    events_path: str = "events.yaml"  # the events file, relative to the repository's root (POSIX)

    def line_url(self, line: int) -> str:
        """The address of one line of the events file, on the branch the site is built from."""
        return f"{self.url}/blob/{quote(self.branch, safe='/')}/{quote(self.events_path)}#L{line}"

    def new_issue_url(self, title: str, body: str) -> str:
        """The address of a new issue with this title and body filled in; every character is percent-encoded."""
        return f"{self.url}/issues/new?" + urlencode({"title": title, "body": body}, quote_via=quote)


def read_repository(base: Mapping[str, Any], config: Path, events: Path, environ: Mapping[str, str] = os.environ) -> Repository | None:
    """The repository named by the shared configuration's repo_url; None when it names none.

    `config` is the shared mkdocs.yml, which sits at the repository's root: the
    events file's path in the repository is read relative to its folder.
    """
    url = base.get("repo_url")
    if url is None or url == "":
        return None
    if not isinstance(url, str) or not is_web_address(url):
        raise BuildError(
            f"{config}: repo_url (the environment variable REPO_URL): {url!r} is not the address of a repository."
            " Give its web address, e.g. https://github.com/org/repo, or leave REPO_URL unset for a site without links to it."
        )
    branch = environ.get(BRANCH_VARIABLE, "").strip() or DEFAULT_BRANCH
    return Repository(url.rstrip("/").removesuffix(".git"), branch, _path_in_repository(events, config.parent))


def _path_in_repository(events: Path, root: Path) -> str:
    try:
        return events.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:  # the file lies outside the configuration's folder (a test, another checkout)
        return events.name
