"""Codes shared by the engine, the file formats and the app (plain tuples, no framework).

The app translates each code for display; the codes themselves never change.
"""

ORG_TYPES: tuple[str, ...] = (
    "sme",
    "startup",
    "large",
    "research",
    "cluster",
    "public",
    "other",
)

THEMES: tuple[str, ...] = (
    "open_innovation",
    "skills",
    "non_technical",
    "cluster_management",
)

INDUSTRY_CODES: tuple[str, ...] = (
    "manufacturing_engineering",
    "ict_software",
    "health_medtech",
    "energy_environment",
    "automotive_mobility",
    "chemicals_materials",
    "biotech_life_sciences",
    "optics_photonics",
    "logistics",
    "aerospace",
    "micro_nano",
    "food_agri",
    "maritime",
    "creative_industries",
    "construction_housing",
    "textiles",
    "services_consulting",
)

LANGUAGES: tuple[str, ...] = ("de", "en")

# The thesis of the conference: these organisation types gain most from each other.
SMALL_ORG_TYPES: tuple[str, ...] = ("sme", "startup")
BIG_ORG_TYPES: tuple[str, ...] = ("large", "research")
