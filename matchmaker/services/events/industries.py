"""The installation's list of industries and technology fields, kept by organisers.

Codes never change once given (files and attendees refer to them); names may, and new
industries may be added. The list is shared by all events of the installation.
"""

import re
from dataclasses import dataclass

from sqlalchemy import func, select

from ...extensions import db
from ...models import Industry
from .. import DomainError

CODE = re.compile(r"[a-z][a-z0-9_]{1,59}")


@dataclass(frozen=True)
class IndustryName:
    code: str
    name_de: str
    name_en: str


def rename_industries(names: list[IndustryName]) -> int:
    """Store changed names of existing industries; returns how many changed."""
    by_code = {industry.code: industry for industry in db.session.scalars(select(Industry))}
    changed = 0
    for name in names:
        industry = by_code.get(name.code)
        if industry is None:
            raise DomainError("industry_not_found", industry=name.code)
        if not name.name_de or not name.name_en:
            raise DomainError("industry_name_missing", industry=name.code)
        if (industry.name_de, industry.name_en) != (name.name_de, name.name_en):
            industry.name_de, industry.name_en = name.name_de, name.name_en
            changed += 1
    db.session.flush()
    return changed


def add_industry(name: IndustryName) -> Industry:
    if not CODE.fullmatch(name.code):
        raise DomainError("industry_code_invalid", industry=name.code)
    if db.session.get(Industry, name.code) is not None:
        raise DomainError("industry_code_taken", industry=name.code)
    if not name.name_de or not name.name_en:
        raise DomainError("industry_name_missing", industry=name.code)
    last = db.session.scalar(select(func.max(Industry.position))) or 0
    industry = Industry(code=name.code, name_de=name.name_de, name_en=name.name_en,
                        position=last + 1)
    db.session.add(industry)
    db.session.flush()
    return industry
