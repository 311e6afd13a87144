"""The API's routes: each reads one page of rows for ``g.event`` and answers it as JSON,
with links to the other pages and an ``ETag`` (``If-None-Match`` with it: 304)."""

from collections.abc import Callable

from flask import Response, abort, g, jsonify, request, url_for

from ..models import Event
from ..services.api.reads import Page, attendees_page, check_ins_page, programme_page, schedule_page
from . import bp
from .openapi import openapi_document

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
Reader = Callable[[Event, int, int], Page]


@bp.get("/events/<slug>/attendees")
def attendees() -> Response:
    return page_response(attendees_page)


@bp.get("/events/<slug>/schedule")
def schedule() -> Response:
    return page_response(schedule_page)


@bp.get("/events/<slug>/programme")
def programme() -> Response:
    return page_response(programme_page)


@bp.get("/events/<slug>/check-ins")
def check_ins() -> Response:
    return page_response(check_ins_page)


@bp.get("/openapi.json")
def openapi() -> Response:
    return conditional(jsonify(openapi_document()))


def page_response(read: Reader) -> Response:
    page, per_page = number_argument("page", 1, 10**6), number_argument("per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    found = read(g.event, page, per_page)
    response = jsonify(data=found.rows, meta={"page": page, "per_page": per_page, "total": found.total,
                                              "last_page": found.last_page},
                       links=page_links(found))
    links = [f'<{url}>; rel="{rel}"' for rel, url in page_links(found).items() if url]
    response.headers["Link"] = ", ".join(links)
    return conditional(response)


def number_argument(name: str, default: int, maximum: int) -> int:
    """A whole number from 1 to ``maximum`` in the query string; anything else is a 400."""
    typed = request.args.get(name)
    if typed is None:
        return default
    if not (typed.isascii() and typed.isdigit() and len(typed) <= 7) or not 1 <= int(typed) <= maximum:
        abort(400)
    return int(typed)


def page_links(found: Page) -> dict[str, str | None]:
    endpoint = str(request.endpoint)  # a matched API route: never None here

    def link(number: int) -> str:
        return url_for(endpoint, page=number, per_page=found.per_page, _external=True)

    return {"self": link(found.page), "first": link(1), "last": link(found.last_page),
            "prev": link(found.page - 1) if found.page > 1 else None,
            "next": link(found.page + 1) if found.page < found.last_page else None}


def conditional(response: Response) -> Response:
    response.add_etag()
    response.make_conditional(request)  # 304 without a body when If-None-Match matches
    return response
