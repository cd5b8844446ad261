"""Export per the DESIGN.md contract: JSON Lines with kind first, CSV, Parquet."""

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from conftest import synthetic_article

CONTRACT = ["kind", "id", "file", "url", "outlet", "published", "published_precision", "title",
            "duplicate_of"]


@pytest.fixture
def filled(tmp_path, db, dyad):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(synthetic_article(i))
    (folder / "manifest.csv").write_text("file,outlet,published,title\n0.txt,Wire,2022-01,Zero\n")
    assert dyad("ingest", folder, "--db", db).code == 0
    return db


def test_jsonl_documents_follow_the_contract(filled, dyad):
    r = dyad("export", "--db", filled)
    assert r.code == 0, r
    records = [json.loads(line) for line in r.out.splitlines()]
    assert [rec["kind"] for rec in records[:3]] == ["document"] * 3  # documents first, then other kinds
    records = [rec for rec in records if rec["kind"] == "document"]
    assert len(records) == 3
    for rec in records:
        assert list(rec)[: len(CONTRACT)] == CONTRACT
        assert rec["kind"] == "document" and "text" not in rec
    zero = next(r for r in records if r["title"] == "Zero")
    assert (zero["outlet"], zero["published"], zero["published_precision"]) == ("Wire", "2022-01", "month")


def test_jsonl_with_text_and_to_a_file(filled, tmp_path, dyad):
    out = tmp_path / "all.jsonl"
    r = dyad("export", "--db", filled, "--text", "--out", out)
    assert r.code == 0 and "Wrote 3 documents" in r.err
    docs = [json.loads(line) for line in out.read_text().splitlines() if '"kind": "document"' in line]
    assert len(docs) == 3 and all("report" in d["text"] for d in docs)


def test_csv(filled, dyad):
    r = dyad("export", "--db", filled, "--format", "csv")
    assert r.code == 2 and "one kind per table" in r.err
    rows = list(csv.DictReader(io.StringIO(dyad("export", "--db", filled, "--format", "csv", "--kind",
                                                "document").out)))
    assert len(rows) == 3 and list(rows[0])[: len(CONTRACT)] == CONTRACT


def test_parquet_reads_back_with_pyarrow(filled, tmp_path, dyad):
    out = tmp_path / "docs.parquet"
    assert dyad("export", "--db", filled, "--format", "parquet", "--kind", "document", "--out", out).code == 0
    table = pq.read_table(out)
    assert table.num_rows == 3
    assert table.column_names[: len(CONTRACT)] == CONTRACT
    assert str(table.schema.field("n_sentences").type) == "int64"


def test_parquet_and_csv_to_a_folder(filled, tmp_path, dyad):
    assert dyad("export", "--db", filled, "--format", "parquet", "--out", f"{tmp_path}/pq/").code == 0
    assert pq.read_table(tmp_path / "pq" / "document.parquet").num_rows == 3
    assert pq.read_table(tmp_path / "pq" / "mention.parquet").num_rows > 0
    actors = pq.read_table(tmp_path / "pq" / "actor.parquet").to_pylist()
    assert all(isinstance(a["roles"], str) for a in actors)  # lists travel as JSON text in tables


def test_unknown_kind_is_a_usage_error(filled, dyad):
    r = dyad("export", "--db", filled, "--kind", "banana")
    assert r.code == 2 and "unknown kind 'banana'" in r.err
