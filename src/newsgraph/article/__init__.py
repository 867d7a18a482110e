"""Article structure: RawDocument -> Article.

Headline, section, byline (authors and outlet), dateline, publication date,
copyright, and the body as paragraphs without boilerplate. Each step is a
module: ``text`` (normalising, splitting), ``boilerplate``, ``byline``,
``dateline``, ``dates``, ``outlets``, ``structure`` (sorting a scrape into its
parts), ``html`` (trafilatura); ``build`` puts them together.
"""

from newsgraph.article.build import build_article, parse_paths

__all__ = ["build_article", "parse_paths"]
