"""``/articles/{id}``: one stored article, highlighted, with its events,
speakers, entities and the other copies of its story."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import HTMLResponse

from newsgraph.store.read import Engine, article_number, article_view
from newsgraph.web.article_model import from_view
from newsgraph.web.render import error_page, page


def add_routes(router: APIRouter, engine: Engine) -> None:
    @router.get("/articles/{article_id}", response_class=HTMLResponse)
    def article_page(article_id: str) -> HTMLResponse:
        number = article_number(engine, article_id)  # its number or its own id
        view = article_view(engine, number) if number is not None else None
        if view is None:
            return error_page(
                404,
                "Article not found",
                "There is no article with this number in the knowledge base.",
                section="search",
            )
        return page("article.html", model=from_view(view), section="search")
