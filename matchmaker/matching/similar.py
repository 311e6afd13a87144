"""Similar interests: tags of different spelling that mean nearly the same.

Which tags are similar is decided outside the engine (a text-embedding model, see
``matchmaker.embeddings``) and arrives as `Synonyms.similar`. Here each similar pair of
an attendee's tag and their partner's gives one ``similar_interest`` reason, in two
relations: a keyword of one and a keyword of the other (worth `Weights.similar_keyword`),
and an offer of one and a seek of the other, both directions (`Weights.similar_interest`),
each fewer points than the literal match. A tag already matched literally in that relation takes no part, so a
tag never earns points twice there. ``similar_counts.py`` computes the same counts for
many pairs at once (for ``matrix.py``); a property test keeps the two in agreement.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from matchmaker.matching.model import Attendee, Reason
from matchmaker.matching.synonyms import Synonyms

Spell = Callable[[Iterable[str]], Mapping[str, str]]


def similar_reasons(lo: Attendee, hi: Attendee, synonyms: Synonyms, spell: Spell) -> list[Reason]:
    """The reasons of `lo` (smaller id) and `hi`; `spell(tags)` maps each (synonym) key of
    the tags to its spelling (``scoring.tag_spellings``)."""
    if not synonyms.similar:
        return []
    reasons = _relation(synonyms, "keywords", spell(lo.keywords), lo.id, spell(hi.keywords), hi.id)
    for offerer, seeker in ((lo, hi), (hi, lo)):
        reasons += _relation(synonyms, "offer_seek", spell(seeker.seeks), seeker.id,
                             spell(offerer.offers), offerer.id)
    return reasons


def _relation(synonyms: Synonyms, kind: str, own: Mapping[str, str], own_id: int,
              other: Mapping[str, str], other_id: int) -> list[Reason]:
    """`tag` is spelled as `tag_of` wrote it (for an offer and a seek: the seeker),
    `partner_tag` as the other did."""
    own_only = sorted(own.keys() - other.keys())
    other_only = other.keys() - own.keys()
    return [Reason("similar_interest", {"kind": kind, "tag": own[key], "tag_of": own_id,
                                        "partner_tag": other[near], "partner": other_id})
            for key in own_only for near in sorted(synonyms.near(key) & other_only)]
