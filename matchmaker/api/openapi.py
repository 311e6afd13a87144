"""The API described as OpenAPI 3.1, served at ``/api/v1/openapi.json``.

Written by hand; ``tests/api`` checks that every route of the blueprint is in it."""

from typing import Any

Schema = dict[str, Any]

STRING, INTEGER, BOOLEAN = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}
TIME = {"type": "string", "format": "date-time"}
OPTIONAL_TIME = {"type": ["string", "null"], "format": "date-time"}

ATTENDEE: Schema = {"type": "object", "properties": {
    "id": {"type": "integer", "description": "The registration number (the schedule's attendee id)."},
    "status": {"type": "string", "enum": ["registered", "waitlisted", "cancelled"]},
    "first_name": STRING, "last_name": STRING, "email": STRING, "organisation": STRING,
    "position": STRING, "org_type": STRING, "industry": STRING, "email_confirmed": BOOLEAN,
    "signed_up_at": TIME, "badge_code": STRING,
    "checked_in_at": {**OPTIONAL_TIME, "description": "null: not (yet) arrived."}}}
MEETING: Schema = {"type": "object", "properties": {
    "slot": INTEGER, "starts_at": TIME, "ends_at": TIME,
    "table": {"type": "object", "properties": {"number": INTEGER, "name": STRING}},
    "attendee_ids": {"type": "array", "items": INTEGER, "minItems": 2, "maxItems": 2}}}
CHECK_IN: Schema = {"type": "object", "properties": {
    "attendee_id": INTEGER, "badge_code": STRING, "checked_in_at": TIME}}
SESSION: Schema = {"type": "object", "properties": {
    "id": INTEGER, "title": STRING,
    "kind": {"type": "string", "enum": ["talk", "workshop", "panel", "round_table"]},
    "starts_at": TIME, "ends_at": TIME, "room": STRING,
    "capacity": {"type": ["integer", "null"], "description": "null: no limit."},
    "themes": {"type": "array", "items": STRING}, "description": STRING,
    "seats_taken": INTEGER, "waiting": {**INTEGER, "description": "Places on its waiting list."}}}
PAGE_PARAMETERS = [
    {"name": "slug", "in": "path", "required": True, "schema": STRING},
    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
    {"name": "per_page", "in": "query",
     "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}},
    {"name": "If-None-Match", "in": "header", "schema": STRING},
]
ERRORS = {
    "304": {"description": "Not modified: the ETag sent in If-None-Match is still current."},
    "400": {"description": "page or per_page is not a whole number in range."},
    "401": {"description": "No valid token (missing, malformed, unknown or revoked)."},
    "404": {"description": "No such event, or not the token's event (the same answer)."},
    "429": {"description": "Too many calls with this token; see Retry-After."},
}


def page_of(item: Schema) -> Schema:
    link = {"type": ["string", "null"], "format": "uri"}
    return {"type": "object", "properties": {
        "data": {"type": "array", "items": item},
        "meta": {"type": "object", "properties": {"page": INTEGER, "per_page": INTEGER,
                                                  "total": INTEGER, "last_page": INTEGER}},
        "links": {"type": "object", "properties": {name: link for name in
                                                   ("self", "first", "last", "prev", "next")}}}}


def listing(summary: str, item: Schema) -> Schema:
    return {"get": {"summary": summary, "parameters": PAGE_PARAMETERS, "security": [{"token": []}],
                    "responses": {"200": {"description": "One page.", "headers": {
                        "ETag": {"schema": STRING}, "Link": {"schema": STRING}},
                        "content": {"application/json": {"schema": page_of(item)}}}, **ERRORS}}}


WEBHOOK_DATA = {"registration.created": ATTENDEE, "registration.cancelled": ATTENDEE,
                "registration.promoted": ATTENDEE, "attendee.checked_in": CHECK_IN,
                "schedule.published": {"type": "object", "properties": {
                    "published_at": TIME, "meetings": INTEGER}}}
SIGNATURE = {"name": "X-Matchmaker-Signature", "in": "header", "required": True,
             "description": "t=<unix time>,v1=<hex HMAC-SHA256 of '<t>.<body>' with the "
                            "webhook's secret>", "schema": STRING}


def webhook(kind: str, data: Schema) -> Schema:
    body = {"type": "object", "properties": {"id": STRING, "type": {"const": kind},
                                             "created_at": TIME, "event": STRING, "data": data}}
    return {"post": {"summary": f"Sent when {kind} happens (retried for a day until a 2xx).",
                     "parameters": [SIGNATURE],
                     "requestBody": {"content": {"application/json": {"schema": body}}},
                     "responses": {"200": {"description": "Received."}}}}


def openapi_document() -> Schema:
    return {
        "openapi": "3.1.0",
        "info": {"title": "matchmaker API", "version": "1",
                 "description": "Read-only data of one event. A token belongs to one event; "
                                "an organiser makes it in the dashboard (API tokens) or with "
                                "'matchmaker api-token create'. Every call is in the event's "
                                "audit log."},
        "webhooks": {kind: webhook(kind, data) for kind, data in WEBHOOK_DATA.items()},
        "components": {"securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}},
        "paths": {
            "/api/v1/events/{slug}/attendees": listing(
                "Every registration of the event (all statuses), by registration number.", ATTENDEE),
            "/api/v1/events/{slug}/schedule": listing(
                "The published meetings, by slot and table (empty while none is published).",
                MEETING),
            "/api/v1/events/{slug}/programme": listing(
                "The programme's sessions by start, end and title, with taken seats and waiting "
                "places.", SESSION),
            "/api/v1/events/{slug}/check-ins": listing(
                "Who has arrived, in the order of their check-in.", CHECK_IN),
            "/api/v1/openapi.json": {"get": {"summary": "This document.", "security": [],
                                             "responses": {"200": {"description": "OpenAPI 3.1."}}}},
        },
    }
