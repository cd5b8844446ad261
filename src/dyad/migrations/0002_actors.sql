-- Actors mentioned in stored documents, the mentions themselves, and actor
-- dictionaries imported into this store.

CREATE TABLE actors (
    id       TEXT PRIMARY KEY,
    type     TEXT NOT NULL,          -- state | organisation | person | group
    subtype  TEXT,                   -- organ, sector, agreement, igo, ...
    name     TEXT NOT NULL,
    country  TEXT,
    code     TEXT,
    data     TEXT NOT NULL,          -- JSON: aliases, roles
    source   TEXT NOT NULL           -- registry file, "discovered", "sector", or an import
);

CREATE TABLE mentions (
    id         INTEGER PRIMARY KEY,
    doc_id     TEXT NOT NULL REFERENCES documents(id),
    sentence   INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    actor_id   TEXT NOT NULL REFERENCES actors(id),
    method     TEXT NOT NULL CHECK (method IN ('exact', 'alias', 'surname', 'fuzzy', 'role', 'coreference', 'new')),
    confidence REAL NOT NULL,
    form       TEXT NOT NULL,        -- name, alias, adjective, metonym, title, sector, counterpart, surname, new
    code       TEXT,                 -- the actor's CAMEO code at the document's date
    role       TEXT                  -- the office a title named
);
CREATE INDEX mentions_doc ON mentions(doc_id);
CREATE INDEX mentions_actor ON mentions(actor_id);

-- Which registry each document's mentions were resolved with, so that
-- `dyad reprocess` knows what is out of date.
CREATE TABLE processed (
    doc_id  TEXT NOT NULL REFERENCES documents(id),
    stage   TEXT NOT NULL,
    version TEXT NOT NULL,
    PRIMARY KEY (doc_id, stage)
);

CREATE TABLE imported_actors (
    id          TEXT PRIMARY KEY,
    data        TEXT NOT NULL,       -- a registry entry, JSON
    source      TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
