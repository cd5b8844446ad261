"""Every input format, read through the real CLI into a real SQLite file."""

import json
import sqlite3

from conftest import synthetic_article


def docs(db):
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    return [dict(r) for r in con.execute("SELECT * FROM documents ORDER BY file, locator")]


def test_text_with_header_block(tmp_path, db, dyad):
    f = tmp_path / "a.txt"
    f.write_text("title: Talks in Moscow\noutlet: Caspian Wire\npublished: 2025-01\n"
                 "url: https://caspianwire.example/x\n\n" + synthetic_article(1))
    r = dyad("ingest", f, "--db", db)
    assert r.code == 0, r
    (d,) = docs(db)
    assert (d["title"], d["outlet"], d["published"], d["published_precision"]) == (
        "Talks in Moscow", "Caspian Wire", "2025-01", "month")
    assert d["text"].startswith("The ") and "title:" not in d["text"]


def test_markdown_loses_its_markup(tmp_path, db, dyad):
    f = tmp_path / "a.md"
    f.write_text("# Iran and Russia sign\n\nThe **treaty** was [signed](http://x) in Moscow. "
                 + synthetic_article(2))
    assert dyad("ingest", f, "--db", db).code == 0
    (d,) = docs(db)
    assert d["title"] == "Iran and Russia sign"
    assert "The treaty was signed in Moscow." in d["text"] and "**" not in d["text"]


def test_html_main_text_and_metadata(tmp_path, db, dyad):
    body = "".join(f"<p>{s}.</p>" for s in synthetic_article(3).split(". "))
    f = tmp_path / "page.html"
    f.write_text(
        "<html><head><title>Treaty signed | Meridian</title><meta name='author' content='Rana Vale'>"
        "<meta property='article:published_time' content='2025-01-18'></head><body>"
        "<nav>Home | World | Sport</nav><article><h1>Treaty signed</h1>" + body +
        "</article><footer>Copyright Meridian</footer></body></html>")
    assert dyad("ingest", f, "--db", db).code == 0
    (d,) = docs(db)
    assert d["published"] == "2025-01-18" and d["published_source"] == "html"
    assert d["author"] == "Rana Vale"
    assert "Copyright" not in d["text"] and "report 3" in d["text"]


def test_jsonl_json_and_csv_records(tmp_path, db, dyad):
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(
        {"body": synthetic_article(i), "headline": f"H{i}", "source": "Wire", "date": f"2024-03-0{i}"})
        for i in (1, 2)))
    (tmp_path / "b.json").write_text(json.dumps(
        {"articles": [{"content": synthetic_article(3), "url": "https://www.eurasia.example/p"}]}))
    (tmp_path / "c.csv").write_text(
        "title,text,published\nCSV one," + json.dumps(synthetic_article(4)) + ",2023\n")
    r = dyad("ingest", tmp_path, "--db", db)
    assert r.code == 0, r
    got = {d["title"] or d["url"]: d for d in docs(db)}
    assert got["H1"]["outlet"] == "Wire" and got["H2"]["published"] == "2024-03-02"
    assert got["H1"]["locator"] == "line 1"
    assert got["https://www.eurasia.example/p"]["outlet"] == "eurasia.example"
    assert got["https://www.eurasia.example/p"]["outlet_source"] == "url"
    assert got["CSV one"]["published_precision"] == "year"


def test_rss_feed(tmp_path, db, dyad):
    items = "".join(
        f"<item><title>Item {i}</title><link>https://w.example/{i}</link>"
        f"<pubDate>Fri, 2{i} Jan 2022 10:00:00 GMT</pubDate>"
        f"<description>&lt;p&gt;{synthetic_article(10 + i)}&lt;/p&gt;</description></item>"
        for i in (1, 2))
    (tmp_path / "feed.rss").write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Caspian Wire</title>"
        f"{items}</channel></rss>")
    assert dyad("ingest", tmp_path / "feed.rss", "--db", db).code == 0
    got = docs(db)
    assert [d["published"] for d in got] == ["2022-01-21", "2022-01-22"]
    assert {d["outlet"] for d in got} == {"Caspian Wire"}


def test_stdin(db, dyad):
    r = dyad("ingest", "-", "--db", db, stdin=synthetic_article(20).encode())
    assert r.code == 0, r
    (d,) = docs(db)
    assert d["file"] == "<stdin>"


def test_manifest_gives_metadata_and_dateline_and_source_line(tmp_path, db, dyad):
    (tmp_path / "one.txt").write_text(synthetic_article(30))
    (tmp_path / "two.txt").write_text("date 2022-01-21 Tehran, Iran " + synthetic_article(31))
    (tmp_path / "three.txt").write_text(synthetic_article(32) + "\n\nSource » trackpersia")
    (tmp_path / "manifest.csv").write_text(
        "file,outlet,url,published,title\none.txt,London Politica,,2022-01,First\n")
    assert dyad("ingest", tmp_path, "--db", db).code == 0
    got = {d["file"].rsplit("/", 1)[-1]: d for d in docs(db)}
    assert (got["one.txt"]["outlet"], got["one.txt"]["published"], got["one.txt"]["title"]) == (
        "London Politica", "2022-01", "First")
    assert got["two.txt"]["published"] == "2022-01-21" and got["two.txt"]["published_source"] == "dateline"
    assert got["three.txt"]["outlet"] == "trackpersia"


def test_glob_and_recursive_folders(tmp_path, db, dyad):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "x.txt").write_text(synthetic_article(40))
    (tmp_path / "y.txt").write_text(synthetic_article(41))
    (tmp_path / "z.md").write_text(synthetic_article(42))
    assert dyad("ingest", str(tmp_path / "*.txt"), "--db", db).code == 0
    assert len(docs(db)) == 1
    assert dyad("ingest", tmp_path, "--db", db).code == 0
    assert len(docs(db)) == 3


def test_non_english_is_stored_and_flagged(tmp_path, db, dyad):
    (tmp_path / "de.txt").write_text(
        "Der iranische Präsident traf sich am Mittwoch in Moskau mit dem russischen Präsidenten. "
        "Die beiden Länder wollen ihre Zusammenarbeit in Handel und Energie ausbauen.")
    r = dyad("ingest", tmp_path, "--db", db)
    assert r.code == 0 and "not in English" in r.out
    (d,) = docs(db)
    assert d["language"] == "de"


def test_syndicated_copy_is_linked_to_the_earlier_original(tmp_path, db, dyad):
    original = synthetic_article(50, sentences=20)
    sentences = original.split(". ")
    copy = ". ".join(["Republished with permission"] + sentences[:-1])
    (tmp_path / "copy.txt").write_text("published: 2022-01-22\n\n" + copy)
    (tmp_path / "orig.txt").write_text("published: 2022-01-20\n\n" + original)
    # The copy is read first; the original, published earlier, becomes the root.
    r = dyad("ingest", tmp_path / "copy.txt", tmp_path / "orig.txt", "--db", db)
    assert r.code == 0 and "1 syndicated copy" in r.out, r
    got = {d["file"].rsplit("/", 1)[-1]: d for d in docs(db)}
    assert got["copy.txt"]["duplicate_of"] == got["orig.txt"]["id"]
    assert got["orig.txt"]["duplicate_of"] is None
    assert got["copy.txt"]["duplicate_score"] > 0.6


def test_reingest_changes_nothing(tmp_path, db, dyad):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(synthetic_article(60 + i))
    first = dyad("ingest", tmp_path, "--db", db, "--json").json
    second = dyad("ingest", tmp_path, "--db", db, "--json").json
    assert (len(first["new"]), len(second["new"]), len(second["unchanged"])) == (3, 0, 3)
    assert len(docs(db)) == 3
