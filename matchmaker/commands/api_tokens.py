"""``api-token``: make, list and revoke the read-only API tokens of an event.

``create`` prints the token once (only its hash is stored); ``revoke`` takes the
token's name or id. Both are written to the event's audit log with the actor "console".
"""

import click

from ..extensions import db
from ..refusals import console_refusal
from ..services import DomainError
from ..services.api.tokens import create_token, event_tokens, revoke_token, token_id_named
from .setup import event_option, require_event

ACTOR = "console"


@click.group("api-token")
def api_token_group() -> None:
    """Read-only tokens of an event's JSON API (/api/v1/events/SLUG/...)."""


@api_token_group.command("create")
@event_option
@click.option("--name", required=True, help="What the token is for, e.g. 'CRM'.")
def create_command(event_slug: str | None, name: str) -> None:
    """Make a token and print it once: it cannot be shown again."""
    event = require_event(event_slug)
    try:
        made = create_token(event, name, ACTOR)
    except DomainError as error:
        raise click.ClickException(console_refusal(error)) from None
    db.session.commit()
    click.echo(f"API token {made.token.name!r} (id {made.token.id}) for {event.slug}; "
               "it is shown only now:", err=True)
    click.echo(made.secret)


@api_token_group.command("revoke")
@event_option
@click.argument("name_or_id")
def revoke_command(event_slug: str | None, name_or_id: str) -> None:
    """Revoke a token by its name or id: it stops working at once."""
    event = require_event(event_slug)
    try:
        name = revoke_token(event, token_id_named(event, name_or_id), ACTOR)
    except DomainError as error:
        raise click.ClickException(console_refusal(error)) from None
    db.session.commit()
    click.echo(f"API token {name!r} revoked.")


@api_token_group.command("list")
@event_option
def list_command(event_slug: str | None) -> None:
    """The event's tokens: id, name, who made it, when it was last used."""
    for row in event_tokens(require_event(event_slug)):
        used = f"last used {row.last_used_at:%Y-%m-%d %H:%M} UTC" if row.last_used_at else "never used"
        click.echo(f"{row.id}\t{row.name}\t{row.created_by}\t{used}")
