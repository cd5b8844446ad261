"""The four real seed articles in ../shared (skipped on a fresh clone)."""

import json


def test_seeds_ingest_with_manifest_metadata_and_reingest_is_a_no_op(shared, db, dyad):
    seeds = shared / "corpus" / "seeds"
    r = dyad("ingest", seeds, "--db", db, "--json")
    assert r.code == 0, r
    assert len(r.json["new"]) == 4
    docs = {d["file"].rsplit("/", 1)[-1][:3]: d for d in
            (json.loads(line) for line in dyad("export", "--db", db, "--kind", "document").out.splitlines())}
    assert (docs["002"]["published"], docs["002"]["published_precision"]) == ("2022-01-21", "day")
    assert (docs["000"]["published"], docs["000"]["published_precision"]) == ("2022-01", "month")
    assert docs["004"]["published_precision"] == "year"
    assert docs["000"]["outlet"] == "London Politica"
    assert all(d["language"] == "en" and d["duplicate_of"] is None for d in docs.values())

    again = dyad("ingest", seeds, "--db", db)
    assert again.code == 0 and "0 new, 4 unchanged" in again.out
