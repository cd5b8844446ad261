from dyad.metadata import find_dateline, find_source_line, outlet_from_url, split_header
from dyad.normalize import clean_text, document_id


def test_header_block_gives_metadata_and_is_removed():
    text = "Title: Talks in Moscow\noutlet: Caspian Wire\nPublished: 2025-01-18\n\nBody."
    header, body = split_header(text)
    assert header == {"title": "Talks in Moscow", "outlet": "Caspian Wire", "published": "2025-01-18"}
    assert body == "Body."


def test_prose_that_looks_like_a_header_is_left_alone():
    text = "Tehran: The government said it would reply.\n\nMore text."
    assert split_header(text) == ({}, text)


def test_front_matter():
    header, body = split_header("---\ntitle: X\ndate: 2022-01\n---\nBody here.")
    assert header == {"title": "X", "date": "2022-01"} and body == "Body here."


def test_datelines():
    assert find_dateline("date 2022-01-21 Tehran, Iran Ahead of his departure") == "2022-01-21"
    assert find_dateline("MOSCOW, Jan. 19, 2022 (Caspian Wire) — Iran's president") == "Jan. 19, 2022"
    assert find_dateline("TEHRAN, 21 January 2022 — The talks") == "21 January 2022"
    assert find_dateline("Iran and Russia signed a treaty in 2025.") is None


def test_source_line_and_url_outlet():
    assert find_source_line("Body.\n\nSource » trackpersia\n") == "trackpersia"
    assert find_source_line("Body about the source of funds.") is None
    assert outlet_from_url("https://www.futureuae.com/a/b") == "futureuae.com"
    assert outlet_from_url(None) is None


def test_identity_ignores_typography_and_spacing_but_not_words():
    a = "Iran’s “deal” — signed.\n\nNext  line."
    b = "Iran's \"deal\" - signed. Next line."
    assert document_id(a) == document_id(b)
    assert document_id(a) != document_id(a.replace("signed", "ratified"))


def test_clean_text():
    assert clean_text("\ufeffA\r\nB\x00  \n\n\n\nC  ") == "A\nB\n\nC"
