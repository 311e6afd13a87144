"""The table plan and table signs of a round-table session, as PDF bytes (layout in
``matchmaker.documents.round_tables``)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flask_babel import force_locale
from flask_babel import gettext as _

from ...models import Event, ProgrammeSession, utcnow
from .. import DomainError
from ..events.events import industries
from ..programme.round_tables import groups_by_round, layout_of
from .texts import printed_at, table_label

if TYPE_CHECKING:
    from ...documents.round_tables import Round


def formed_rounds(session: ProgrammeSession, language: str) -> list[Round]:
    from ...documents.round_tables import Round, RoundTable  # the PDF library loads to print only

    layout = layout_of(session)
    rounds = groups_by_round(session, layout, {i.code: i.name(language) for i in industries()}) \
        if layout else []
    if not rounds:
        raise DomainError("round_tables_not_formed")
    with force_locale(language):
        return [Round(_("Round %(round)d", round=number), tuple(
            RoundTable(str(t.table), t.topic,
                       tuple((p.attendee.full_name, p.attendee.organisation) for p in t.people))
            for t in tables)) for number, tables in enumerate(rounds, start=1)]


def round_table_plan_pdf_of(event: Event, session: ProgrammeSession, language: str = "de",
                            now: datetime | None = None) -> bytes:
    from ...documents.round_tables import RoundPlanTexts, round_table_plan_pdf

    rounds = formed_rounds(session, language)
    with force_locale(language):
        texts = RoundPlanTexts(_("Round tables: %(title)s", title=session.title), _("Table"),
                               _("Topic"), _("At the table"), _("continued"),
                               printed_at(now or utcnow(), language))
    return round_table_plan_pdf(rounds, texts, language)


def round_table_signs_pdf_of(event: Event, session: ProgrammeSession, language: str = "de") -> bytes:
    from ...documents.round_tables import round_table_signs_pdf

    """The tables of the first round: every round uses the same tables and topics."""
    first = formed_rounds(session, language)[0]
    return round_table_signs_pdf(first.tables, f"{event.title} · {session.title}", table_label())
