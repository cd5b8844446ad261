-- Documents, their sentences, full-text search over sentences, and the
-- MinHash bands that find syndicated near-copies.

CREATE TABLE documents (
    id                  TEXT PRIMARY KEY,      -- hash of the normalised text
    text                TEXT NOT NULL,         -- offsets everywhere point into this
    title               TEXT,
    url                 TEXT,
    outlet              TEXT,
    outlet_source       TEXT,                  -- where the outlet came from: manifest, header, url, source-line, feed
    published           TEXT,                  -- ISO date cut to its precision: 2022, 2022-01, 2022-01-21
    published_precision TEXT CHECK (published_precision IN ('day', 'month', 'year')),
    published_source    TEXT,                  -- manifest, header, html, dateline, feed, record
    author              TEXT,
    file                TEXT,                  -- the path it was read from ("-" for stdin)
    locator             TEXT,                  -- where in that file: "line 3", "row 7", "entry 2"
    external_id         TEXT,                  -- an id the input carried
    format              TEXT NOT NULL,         -- txt, md, html, jsonl, json, csv, feed
    encoding            TEXT NOT NULL,
    encoding_note       TEXT,                  -- set when the bytes were not valid UTF-8
    language            TEXT,
    language_score      REAL,
    n_chars             INTEGER NOT NULL,
    n_tokens            INTEGER NOT NULL,
    n_sentences         INTEGER NOT NULL,
    n_shingles          INTEGER NOT NULL,
    minhash             BLOB,
    duplicate_of        TEXT REFERENCES documents(id),
    duplicate_score     REAL,                  -- estimated Jaccard similarity to duplicate_of
    ingested_at         TEXT NOT NULL
);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);
CREATE INDEX documents_published ON documents(published);

CREATE TABLE sentences (
    id       INTEGER PRIMARY KEY,
    doc_id   TEXT NOT NULL REFERENCES documents(id),  -- no cascade: the FTS delete trigger must still see the text
    idx      INTEGER NOT NULL,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    n_tokens INTEGER NOT NULL,
    UNIQUE (doc_id, idx)
);

-- The sentence text is read from the document rather than stored twice;
-- FTS5 accepts a view as its external content table.
CREATE VIEW sentence_text AS
    SELECT s.id AS id, substr(d.text, s.start + 1, s.end - s.start) AS text
    FROM sentences s JOIN documents d ON d.id = s.doc_id;

CREATE VIRTUAL TABLE sentences_fts USING fts5(
    text, content = 'sentence_text', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts(rowid, text)
    SELECT new.id, substr(d.text, new.start + 1, new.end - new.start)
    FROM documents d WHERE d.id = new.doc_id;
END;

CREATE TRIGGER sentences_fts_delete BEFORE DELETE ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text)
    SELECT 'delete', old.id, substr(d.text, old.start + 1, old.end - old.start)
    FROM documents d WHERE d.id = old.doc_id;
END;

CREATE TABLE minhash_bands (
    band   INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX minhash_bands_lookup ON minhash_bands(band, bucket);
CREATE INDEX minhash_bands_doc ON minhash_bands(doc_id);
