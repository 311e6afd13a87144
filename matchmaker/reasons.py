"""Why a meeting was suggested, phrased for one of its two attendees, in their language.

The engine gives machine codes with parameters (see ``matching.scoring``); this is the one
place that turns them into sentences. Tags appear as the viewer spelled them (synonyms
may have matched another spelling of their partner's).
"""

from collections.abc import Mapping, Sequence
from typing import Any

from flask_babel import gettext as _

from .labels import ORG_TYPE_LABELS, THEME_LABELS


def phrase_reasons(
    reasons: Sequence[Mapping[str, Any]], viewer_id: int, industry_names: Mapping[str, str]
) -> list[str]:
    """One sentence per reason, from the point of view of attendee ``viewer_id``."""
    return [sentence for reason in reasons
            if (sentence := phrase(reason["code"], reason.get("params", {}), viewer_id, industry_names))]


def phrase(code: str, params: Mapping[str, Any], viewer_id: int, industries: Mapping[str, str]) -> str:
    if code == "shared_themes":
        return _("Shared themes: %(themes)s",
                 themes=", ".join(str(THEME_LABELS.get(t, t)) for t in params["themes"]))
    if code == "shared_keywords":
        own = params["keywords"]
        if params.get("keywords_of", viewer_id) != viewer_id:
            own = params["partner_keywords"]
        return _("Shared keywords: %(keywords)s", keywords=", ".join(own))
    if code == "offer_matches_seek":
        if params["offered_by"] == viewer_id:
            return _("You offer “%(tag)s”, which your partner is looking for.", tag=params["tag"])
        return _("Your partner offers “%(tag)s”, which you are looking for.",
                 tag=params.get("sought_tag", params["tag"]))
    if code == "cross_industry":
        return _("Across industries: %(industries)s",
                 industries=" × ".join(industries.get(i, i) for i in params["industries"]))
    if code == "complementary_org_types":
        return _("Complementary organisations: %(types)s",
                 types=" × ".join(str(ORG_TYPE_LABELS.get(t, t)) for t in params["org_types"]))
    if code == "same_cluster":
        return _("You both belong to %(cluster)s and may know each other already.",
                 cluster=params["cluster"])
    if code == "cluster_exchange":
        return _("Exchange between two clusters: %(clusters)s",
                 clusters=" × ".join(params["clusters"]))
    if code == "table_clusters":
        return _("Clusters at the table: %(clusters)s", clusters=", ".join(params["clusters"]))
    if code == "must_meet_mutual":
        return _("You both asked for this meeting.")
    if code == "must_meet_one_sided":
        if params["requested_by"] == viewer_id:
            return _("You asked for this meeting.")
        return _("Your partner asked to meet you.")
    if code in ("valued_industry_pair", "valued_org_type_pair"):
        return phrase_valued(code, params, industries)
    if code == "similar_interest":
        return phrase_similar(params, viewer_id)
    return phrase_favourite(code, params, viewer_id)


def phrase_valued(code: str, params: Mapping[str, Any], industries: Mapping[str, str]) -> str:
    """Last time's feedback (``matching.behaviour``): such pairings were rated valuable."""
    if code == "valued_industry_pair":
        return _("Meetings between %(kinds)s were rated valuable at an earlier event.",
                 kinds=" × ".join(industries.get(i, i) for i in params["industries"]))
    return _("Meetings between %(kinds)s were rated valuable at an earlier event.",
             kinds=" × ".join(str(ORG_TYPE_LABELS.get(t, t)) for t in params["org_types"]))


def phrase_similar(params: Mapping[str, Any], viewer_id: int) -> str:
    """Two tags of different spelling a model found close in meaning, each side's own first."""
    own, other = params["tag"], params["partner_tag"]
    mine = params["tag_of"] == viewer_id
    if params["kind"] == "keywords":
        return _("Your keyword “%(own)s” and your partner's “%(other)s” are similar terms.",
                 own=own if mine else other, other=other if mine else own)
    if mine:
        return _("You are looking for “%(own)s”, your partner offers “%(other)s” – similar terms.",
                 own=own, other=other)
    return _("You offer “%(own)s”, your partner is looking for “%(other)s” – similar terms.",
             own=other, other=own)


def phrase_favourite(code: str, params: Mapping[str, Any], viewer_id: int) -> str:
    """Only the one who marked is told: a favourite is a private note, so the other
    side never learns of it (for a mutual one, each reads only their own mark)."""
    if code == "favourite_mutual" or (code == "favourite" and params["marked_by"] == viewer_id):
        return _("You marked this person as interesting.")
    return ""
