"""The store: schema versioning, WAL, full-text search, and surviving kill -9."""

import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from conftest import ROOT, synthetic_article
from dyad.errors import StoreError
from dyad.store import Store, migrations


def test_new_database_is_wal_and_at_the_latest_schema(db):
    with Store(db) as store:
        assert store.schema_version == len(migrations())
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_newer_schema_is_refused_untouched(db):
    Store(db).close()
    con = sqlite3.connect(db)
    con.execute("PRAGMA user_version = 999")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer than this dyad"):
        Store(db)
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == 999


def test_read_commands_do_not_create_a_database(tmp_path, dyad):
    r = dyad("status", "--db", tmp_path / "none.db")
    assert r.code == 1 and "no database" in r.err
    assert not (tmp_path / "none.db").exists()


def test_fts_finds_sentences_and_offsets_match(tmp_path, db, dyad):
    (tmp_path / "a.txt").write_text("Lavrov hailed the visit. Raisi arrived in Moscow on Wednesday.")
    assert dyad("ingest", tmp_path, "--db", db).code == 0
    with Store(db) as store:
        (hit,) = store.search_sentences("arrived")
        doc = store.document(hit["doc_id"])
        assert doc["text"][hit["start"]:hit["end"]] == "Raisi arrived in Moscow on Wednesday."
        with pytest.raises(StoreError, match="bad search query"):
            store.search_sentences('"unbalanced')


def _consistent(db):
    con = sqlite3.connect(db, isolation_level=None)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # Every document committed whole: its sentences, its search rows, its bands.
    bad = con.execute(
        "SELECT count(*) FROM documents d WHERE n_sentences != "
        "(SELECT count(*) FROM sentences s WHERE s.doc_id = d.id) OR 32 != "
        "(SELECT count(*) FROM minhash_bands b WHERE b.doc_id = d.id)").fetchone()[0]
    assert bad == 0
    n_sent = con.execute("SELECT count(*) FROM sentences").fetchone()[0]
    con.execute("INSERT INTO sentences_fts(sentences_fts) VALUES ('integrity-check')")
    n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    con.close()
    return n_docs, n_sent


def test_kill_9_mid_ingest_loses_nothing_committed(tmp_path, db):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    total = 1500
    for i in range(total):
        (corpus / f"{i:04d}.txt").write_text(synthetic_article(1000 + i))
    cmd = [sys.executable, "-m", "dyad", "ingest", str(corpus), "--db", str(db), "-q"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        try:
            stored = sqlite3.connect(db, timeout=1).execute("SELECT count(*) FROM documents").fetchone()[0]
        except sqlite3.OperationalError:
            stored = 0
        if stored >= 100:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "ingest finished before it could be killed; make the corpus larger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    survived, _ = _consistent(db)
    assert 100 <= survived < total

    again = subprocess.run(cmd, cwd=ROOT, capture_output=True)
    assert again.returncode == 0, again.stderr
    assert _consistent(db)[0] == total
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(DISTINCT file) FROM documents").fetchone()[0] == total
