"""Each kind of bad input: one line naming the file and the problem, good files
in the same run still stored, and the exit status that tells a script what happened."""

import json
import os
import sqlite3

import pytest

from conftest import synthetic_article


def count(db):
    return sqlite3.connect(db).execute("SELECT count(*) FROM documents").fetchone()[0]


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "good.txt"
    path.write_text(synthetic_article(1))
    return path


def lines_about(err, name):
    return [line for line in err.splitlines() if name in line]


def assert_skipped(r, name, words, db, stored=1):
    assert r.code == 2, r
    about = lines_about(r.err, name)
    assert len(about) == 1, r
    assert about[0].startswith("skipped: ") and words in about[0], r
    assert "Traceback" not in r.err
    assert count(db) == stored


def test_empty_file(tmp_path, good, db, dyad):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert_skipped(dyad("ingest", tmp_path, "--db", db), "empty.txt", "empty file", db)


def test_whitespace_only_file(tmp_path, good, db, dyad):
    (tmp_path / "blank.txt").write_text("  \n\n \t\n")
    assert_skipped(dyad("ingest", tmp_path, "--db", db), "blank.txt", "no text", db)


def test_binary_file(tmp_path, good, db, dyad):
    (tmp_path / "photo.txt").write_bytes(bytes(range(256)) * 40)
    assert_skipped(dyad("ingest", tmp_path, "--db", db), "photo.txt", "binary data", db)


def test_huge_text_file(tmp_path, good, db, dyad):
    huge = tmp_path / "dump.txt"
    with open(huge, "wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing 50 MB
    r = dyad("ingest", tmp_path, "--db", db)
    assert_skipped(r, "dump.txt", "over the 10 MB limit", db)
    assert "--max-doc-mb" in r.err


def test_invalid_utf8_is_decoded_and_kept_with_a_note(tmp_path, db, dyad):
    text = "Le président iranien est arrivé à Moscou. " * 3 + synthetic_article(2)
    (tmp_path / "latin1.txt").write_bytes(text.encode("cp1252"))
    r = dyad("ingest", tmp_path, "--db", db)
    assert r.code == 0, r
    (warning,) = lines_about(r.err, "latin1.txt")
    assert warning.startswith("warning: ") and "not valid UTF-8" in warning
    row = sqlite3.connect(db).execute("SELECT text, encoding, encoding_note FROM documents").fetchone()
    assert "président iranien est arrivé" in row[0]
    assert row[1] != "utf-8" and "not valid UTF-8" in row[2]


def test_malformed_html_still_gives_text(tmp_path, db, dyad):
    (tmp_path / "broken.html").write_text(
        "<html><body><div><p>" + synthetic_article(3) + "<p>unclosed <b>bold <table><tr><td>cell")
    r = dyad("ingest", tmp_path, "--db", db)
    assert r.code == 0, r
    assert count(db) == 1


def test_html_without_text(tmp_path, good, db, dyad):
    (tmp_path / "nothing.html").write_text("<html><head><script>var x = 1;</script></head><body></body>")
    assert_skipped(dyad("ingest", tmp_path, "--db", db), "nothing.html", "no text", db)


def test_csv_without_text_column(tmp_path, good, db, dyad):
    (tmp_path / "table.csv").write_text("name,score\nIran,3\nRussia,4\n")
    r = dyad("ingest", tmp_path, "--db", db)
    assert_skipped(r, "table.csv", "no text column", db)
    assert "found: name, score" in r.err


def test_jsonl_with_one_broken_line(tmp_path, db, dyad):
    lines = [json.dumps({"text": synthetic_article(i)}) for i in range(3)]
    lines.insert(1, '{"text": "unterminated')
    (tmp_path / "feed.jsonl").write_text("\n".join(lines))
    r = dyad("ingest", tmp_path, "--db", db)
    assert r.code == 2, r
    (line,) = lines_about(r.err, "feed.jsonl")
    assert "feed.jsonl line 2" in line and "invalid JSON" in line
    assert count(db) == 3


def test_path_that_does_not_exist(good, db, dyad):
    r = dyad("ingest", good, "/no/such/place.txt", "--db", db)
    assert_skipped(r, "/no/such/place.txt", "no such file", db)


def test_folder_with_no_supported_files(tmp_path, good, db, dyad):
    other = tmp_path / "scans"
    other.mkdir()
    (other / "a.pdf").write_bytes(b"%PDF-1.4")
    r = dyad("ingest", good, other, "--db", db)
    assert_skipped(r, "scans", "no supported files", db)


def test_unwritable_db_location(tmp_path, good, dyad):
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    for target, words in ((blocker / "dyad.db", "is not a folder"),
                          (tmp_path / "missing" / "dyad.db", "does not exist"),
                          (tmp_path, "is a folder")):
        r = dyad("ingest", good, "--db", target)
        assert r.code == 1, r
        assert r.err.strip().startswith("error: ") and words in r.err, r
        assert len(r.err.strip().splitlines()) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_folder(tmp_path, good, dyad):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    r = dyad("ingest", good, "--db", locked / "dyad.db")
    assert r.code == 1 and "not writable" in r.err


def test_not_a_database(tmp_path, good, dyad):
    fake = tmp_path / "notes.db"
    fake.write_text("these are my notes, not a database " * 100)
    r = dyad("ingest", good, "--db", fake)
    assert r.code == 1 and "not a dyad database" in r.err, r
    assert fake.read_text().startswith("these are my notes")


def test_manifest_row_naming_a_missing_file(tmp_path, good, db, dyad):
    (tmp_path / "manifest.csv").write_text("file,outlet\ngood.txt,Wire\nghost.txt,Wire\n")
    r = dyad("ingest", tmp_path, "--db", db)
    assert_skipped(r, "ghost.txt", "does not exist", db)
    assert "manifest.csv row 3" in r.err


def test_impossible_date_keeps_the_document_undated(tmp_path, db, dyad):
    (tmp_path / "a.txt").write_text("published: 2022-13-45\n\n" + synthetic_article(5))
    r = dyad("ingest", tmp_path, "--db", db)
    assert r.code == 0, r
    (line,) = lines_about(r.err, "a.txt")
    assert line.startswith("warning: ") and "2022-13-45" in line and "no month 13" in line
    assert sqlite3.connect(db).execute("SELECT published FROM documents").fetchone() == (None,)


def test_impossible_manifest_date_falls_back_to_the_dateline(tmp_path, db, dyad):
    (tmp_path / "a.txt").write_text("date 2022-01-21 Tehran, Iran " + synthetic_article(6))
    (tmp_path / "manifest.csv").write_text("file,published\na.txt,2022-13-45\n")
    r = dyad("ingest", tmp_path, "--db", db)
    assert r.code == 0 and "manifest.csv row 2" in r.err, r
    row = sqlite3.connect(db).execute("SELECT published, published_source FROM documents").fetchone()
    assert row == ("2022-01-21", "dateline")


def test_nothing_ingestible_exits_1(tmp_path, db, dyad):
    (tmp_path / "empty.txt").write_bytes(b"")
    r = dyad("ingest", tmp_path / "empty.txt", "--db", db)
    assert r.code == 1, r
    assert "skipped" in r.out


def test_bad_input_never_touches_stored_documents(tmp_path, good, db, dyad):
    assert dyad("ingest", good, "--db", db).code == 0
    before = sqlite3.connect(db).execute("SELECT id, text FROM documents").fetchall()
    (tmp_path / "junk.txt").write_bytes(b"\x00\x01" * 100)
    (tmp_path / "junk.jsonl").write_text("{not json\n")
    dyad("ingest", tmp_path, "--db", db)
    con = sqlite3.connect(db)
    assert con.execute("SELECT id, text FROM documents").fetchall() == before
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
