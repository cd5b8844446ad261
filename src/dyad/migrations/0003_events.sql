-- Coded events: who did what to whom, when, with the sentence that says so.

CREATE TABLE events (
    id             TEXT PRIMARY KEY,
    doc_id         TEXT NOT NULL REFERENCES documents(id),
    sentence       INTEGER NOT NULL,
    source_actor   TEXT NOT NULL,
    source_code    TEXT,
    target_actor   TEXT,
    target_code    TEXT,
    cameo          TEXT NOT NULL,
    root           TEXT NOT NULL,
    plover         TEXT,
    goldstein      REAL,
    quad_class     INTEGER,
    date           TEXT,                 -- ISO cut to its precision; NULL: the text does not date it
    date_precision TEXT CHECK (date_precision IN ('day', 'month', 'year')),
    date_text      TEXT,                 -- the words that dated it ("on Wednesday")
    polarity       TEXT NOT NULL CHECK (polarity IN ('asserted', 'negated')),
    modality       TEXT NOT NULL CHECK (modality IN ('actual', 'reported', 'planned', 'hypothetical')),
    attribution    TEXT,                 -- actor id of whoever says so
    location       TEXT,                 -- actor id of the place, when the text gives one
    trigger        TEXT NOT NULL,        -- the verb or event noun
    start          INTEGER NOT NULL,     -- the evidence sentence in the document text
    end            INTEGER NOT NULL,
    rule           TEXT NOT NULL,        -- the pattern or rule that coded it
    confidence     REAL NOT NULL,
    UNIQUE (doc_id, sentence, source_actor, target_actor, cameo)
);
CREATE INDEX events_doc ON events(doc_id);
CREATE INDEX events_pair ON events(source_actor, target_actor);
CREATE INDEX events_date ON events(date);
