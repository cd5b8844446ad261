"""The bundled example corpus: what the foundation must already get right on it."""

import json

from conftest import EXAMPLES


def test_example_corpus_ingests_with_its_planted_cases(db, dyad):
    r = dyad("ingest", EXAMPLES / "corpus", "--db", db, "--json")
    assert r.code == 0, r
    assert len(r.json["new"]) == 10 and not r.json["skipped"]
    docs = {d["file"].rsplit("/", 1)[-1][:2]: d for d in
            (json.loads(line) for line in dyad("export", "--db", db, "--kind", "document").out.splitlines())}
    # The syndicated copy (02) is linked to the wire story it repeats (01).
    assert docs["02"]["duplicate_of"] == docs["01"]["id"]
    assert [k for k, d in docs.items() if d["duplicate_of"]] == ["02"]
    # 07 has no date in the manifest; its dateline supplies one.
    assert (docs["07"]["published"], docs["07"]["published_source"]) == ("2025-05-15", "dateline")
    assert docs["10"]["published_precision"] == "month"
    assert docs["09"]["format"] == "html" and docs["09"]["published"] == "2025-01-18"
    assert docs["02"]["format"] == "md"
    assert len({d["outlet"] for d in docs.values()}) == 8
