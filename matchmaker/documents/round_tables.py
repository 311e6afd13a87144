"""For a round-table session: the table plan (per round, who sits at which table, with
its topic) and the table signs (one per table: its number and topic)."""

from collections.abc import Sequence
from dataclasses import dataclass

from .grid import Cell, draw_rows
from .pdf import Document, Run
from .tables import SIGN_NUMBER_SIZE

ROUND_PLAN_WIDTHS = (18, 62, 100)


@dataclass(frozen=True)
class RoundTable:
    table: str
    topic: str
    people: tuple[tuple[str, str], ...]  # (name, organisation)


@dataclass(frozen=True)
class Round:
    title: str
    tables: tuple[RoundTable, ...]


@dataclass(frozen=True)
class RoundPlanTexts:
    title: str
    table: str
    topic: str
    people: str
    continued: str
    printed: str


def round_table_plan_pdf(rounds: Sequence[Round], texts: RoundPlanTexts, language: str = "de") -> bytes:
    """Each round starts a page; a long round continues on the next page."""
    pdf = Document(texts.title, language)
    for one in rounds:
        def page(suffix: str = "", one: Round = one) -> None:
            pdf.new_page(texts.printed)
            heading = Run(f"{texts.title} · {one.title}{suffix}", 14, bold=True)
            pdf.set_y(pdf.write_run(heading, pdf.l_margin, pdf.t_margin, 180) + 3)

        page()
        header: list[Cell] = [[Run(label, 9, bold=True)]
                              for label in (texts.table, texts.topic, texts.people)]
        draw_rows(pdf, header, [table_cells(t) for t in one.tables], ROUND_PLAN_WIDTHS,
                  lambda: page(f" ({texts.continued})"))
    return bytes(pdf.output())


def table_cells(table: RoundTable) -> list[Cell]:
    people = [Run(f"{name} ({organisation})" if organisation else name, 10)
              for name, organisation in table.people]
    return [[Run(table.table, 11, bold=True)], [Run(table.topic, 10)], people]


def round_table_signs_pdf(tables: Sequence[RoundTable], title: str, label: str) -> bytes:
    """One landscape sign per table: the session, the table's number and its topic."""
    pdf = Document(title, landscape=True)
    width = pdf.epw
    for table in tables:
        pdf.new_page()
        pdf.write_run(pdf.fitting(Run(title, 18, bold=True), width, 12, 10), pdf.l_margin,
                      pdf.t_margin, width, align="C")
        pdf.write_run(Run(label, 40, bold=True), pdf.l_margin, 34, width, align="C")
        number = pdf.one_line(Run(table.table, SIGN_NUMBER_SIZE * 0.8, bold=True), width, 40) or \
            pdf.fitting(Run(table.table, 60, bold=True), width, 90, 24)
        below = pdf.write_run(number, pdf.l_margin, 52, width, align="C")
        if table.topic:
            topic = pdf.fitting(Run(table.topic, 32), width, 40, 14)
            pdf.write_run(topic, pdf.l_margin, min(below + 2, 160), width, align="C")
    return bytes(pdf.output())
