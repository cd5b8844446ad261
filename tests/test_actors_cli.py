"""Actor commands through the real CLI: listing, one actor, export kinds,
reprocess after a registry change, user registry files, eval."""

import json

from conftest import EXAMPLES


def test_ingest_resolves_actors_and_lists_them(db, dyad):
    assert dyad("ingest", EXAMPLES / "corpus", "--db", db, "-q").code == 0
    rows = dyad("actors", "--db", db, "--json").json
    ids = {r["id"] for r in rows}
    assert {"IRN", "RUS", "vladimir-putin", "masoud-pezeshkian", "sergei-lavrov"} <= ids
    top = dyad("actors", "--db", db, "--top", "2", "--type", "state", "--json").json
    assert [r["id"] for r in top] == ["IRN", "RUS"]
    text = dyad("actors", "--db", db, "--top", "3").out
    assert "mentions" in text.splitlines()[0]


def test_one_actor_with_forms_roles_documents(db, dyad):
    dyad("ingest", EXAMPLES / "corpus", "--db", db, "-q")
    info = dyad("actor", "Pezeshkain", "--db", db, "--json").json  # a typo in the corpus finds him
    assert info["id"] == "masoud-pezeshkian"
    assert "Pezeshkain" in info["forms"]
    assert any(r["office"] == "president" and r["code"] == "IRNGOV" for r in info["roles"])
    assert len(info["documents"]) >= 5
    out = dyad("actor", "masoud-pezeshkian", "--db", db).out
    assert "role          president" in out and "co-mentioned" in out
    r = dyad("actor", "Nobody Atall", "--db", db)
    assert r.code == 1 and "no actor called" in r.err


def test_export_has_actor_and_mention_records(db, dyad):
    dyad("ingest", EXAMPLES / "corpus", "--db", db, "-q")
    records = [json.loads(line) for line in dyad("export", "--db", db).out.splitlines()]
    kinds = {r["kind"] for r in records}
    assert kinds == {"document", "actor", "mention", "event", "quantity", "claim", "verdict", "quote"}
    mention = next(r for r in records if r["kind"] == "mention")
    assert list(mention)[:10] == ["kind", "doc", "start", "end", "text", "actor", "name", "method",
                                  "confidence", "sentence"]
    docs = {r["id"]: r for r in records if r["kind"] == "document"}
    texts = {r["id"]: r["text"] for r in
             (json.loads(line) for line in dyad("export", "--db", db, "--kind", "document", "--text").out.splitlines())}
    for m in (r for r in records if r["kind"] == "mention"):
        assert texts[m["doc"]][m["start"]:m["end"]] == m["text"]
    assert docs
    actor = next(r for r in records if r["kind"] == "actor" and r["id"] == "sergei-lavrov")
    assert actor["type"] == "person" and actor["country"] == "RUS" and actor["roles"]


def test_user_registry_file_and_reprocess(tmp_path, db, dyad):
    article = tmp_path / "a.txt"
    article.write_text("published: 2025-02-01\n\nDina Karimova said the Caspian Policy Institute "
                       "expects Tehran to sign. Karimova is its director.")
    assert dyad("ingest", article, "--db", db, "-q").code == 0
    before = {r["id"] for r in dyad("actors", "--db", db, "--json").json}
    assert "new:dina-karimova" in before
    registry = tmp_path / "mine.yaml"
    registry.write_text(
        "people:\n  - id: dina-karimova\n    name: Dina Karimova\n    country: KAZ\n"
        "    roles:\n      - {office: other, title: director, org: CPI, start: 2020}\n")
    r = dyad("reprocess", "--db", db, "--registry", registry)
    assert r.code == 0 and "Reprocessed 1 document" in r.out
    after = {r["id"]: r for r in dyad("actors", "--db", db, "--json").json}
    assert "dina-karimova" in after and "new:dina-karimova" not in after
    assert dyad("reprocess", "--db", db, "--registry", registry).out.startswith("Reprocessed 0 documents")


def test_broken_registry_file_is_one_clear_error(tmp_path, db, dyad):
    bad = tmp_path / "bad.yaml"
    bad.write_text("people:\n  - name: X\n    roles:\n      - {office: president, start: 2022-13-01}\n")
    (tmp_path / "a.txt").write_text("Some text about Tehran and Moscow meeting today.")
    r = dyad("ingest", tmp_path / "a.txt", "--db", db, "--registry", bad)
    assert r.code == 1 and "bad.yaml" in r.err and "no month 13" in r.err
    assert len(r.err.strip().splitlines()) == 1
    r = dyad("ingest", tmp_path / "a.txt", "--db", db, "--registry", tmp_path / "missing.yaml")
    assert r.code == 1 and "does not exist" in r.err


def test_eval_reports_per_part_and_unmatched_documents(tmp_path, db, dyad):
    dyad("ingest", EXAMPLES / "corpus", "--db", db, "-q")
    r = dyad("eval", EXAMPLES / "gold.yaml", "--db", db)
    assert r.code == 0 and "people" in r.out and "organisations" in r.out
    gold = tmp_path / "g.yaml"
    gold.write_text("documents:\n  x: {file: not-here.txt}\npeople: []\n")
    r = dyad("eval", gold, "--db", db)
    assert r.code == 2 and "not in store: x" in r.out
    bad = tmp_path / "bad.yaml"
    bad.write_text("just: [a list")
    r = dyad("eval", bad, "--db", db)
    assert r.code == 1 and "not valid YAML" in r.err


def test_phoenix_dictionary_import_is_used_for_later_documents(tmp_path, db, dyad):
    dictionary = tmp_path / "mine.actors.txt"
    dictionary.write_text(
        "# a local actors dictionary in the PETRARCH format\n"
        "GHOLAMREZA_TESTIRANI_  [IRNGOV 200101-241231]\n"
        "+GH._TESTIRANI_\n"
        "BROKEN_LINE_ [IRNGOV 20011332]\n")
    r = dyad("actors", "import", dictionary, "--db", db, "--json")
    assert r.code == 0, r
    assert r.json[str(dictionary)]["entries"] >= 1
    assert "line 4" in r.err  # the bad date is named, the rest kept
    article = tmp_path / "a.txt"
    article.write_text("published: 2022-05-01\n\nGholamreza Testirani met officials in Moscow on Monday.")
    assert dyad("ingest", article, "--db", db, "-q").code == 0
    info = dyad("actor", "Gholamreza Testirani", "--db", db, "--json").json
    assert info["id"].startswith("phoenix:") and info["type"] == "person"
    assert any(role["code"] == "IRNGOV" and role["start"] == "2020-01-01" for role in info["roles"])
    r = dyad("actors", "import", tmp_path / "none.txt", "--db", db)
    assert r.code == 1 and "no such file" in r.err


def test_a_person_introduced_by_a_title_keeps_the_country_across_documents(tmp_path, db, dyad):
    # one article gives the title, a later one only the name: the person stays Kenya's
    (tmp_path / "a.txt").write_text("published: 2025-03-01\n\nKenyan President Samia Wanjiru met officials "
                                    "in Kampala on Monday. Wanjiru praised Uganda.")
    (tmp_path / "b.txt").write_text("published: 2025-03-02\n\nSamia Wanjiru said on Tuesday that Uganda had "
                                    "broken its word.")
    assert dyad("ingest", tmp_path / "a.txt", "--db", db, "-q").code == 0
    assert dyad("ingest", tmp_path / "b.txt", "--db", db, "-q").code == 0
    info = dyad("actor", "Samia Wanjiru", "--db", db, "--json").json
    assert info["id"] == "new:samia-wanjiru" and info["country"] == "KEN"
    assert any(r["office"] == "president" and r["code"] == "KENGOV" for r in info["roles"])
