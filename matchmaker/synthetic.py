"""Realistic, deterministic synthetic attendees of a German cluster conference.

`generate_attendees(n, seed)` always returns the same rows for the same arguments: it uses
only its own `random.Random(seed)` and iterates sorted data. Used by `matchmaker demo`
and by the benchmark.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from matchmaker.exchange.attendee_csv import AttendeeRow
from matchmaker.vocabulary import INDUSTRY_CODES, THEMES

FIRST_NAMES = (
    "Jürgen Björn Jörg Günther Uwe Stefan Thomas Andreas Michael Matthias Sebastian Lukas "
    "Maximilian Felix Tobias Florian Jonas Niklas Dominik Sören Ralf Holger Kai Till Moritz "
    "Anna Katharina Julia Sabine Petra Andrea Claudia Birgit Jana Lena Sophie Hannah Lea "
    "Jülide Käthe Dörte Anja Miriam Franziska Theresa Ulrike Ines Marlene Charlotte Mareike"
).split()
LAST_NAMES = (
    "Müller Schäfer Schröder Weiß Köhler Krüger Größ Hoffmann Schmidt Schneider Fischer Weber "
    "Meyer Wagner Becker Schulz Bauer Koch Richter Klein Wolf Neumann Schwarz Zimmermann "
    "Braun Hofmann Hartmann Lange Schmitt Werner Krause Lehmann Köster Jäger Böhm Vogt Günther "
    "Brückner Löffler Möller Nüßlein Dürr Gödde Hübner Kühn Mäder Pöschl Süß Thürmer"
).split()
INTERNATIONAL_NAMES = (
    ("Özlem", "Yılmaz"), ("Mehmet", "Demir"), ("Ayşe", "Kaya"), ("Piotr", "Nowak"),
    ("Agnieszka", "Wiśniewska"), ("Ana", "García"), ("João", "Gonçalves"), ("Chiara", "Rossi"),
    ("Priya", "Sharma"), ("Wei", "Chen"), ("Yuki", "Tanaka"), ("Olena", "Kovalenko"),
    ("Emma", "Johnson"), ("Lucas", "Martin"), ("Sanne", "de Vries"), ("Mikkel", "Sørensen"),
    ("Zoë", "Dubois"), ("René", "Lefèvre"), ("Dragan", "Petrović"), ("Fatima", "El Amrani"),
)
ORG_TYPE_SHARES = (
    ("sme", 35), ("startup", 15), ("large", 12), ("research", 18),
    ("cluster", 12), ("public", 5), ("other", 3),
)
INDUSTRY_SHARES = (14, 14, 8, 10, 9, 6, 5, 5, 5, 3, 4, 3, 2, 3, 3, 2, 4)
INDUSTRY_WORDS = {  # German vocabulary per industry (keywords, offers, seeks)
    "manufacturing_engineering": "Predictive Maintenance|Industrie 4.0|Leichtbau|Robotik|"
    "Additive Fertigung|Automatisierung|Werkzeugmaschinen|Sensorik|Qualitätssicherung",
    "ict_software": "KI|Cloud|IT-Sicherheit|Datenräume|Digitaler Zwilling|Edge Computing|"
    "Software-Entwicklung|Big Data|Blockchain",
    "health_medtech": "Medizintechnik|Digitale Gesundheit|Telemedizin|Zulassung MDR|"
    "Diagnostik|Implantate|Pflege 4.0|Klinische Studien",
    "energy_environment": "Wasserstoff|Photovoltaik|Energiespeicher|Windenergie|Smart Grid|"
    "Kreislaufwirtschaft|CO2-Bilanzierung|Wärmepumpen|Recycling",
    "automotive_mobility": "Elektromobilität|Batterietechnik|Autonomes Fahren|Ladeinfrastruktur|"
    "Leichtbau|Brennstoffzelle|Fahrzeugelektronik|ÖPNV",
    "chemicals_materials": "Verbundwerkstoffe|Biokunststoffe|Oberflächentechnik|Katalyse|"
    "Polymere|Werkstoffprüfung|Beschichtungen|Recycling",
    "biotech_life_sciences": "Biotechnologie|Bioökonomie|Zellkultur|Genomik|Enzyme|"
    "Wirkstoffentwicklung|Bioprozesstechnik",
    "optics_photonics": "Lasertechnik|Optische Messtechnik|Bildverarbeitung|Quantentechnologie|"
    "Mikrooptik|Photonik|LiDAR",
    "logistics": "Intralogistik|Supply Chain|Letzte Meile|Lagerautomatisierung|Tracking|"
    "Transportoptimierung|Kühlkette",
    "aerospace": "Luftfahrt|Raumfahrt|Satellitentechnik|Drohnen|Leichtbau|Faserverbund",
    "micro_nano": "Nanotechnologie|Mikrosystemtechnik|Halbleiter|MEMS|Dünnschicht|Reinraum",
    "food_agri": "Lebensmitteltechnologie|Precision Farming|Alternative Proteine|Verpackung|"
    "Agrarrobotik|Lebensmittelsicherheit",
    "maritime": "Schiffbau|Offshore|Hafenlogistik|Unterwassertechnik|Maritime Sensorik",
    "creative_industries": "Design Thinking|Gamification|User Experience|Virtual Reality|"
    "Markenentwicklung|Content",
    "construction_housing": "Bauen mit Holz|BIM|Gebäudesanierung|Smart Home|Modulbau|Baustoffe",
    "textiles": "Technische Textilien|Smart Textiles|Faserverbund|Nachhaltige Mode|Vliesstoffe",
    "services_consulting": "Innovationsberatung|Fördermittelberatung|Change Management|"
    "Patentrecht|Geschäftsmodelle|Prozessberatung",
}
CROSS_CUTTING = (
    "KI|Digitalisierung|Fachkräfte|Ausbildung|Nachhaltigkeit|Fördermittel|"
    "Internationalisierung|Open Innovation|Kreislaufwirtschaft|Technologietransfer|"
    "Forschungskooperation|Pilotkunden|Finanzierung|Weiterbildung"
).split("|")
TYPE_OFFERS = {
    "research": ("Technologietransfer", "Forschungskooperation", "Prüfstände"),
    "large": ("Pilotkunden", "Marktzugang", "Skalierung"),
    "cluster": ("Netzwerk", "Fördermittel", "Internationalisierung"),
    "public": ("Fördermittel", "Standortberatung"),
}
TYPE_SEEKS = {
    "sme": ("Forschungskooperation", "Fachkräfte", "Pilotkunden", "Fördermittel"),
    "startup": ("Pilotkunden", "Finanzierung", "Marktzugang", "Technologietransfer"),
    "large": ("Open Innovation", "Start-ups", "Fachkräfte"),
    "research": ("Industriepartner", "Fördermittel"),
}
STARTUP_PARTS = "Nano Hydro Quant Flux Volt Data Bio Opti Robo Green Smart Cell Photon Werk".split()
STARTUP_ENDS = "ify ix io labs werk tec ion wave mind sense".split()
INSTITUTES = (
    "Fraunhofer-Institut für {0}", "Max-Planck-Institut für {0}", "Hochschule {1}",
    "Technische Universität {1}", "Helmholtz-Zentrum {1}", "Leibniz-Institut für {0}",
)
CLUSTERS = (
    "Cluster Nanotechnologie Bayern", "Photonik BW e.V.", "Cluster Leichtbau Nord",
    "Wasserstoff-Cluster Niedersachsen", "Medizintechnik-Cluster Tuttlingen",
    "Automotive Cluster Sachsen", "Cluster Industrie 4.0 Westfalen", "BioRegio Rhein-Main",
    "Maritimes Cluster Norddeutschland", "Kreativwirtschaft Cluster Berlin",
    "Cluster Forst und Holz Thüringen", "Textilcluster Franken", "Logistik-Netzwerk Ruhr",
    "Energiecluster Hessen", "Cluster Mikrosystemtechnik Dresden", "Luftfahrtcluster Hamburg",
)
CITIES = (
    "Aachen Bremen Dresden Erlangen Jena Karlsruhe Kassel Köln Leipzig Lübeck München "
    "Münster Nürnberg Osnabrück Regensburg Saarbrücken Stuttgart Tübingen Würzburg"
).split()
POSITIONS = {
    "sme": ("Geschäftsführer/in", "Leiter/in Entwicklung", "Vertriebsleiter/in"),
    "startup": ("Gründer/in & CEO", "CTO", "Business Development"),
    "large": ("Innovationsmanager/in", "Head of Open Innovation", "Abteilungsleiter/in"),
    "research": ("Wissenschaftliche/r Mitarbeiter/in", "Gruppenleiter/in", "Transfermanager/in"),
    "cluster": ("Clustermanager/in", "Projektmanager/in", "Netzwerkkoordinator/in"),
    "public": ("Referent/in", "Wirtschaftsförderer/in"),
    "other": ("Referent/in", "Berater/in"),
}
TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue", "ı": "i"}
)


@dataclass
class _Organisation:
    name: str
    org_type: str
    industry: str
    domain: str
    members: int = 0


@dataclass
class _World:
    rng: random.Random
    organisations: list[_Organisation] = field(default_factory=list)
    emails: set[str] = field(default_factory=set)


def generate_attendees(n: int, seed: int, slots: int = 10) -> list[AttendeeRow]:
    """`n` realistic attendees for an event with `slots` slots, the same for the same seed."""
    world = _World(random.Random(seed))  # nosec B311  # seeded demo data, not security
    rows = [_attendee(world, slots) for _ in range(n)]
    return _add_must_meet(world.rng, rows)


SIGN_UP_WEEKS = 6


def sign_up_times(n: int, seed: int, end: datetime, weeks: int = SIGN_UP_WEEKS) -> list[datetime]:
    """`n` sign-up moments in the `weeks` before `end`, earliest first, more of them towards
    the end (as sign-ups come in before a conference); the same for the same arguments."""
    rng = random.Random(seed)  # nosec B311  # seeded demo data, not security
    span = timedelta(weeks=weeks).total_seconds()
    # 1 - sqrt(u) leans towards 0: most sign-ups in the last weeks.
    offsets = sorted((span * (1 - rng.random() ** 0.5) for _ in range(n)), reverse=True)
    return [end - timedelta(seconds=round(offset)) for offset in offsets]


def ascii_slug(text: str) -> str:
    """Lower-case ASCII letters and digits (umlauts transliterated: ü -> ue)."""
    plain = unicodedata.normalize("NFKD", text.translate(TRANSLITERATION))
    plain = plain.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def _attendee(world: _World, slots: int) -> AttendeeRow:
    rng = world.rng
    org = _organisation(world)
    first, last, international = _name(rng)
    keywords, offers, seeks = _tags(rng, org)
    return AttendeeRow(
        email=_email(world, first, last, org.domain),
        first_name=first,
        last_name=last,
        organisation=org.name,
        org_type=org.org_type,
        industry=org.industry,
        themes=_themes(rng, org.org_type),
        keywords=keywords,
        offers=offers,
        seeks=seeks,
        unavailable_slots=_unavailable(rng, slots),
        max_meetings=rng.randint(2, max(2, slots - 3)) if rng.random() < 0.05 else None,
        wants_meetings=rng.random() >= 0.05,
        language="en" if rng.random() < (0.5 if international else 0.05) else "de",
        position=rng.choice(POSITIONS[org.org_type]),
        cluster=org.name if org.org_type == "cluster" else _maybe_cluster(rng),
    )


def _weighted(rng: random.Random, items: tuple, weights: tuple[int, ...]):
    return rng.choices(items, weights=weights, k=1)[0]


def _organisation(world: _World) -> _Organisation:
    rng = world.rng
    org_type = _weighted(rng, *zip(*ORG_TYPE_SHARES, strict=True))
    shared = [o for o in world.organisations if o.org_type == org_type and o.members < 4]
    if shared and rng.random() < (0.35 if org_type in ("research", "large") else 0.12):
        org = rng.choice(shared)
    else:
        industry = _weighted(rng, INDUSTRY_CODES, INDUSTRY_SHARES)
        name = _organisation_name(rng, org_type, industry)
        if any(o.name == name for o in world.organisations):
            name = f"{name} {rng.choice(CITIES)}"
        org = _Organisation(name, org_type, industry, _domain(name))
        world.organisations.append(org)
    org.members += 1
    return org


def _organisation_name(rng: random.Random, org_type: str, industry: str) -> str:
    topic = rng.choice(INDUSTRY_WORDS[industry].split("|"))
    if org_type == "startup":
        return f"{rng.choice(STARTUP_PARTS)}{rng.choice(STARTUP_ENDS)} GmbH"
    if org_type == "research":
        return rng.choice(INSTITUTES).format(topic, rng.choice(CITIES))
    if org_type == "cluster":
        return rng.choice(CLUSTERS)
    if org_type == "public":
        return rng.choice(("Wirtschaftsförderung {0}", "IHK {0}", "Stadt {0}")).format(
            rng.choice(CITIES))
    if org_type == "large":
        return f"{rng.choice(CITIES)} {topic} AG"
    if org_type == "other":
        return f"Verband {topic} {rng.choice(CITIES)} e.V."
    return f"{rng.choice(LAST_NAMES)} {topic} GmbH"


def _domain(name: str) -> str:
    words = [w for w in ascii_slug(name).split("-") if w not in ("gmbh", "ag", "e", "v", "fuer")]
    return "-".join(words[:3]) + ".de"


def _name(rng: random.Random) -> tuple[str, str, bool]:
    if rng.random() < 0.15:
        first, last = rng.choice(INTERNATIONAL_NAMES)
        return first, last, True
    return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES), False


def _email(world: _World, first: str, last: str, domain: str) -> str:
    local = f"{ascii_slug(first)}.{ascii_slug(last)}".replace("-", "")
    email, number = f"{local}@{domain}", 2
    while email in world.emails:
        email, number = f"{local}{number}@{domain}", number + 1
    world.emails.add(email)
    return email


def _themes(rng: random.Random, org_type: str) -> tuple[str, ...]:
    chosen = set(rng.sample(THEMES, rng.choice((1, 1, 2, 2, 3))))
    if org_type == "cluster":
        chosen.add("cluster_management")
    return tuple(t for t in THEMES if t in chosen)


def _tags(rng: random.Random, org: _Organisation) -> tuple[tuple[str, ...], ...]:
    own = INDUSTRY_WORDS[org.industry].split("|")
    other = INDUSTRY_WORDS[_weighted(rng, INDUSTRY_CODES, INDUSTRY_SHARES)].split("|")
    keywords = rng.sample(own, rng.randint(2, min(5, len(own)))) + rng.sample(
        CROSS_CUTTING, rng.randint(0, 2))
    offers = rng.sample(own, rng.randint(1, 3)) + list(TYPE_OFFERS.get(org.org_type, ()))[
        : rng.randint(0, 2)]
    seeks = rng.sample(other, rng.randint(1, 2)) + rng.sample(
        list(TYPE_SEEKS.get(org.org_type, CROSS_CUTTING)), 1)
    return tuple(_unique(keywords)), tuple(_unique(offers)), tuple(_unique(seeks))


def _unique(tags: list[str]) -> list[str]:
    return list(dict.fromkeys(tags))[:10]


def _unavailable(rng: random.Random, slots: int) -> tuple[int, ...]:
    if slots < 2 or rng.random() >= 0.15:
        return ()
    return tuple(sorted(rng.sample(range(1, slots + 1), rng.randint(1, min(3, slots - 1)))))


def _maybe_cluster(rng: random.Random) -> str:
    return rng.choice(CLUSTERS) if rng.random() < 0.4 else ""


def _add_must_meet(rng: random.Random, rows: list[AttendeeRow]) -> list[AttendeeRow]:
    """About 3% ask to meet one or two others; half of those requests are returned."""
    wishes: dict[int, list[int]] = {}
    for index in range(len(rows)):
        if len(rows) < 2 or rng.random() >= 0.03:
            continue
        others = [j for j in rng.sample(range(len(rows)), min(3, len(rows)))
                  if rows[j].organisation != rows[index].organisation]
        for j in others[: rng.randint(1, 2)]:
            wishes.setdefault(index, []).append(j)
            if rng.random() < 0.5:
                wishes.setdefault(j, []).append(index)
    return [
        _with_must_meet(row, [rows[j].email for j in wishes.get(i, ())])
        for i, row in enumerate(rows)
    ]


def _with_must_meet(row: AttendeeRow, emails: list[str]) -> AttendeeRow:
    if not emails:
        return row
    return replace(row, must_meet=tuple(dict.fromkeys(emails)))
