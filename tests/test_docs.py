"""The docs against the code (datasette's habit): every verb and setting is
documented, the generated reference pages are up to date, the README stays
short, and no relative link is broken.

When a test here fails because a verb or a setting changed, run `make docs`
(and mention a new verb on the page of its area). Nothing here needs spaCy,
a database or the gold data in ../shared.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgraph.cli.reference import (
    Verb,
    reference,
    settings_block,
    settings_table,
    verbs,
)
from newsgraph.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"
CLI_PAGE = DOCS / "cli.md"
SETTINGS_PAGE = DOCS / "settings.md"
README_MAX_LINES = 260

PAGES = [README, *sorted(DOCS.glob("*.md"))]
VERBS = verbs()

FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)  # http:, https:, mailto:


def _text(page: Path) -> str:
    return page.read_text(encoding="utf-8")


def _prose(text: str) -> str:
    """``text`` without fenced code blocks and code spans (where brackets and
    hashes are not Markdown)."""
    return CODE_SPAN.sub("", FENCE.sub("", text))


def _anchors(page: Path) -> set[str]:
    """GitHub's anchors for the headings of ``page`` (duplicates get -1, -2...)."""
    found: set[str] = set()
    for heading in HEADING.findall(FENCE.sub("", _text(page))):
        title = re.sub(r"[`*_]|<[^>]+>", "", heading)
        slug = re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")
        anchor, n = slug, 0
        while anchor in found:
            n += 1
            anchor = f"{slug}-{n}"
        found.add(anchor)
    return found


def _mentioned(verb: Verb, text: str) -> bool:
    """Whether ``text`` says `newsgraph VERB` (words may wrap over lines;
    `newsgraph entity` does not count as a mention of `entity-merge`)."""
    words = r"\s+".join(re.escape(w) for w in verb.name.split())
    return re.search(rf"{words}(?![\w-])", text) is not None


@pytest.mark.parametrize("verb", VERBS, ids=lambda v: v.name)
def test_docs_cli_page_has_every_verb(verb: Verb) -> None:
    assert f"\n## {verb.name}\n" in _text(CLI_PAGE), (
        f"{verb.name} is not in docs/cli.md: run make docs"
    )


@pytest.mark.parametrize("verb", VERBS, ids=lambda v: v.name)
def test_docs_pages_mention_every_verb(verb: Verb) -> None:
    pages = [p for p in PAGES if p != CLI_PAGE]
    assert any(_mentioned(verb, _text(p)) for p in pages), (
        f"`{verb.name}` is mentioned in neither README.md nor docs/*.md (besides cli.md): "
        "describe it on the page of its area"
    )


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_docs_settings_page_has_every_variable(name: str) -> None:
    assert SETTINGS[name].env in _text(SETTINGS_PAGE), (
        f"{SETTINGS[name].env} is not in docs/settings.md: run make docs"
    )


def test_docs_cli_page_is_generated_from_the_app() -> None:
    assert _text(CLI_PAGE) == reference(), "docs/cli.md is out of date: run make docs"


def test_docs_settings_table_is_generated_from_settings() -> None:
    assert settings_block(_text(SETTINGS_PAGE)) == settings_table(), (
        "the settings table in docs/settings.md is out of date: run make docs"
    )


def test_docs_readme_is_short() -> None:
    lines = len(_text(README).splitlines())
    assert lines <= README_MAX_LINES, (
        f"README.md has {lines} lines (at most {README_MAX_LINES}): move details to docs/"
    )


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_docs_relative_links_point_to_files(page: Path) -> None:
    broken = []
    for target in LINK.findall(_prose(_text(page))):
        if EXTERNAL.match(target):
            continue
        path, _, fragment = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        if not linked.exists():
            broken.append(f"{target} (no file {linked})")
        elif fragment and linked.suffix == ".md" and fragment not in _anchors(linked):
            broken.append(f"{target} (no heading #{fragment} in {linked.name})")
    assert not broken, f"broken links in {page.relative_to(ROOT)}: " + "; ".join(broken)


def test_docs_anchors_follow_github(tmp_path: Path) -> None:
    """The anchor rule the link test relies on, on a page made by hand."""
    page = tmp_path / "page.md"
    page.write_text(
        "# Title\n\n## The document (the contract)\n\n### `newsgraph eval ner`\n\n"
        "```sh\n# not a heading\n```\n\n## Title\n",
        encoding="utf-8",
    )
    assert _anchors(page) == {
        "title",
        "the-document-the-contract",
        "newsgraph-eval-ner",
        "title-1",
    }
