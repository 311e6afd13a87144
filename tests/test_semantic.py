"""Similar interests with the real model (the `semantic` extra): file mode shows them, and
only between tags the model puts at or above the threshold.

Without the package these skip, and fail under CI=true (tests/run.sh installs the extra)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchmaker import PROJECT_DIR, embeddings
from matchmaker.commands.matching import match_command
from matchmaker.matching import Attendee, pair_score
from matchmaker.matching.synonyms import NO_SYNONYMS, tag_key

pytestmark = pytest.mark.usefixtures("semantic_extra")
EXAMPLE = Path(PROJECT_DIR) / "docs" / "examples" / "attendees.csv"
PAIRS = Path(PROJECT_DIR) / "bench" / "data" / "similar_tag_pairs.tsv"


def example_schedule(tmp_path: Path) -> dict:
    out = tmp_path / "schedule.json"
    result = CliRunner().invoke(match_command, ["--input", str(EXAMPLE), "--slots", "10",
                                                "--tables", "6", "--output", str(out)])
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8"))


def reasons_of(document: dict) -> list[dict]:
    return [r for m in document["meetings"] for r in m["reasons"]]


def test_file_mode_on_readme_example_shows_similar_interest_reasons(tmp_path):
    similar = [r["params"] for r in reasons_of(example_schedule(tmp_path))
               if r["code"] == "similar_interest"]
    assert {"kind": "offer_seek", "tag": "Forschungspartner", "tag_of": "maria.garcia@biocell.de",
            "partner_tag": "Forschungskooperation",
            "partner": "anna.schaefer@fraunhofer-beispiel.de"} in similar


TAGS = sorted({tag for line in PAIRS.read_text(encoding="utf-8").splitlines()
               if line and not line.startswith("#") for tag in line.split("\t")[:2]})


@pytest.fixture(scope="module")
def model_vectors() -> dict[str, np.ndarray]:
    keys = sorted({tag_key(t) for t in TAGS})
    return dict(zip(keys, embeddings.encode(keys), strict=True))


@pytest.fixture(scope="module")
def model_synonyms():
    return NO_SYNONYMS.with_similar(embeddings.similar_tags([tag_key(t) for t in TAGS]))


tags = st.lists(st.sampled_from(TAGS), max_size=4).map(tuple)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keywords=st.tuples(tags, tags), offers=st.tuples(tags, tags), seeks=st.tuples(tags, tags))
def test_similar_reasons_only_between_tags_the_model_puts_above_threshold(
        model_vectors, model_synonyms, keywords, offers, seeks):
    a = Attendee(1, "A", "sme", "x", keywords=keywords[0], offers=offers[0], seeks=seeks[0])
    b = Attendee(2, "B", "large", "y", keywords=keywords[1], offers=offers[1], seeks=seeks[1])
    for reason in pair_score(a, b, synonyms=model_synonyms).reasons:
        if reason.code == "similar_interest":
            own, other = (model_vectors[tag_key(reason.params[p])] for p in ("tag", "partner_tag"))
            assert float(own @ other) >= embeddings.THRESHOLD
