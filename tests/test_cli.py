"""The command line as a person meets it: help, errors, exit codes."""

import pytest

from conftest import synthetic_article

COMMANDS = ["ingest", "status", "documents", "show", "search", "export", "actors", "actor", "events",
            "reprocess", "eval"]


def test_top_level_help_lists_every_command(dyad):
    r = dyad("--help")
    assert r.code == 0
    for command in COMMANDS:
        assert command in r.out


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_db_option(command, dyad):
    r = dyad(command, "--help")
    assert r.code == 0 and "Usage: dyad " + command in r.out
    assert "--db FILE" in r.out and "DYAD_DB" in r.out


def test_version(dyad):
    r = dyad("--version")
    assert r.code == 0 and "dyad, version" in r.out


def test_unknown_command_and_missing_argument_are_usage_errors(dyad):
    assert dyad("frobnicate").code == 2
    r = dyad("ingest")
    assert r.code == 2 and "Missing argument" in r.err


def test_db_from_environment(tmp_path, dyad):
    (tmp_path / "a.txt").write_text(synthetic_article(1))
    env = {"DYAD_DB": str(tmp_path / "env.db")}
    assert dyad("ingest", tmp_path / "a.txt", env=env).code == 0
    r = dyad("status", "--json", env=env)
    assert r.code == 0 and r.json["documents"] == 1


def test_show_search_documents(tmp_path, db, dyad):
    (tmp_path / "a.txt").write_text("Lavrov hailed the visit. Raisi arrived in Moscow on Wednesday.")
    dyad("ingest", tmp_path, "--db", db)
    doc_id = dyad("documents", "--db", db, "--json").json[0]["id"]
    r = dyad("show", doc_id[:6], "--db", db)
    assert r.code == 0 and "[  1] Raisi arrived in Moscow on Wednesday." in r.out
    assert dyad("show", "zzzz", "--db", db).code == 1
    r = dyad("search", "Lavrov", "--db", db)
    assert r.code == 0 and "[Lavrov] hailed" in r.out
    assert dyad("search", "nothinglikethis", "--db", db).code == 1


def test_progress_bar_stays_off_stderr_for_pipes(tmp_path, db, dyad):
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(synthetic_article(i))
    r = dyad("ingest", tmp_path, "--db", db)
    assert r.code == 0 and r.err == ""
    r = dyad("ingest", tmp_path, "--db", db, "--quiet")
    assert r.out == "" and r.err == ""


def test_eval_petrarch_command(shared, dyad):
    records = shared / "anchors" / "eventdata" / "universalpetrarch" / "validate" / "PETR_Validate_records_2_02.xml"
    r = dyad("eval-petrarch", records, "--parse", "given")
    assert r.code == 0, r
    header, row = r.out.splitlines()[:2]
    assert "recall" in header and row.startswith("given") and "308" in row
    assert dyad("eval-petrarch", "/no/such.xml").code == 1
