"""`match` and `export-graph` in file mode."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from click.testing import CliRunner

from matchmaker.commands.matching import export_graph_command, match_command
from matchmaker.exchange.attendee_csv import format_attendee_csv
from matchmaker.synthetic import generate_attendees


@pytest.fixture
def attendees_csv(tmp_path):
    path = tmp_path / "attendees.csv"
    path.write_text(format_attendee_csv(generate_attendees(24, seed=2, slots=4)),
                    encoding="utf-8")
    return path


def invoke(command, *args: str):
    return CliRunner().invoke(command, [str(a) for a in args])


def test_match_writes_schedule_json_with_documented_keys(attendees_csv, tmp_path):
    out = tmp_path / "schedule.json"
    result = invoke(match_command, "--input", attendees_csv, "--slots", 4, "--tables", 8,
                    "--output", out, "--start", "2026-06-18T14:00")
    document = json.loads(out.read_text(encoding="utf-8"))
    assert result.exit_code == 0
    assert {"slots", "tables", "meetings", "quality"} <= set(document)
    assert len(document["slots"]) == 4 and len(document["tables"]) == 8
    assert document["slots"][0]["start"] == "2026-06-18T14:00:00"
    assert all(set(m) >= {"slot", "table", "attendees", "score", "reasons"}
               for m in document["meetings"])


def test_match_prints_summary_to_stderr(attendees_csv, tmp_path):
    result = invoke(match_command, "--input", attendees_csv, "--slots", 4,
                    "--output", tmp_path / "s.json")
    assert "meetings, total score" in result.stderr and "upper bound" in result.stderr
    assert "fair level" in result.stderr and "cross-cluster" in result.stderr


def test_match_with_previous_reports_no_changes(attendees_csv, tmp_path):
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    invoke(match_command, "--input", attendees_csv, "--slots", 4, "--output", first)
    result = invoke(match_command, "--input", attendees_csv, "--slots", 4,
                    "--output", second, "--previous", first)
    assert result.exit_code == 0 and "changed 0, added 0" in result.stderr


def test_match_bad_csv_exits_2_naming_rows_and_columns(tmp_path):
    bad = tmp_path / "bad.csv"
    rows = format_attendee_csv(generate_attendees(3, seed=1)).splitlines()
    rows[2] = rows[2].replace(",sme,", ",sm3,").replace(",large,", ",sm3,").replace(
        ",research,", ",sm3,").replace(",startup,", ",sm3,").replace(",cluster,", ",sm3,")
    bad.write_text("\n".join(rows) + "\nnot-an-email,A,B,C,sme,logistics\n", encoding="utf-8")
    result = invoke(match_command, "--input", bad, "--output", tmp_path / "s.json")
    assert result.exit_code == 2
    assert "line 3, column org_type" in result.stderr
    assert "line 5, column email" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_export_graph_writes_node_link_json_keyed_by_email(attendees_csv, tmp_path):
    out = tmp_path / "graph.json"
    result = invoke(export_graph_command, "--input", attendees_csv, "--slots", 4,
                    "--output", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    graph = nx.node_link_graph(data, edges="links")
    assert result.exit_code == 0
    assert all("@" in node for node in graph.nodes) and graph.number_of_nodes() == 24
    assert graph.number_of_edges() > 0
    assert all(isinstance(w, int) and w > 0 for _, _, w in graph.edges(data="weight"))


def test_match_policy_total_in_file_mode_says_so(attendees_csv, tmp_path):
    out = tmp_path / "s.json"
    result = invoke(match_command, "--input", attendees_csv, "--slots", 4, "--output", out,
                    "--policy", "total")
    assert result.exit_code == 0 and "policy total" in result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["quality"]["policy"] == "total"


def test_match_file_mode_is_balanced_by_default_with_fairness_figures(attendees_csv, tmp_path):
    out = tmp_path / "s.json"
    invoke(match_command, "--input", attendees_csv, "--slots", 4, "--tables", 5, "--output", out)
    quality = json.loads(out.read_text(encoding="utf-8"))["quality"]
    assert quality["policy"] == "balanced"
    assert quality["fair_level"] <= quality["fair_level_bound"]
    assert sum(quality["meetings_histogram"]) == quality["attendees_considered"]
    assert all("@" in entry["attendee"] for entry in quality["below_fair_level"])


def test_match_with_synonyms_file_lets_different_spellings_meet(tmp_path):
    people = tmp_path / "people.csv"
    people.write_text(
        "email,first_name,last_name,organisation,org_type,industry,offers,seeks\n"
        "a@x.de,A,A,X GmbH,sme,logistics,Künstliche Intelligenz,\n"
        "b@y.de,B,B,Y GmbH,sme,logistics,,Artificial Intelligence\n", encoding="utf-8")
    synonyms = tmp_path / "synonyms.txt"
    synonyms.write_text("Künstliche Intelligenz = Artificial Intelligence\n", encoding="utf-8")
    out = tmp_path / "s.json"
    invoke(match_command, "--input", people, "--slots", 1, "--output", out,
           "--synonyms", synonyms)
    (meeting,) = json.loads(out.read_text(encoding="utf-8"))["meetings"]
    assert meeting["reasons"] == [{"code": "offer_matches_seek", "params": {
        "tag": "Künstliche Intelligenz", "offered_by": "a@x.de", "sought_by": "b@y.de",
        "sought_tag": "Artificial Intelligence"}}]


def test_match_with_malformed_synonyms_file_names_the_line(attendees_csv, tmp_path):
    synonyms = tmp_path / "synonyms.txt"
    synonyms.write_text("KI = AI\nKI = Künstliche Intelligenz\n", encoding="utf-8")
    result = invoke(match_command, "--input", attendees_csv, "--slots", 4,
                    "--output", tmp_path / "s.json", "--synonyms", synonyms)
    assert result.exit_code == 1 and "line 2" in result.output
    assert "Traceback" not in result.output


def test_match_file_mode_reports_idle_slots(attendees_csv, tmp_path):
    out = tmp_path / "schedule.json"
    result = invoke(match_command, "--input", attendees_csv, "--slots", 4, "--tables", 5,
                    "--output", out)
    quality = json.loads(out.read_text(encoding="utf-8"))["quality"]
    assert f"idle slots between meetings total {quality['idle_slots_total']}, median " in result.output
    assert {"idle_slots_total", "idle_slots_median", "idle_slots_worst"} <= set(quality)
