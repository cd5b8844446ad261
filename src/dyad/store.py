"""The SQLite store: the one module that owns dyad's SQL.

Everything else asks this module for rows and hands it records to keep. The
schema lives in ``migrations/NNNN_*.sql``; ``PRAGMA user_version`` records how
many of them a database has had, so an older database is brought up to date
when it is opened and a newer one is refused rather than misread.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import StoreError

DEFAULT_DB = "dyad.db"
DB_ENV = "DYAD_DB"

DOCUMENT_COLUMNS = (
    "id", "text", "title", "url", "outlet", "outlet_source", "published",
    "published_precision", "published_source", "author", "file", "locator",
    "external_id", "format", "encoding", "encoding_note", "language",
    "language_score", "n_chars", "n_tokens", "n_sentences", "n_shingles",
    "minhash", "duplicate_of", "duplicate_score", "ingested_at",
)


def resolve_db_path(db: str | os.PathLike | None) -> Path:
    """``--db`` if given, else ``$DYAD_DB``, else ``./dyad.db``."""
    if db:
        return Path(db)
    env = os.environ.get(DB_ENV)
    return Path(env) if env else Path(DEFAULT_DB)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    found = []
    for entry in resources.files("dyad").joinpath("migrations").iterdir():
        name = entry.name
        if not name.endswith(".sql"):
            continue
        version = int(name.split("_", 1)[0])
        found.append(Migration(version, name, entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations are not numbered 1..n: {versions}")
    return found


def _check_location(path: Path, create: bool) -> None:
    """Turn the usual reasons a database cannot be opened into one clear line."""
    if path.is_dir():
        raise StoreError(f"database path '{path}' is a folder, not a file")
    if path.exists():
        return
    if not create:
        raise StoreError(f"no database at '{path}' (run 'dyad ingest' first, or pass --db)")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        raise StoreError(f"cannot create database '{path}': folder '{parent}' does not exist")
    if not parent.is_dir():
        raise StoreError(f"cannot create database '{path}': '{parent}' is not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise StoreError(f"cannot create database '{path}': folder '{parent}' is not writable")


class Store:
    """A dyad database. Use as a context manager, or call ``close()``."""

    def __init__(self, path: str | os.PathLike | None = None, *, create: bool = True):
        self.path = resolve_db_path(path)
        _check_location(self.path, create)
        try:
            # Autocommit mode: transactions are opened explicitly, one per
            # document, so a crash loses at most the document in flight.
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.DatabaseError as err:
            raise StoreError(_explain(self.path, err)) from err

    # -- lifecycle ---------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        known = migrations()
        current = self.schema_version
        if current > len(known):
            raise StoreError(
                f"database '{self.path}' has schema version {current}, newer than this "
                f"dyad understands ({len(known)}); upgrade dyad"
            )
        for migration in known[current:]:
            # DDL is transactional in SQLite: a migration applies whole or not at all.
            self.conn.executescript(
                f"BEGIN;\n{migration.sql}\nPRAGMA user_version = {migration.version};\nCOMMIT;"
            )

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:
            raise StoreError(_explain(self.path, err)) from err
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.OperationalError as err:
                self.conn.execute("ROLLBACK")
                raise StoreError(_explain(self.path, err)) from err

    # -- documents ---------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row is not None

    def insert_document(self, record: dict[str, Any]) -> None:
        missing = set(DOCUMENT_COLUMNS) - set(record)
        if missing:
            raise ValueError(f"document record lacks {sorted(missing)}")
        placeholders = ", ".join("?" for _ in DOCUMENT_COLUMNS)
        self.conn.execute(
            f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMNS)}) VALUES ({placeholders})",
            [record[c] for c in DOCUMENT_COLUMNS],
        )

    def insert_sentences(self, doc_id: str, spans: Iterable[tuple[int, int, int]]) -> None:
        """``spans`` are (start, end, n_tokens) in document order."""
        self.conn.executemany(
            "INSERT INTO sentences (doc_id, idx, start, end, n_tokens) VALUES (?, ?, ?, ?, ?)",
            ((doc_id, i, s, e, n) for i, (s, e, n) in enumerate(spans)),
        )

    def document(self, doc_id: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()

    def find_documents(self, prefix: str) -> list[sqlite3.Row]:
        """Documents whose id starts with ``prefix`` (ids are long; people type a few chars)."""
        return self.conn.execute(
            "SELECT * FROM documents WHERE id LIKE ? ORDER BY id", (prefix.lower() + "%",)
        ).fetchall()

    def iter_documents(self, *, with_text: bool = False) -> Iterator[sqlite3.Row]:
        cols = [c for c in DOCUMENT_COLUMNS if c != "minhash" and (with_text or c != "text")]
        yield from self.conn.execute(
            f"SELECT {', '.join(cols)} FROM documents ORDER BY published IS NULL, published, id"
        )

    def sentences(self, doc_id: str) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT s.idx, s.start, s.end, s.n_tokens, t.text FROM sentences s "
            "JOIN sentence_text t ON t.id = s.id WHERE s.doc_id = ? ORDER BY s.idx",
            (doc_id,),
        ).fetchall()

    def search_sentences(self, query: str, limit: int = 20) -> list[sqlite3.Row]:
        try:
            return self.conn.execute(
                "SELECT s.doc_id, s.idx, s.start, s.end, "
                "snippet(sentences_fts, 0, '[', ']', '…', 16) AS snippet "
                "FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid "
                "WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ?",
                (query, limit),
            ).fetchall()
        except sqlite3.OperationalError as err:
            raise StoreError(f"bad search query {query!r}: {err}") from err

    # -- near-duplicates ---------------------------------------------------

    def insert_bands(self, doc_id: str, buckets: Sequence[int]) -> None:
        self.conn.executemany(
            "INSERT INTO minhash_bands (band, bucket, doc_id) VALUES (?, ?, ?)",
            ((band, bucket, doc_id) for band, bucket in enumerate(buckets)),
        )

    def band_candidates(self, buckets: Sequence[int]) -> set[str]:
        found: set[str] = set()
        query = "SELECT doc_id FROM minhash_bands WHERE band = ? AND bucket = ?"
        for band, bucket in enumerate(buckets):
            found.update(row[0] for row in self.conn.execute(query, (band, bucket)))
        return found

    def duplicate_info(self, doc_ids: Iterable[str]) -> list[sqlite3.Row]:
        ids = list(doc_ids)
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        return self.conn.execute(
            f"SELECT id, minhash, n_shingles, published, duplicate_of, ingested_at "
            f"FROM documents WHERE id IN ({marks})",
            ids,
        ).fetchall()

    def reroot_duplicates(self, old_root: str, new_root: str, score: float) -> None:
        """Make ``new_root`` the original of a syndication group that ``old_root`` led."""
        self.conn.execute(
            "UPDATE documents SET duplicate_of = ? WHERE duplicate_of = ?", (new_root, old_root)
        )
        self.conn.execute(
            "UPDATE documents SET duplicate_of = ?, duplicate_score = ? WHERE id = ?",
            (new_root, score, old_root),
        )

    def duplicates(self) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT d.id, d.outlet, d.title, d.file, d.duplicate_of, d.duplicate_score, "
            "o.outlet AS original_outlet, o.file AS original_file "
            "FROM documents d JOIN documents o ON o.id = d.duplicate_of ORDER BY d.id"
        ).fetchall()

    # -- actors and mentions ------------------------------------------------

    MENTION_COLUMNS = ("sentence", "start", "end", "text", "actor", "method", "confidence", "form",
                       "code", "role")

    def upsert_actor(self, actor: dict[str, Any]) -> None:
        """Store an actor record; a discovered actor seen again gains the roles
        (affiliations) the new document gives it, and keeps the country and code
        an earlier document gave it when this one names no country."""
        row = self.conn.execute("SELECT data, country, code FROM actors WHERE id = ?", (actor["id"],)).fetchone()
        data = {"aliases": actor.get("aliases", []), "roles": actor.get("roles", [])}
        if row is not None:
            old = json.loads(row["data"])
            discovered = actor.get("source") == "discovered"
            if discovered and not actor.get("country"):
                actor = {**actor, "country": row["country"], "code": actor.get("code") or row["code"]}
            if old == data and (row["country"], row["code"]) == (actor.get("country"), actor.get("code")):
                return
            if discovered:
                data["roles"] = old["roles"] + [r for r in data["roles"] if r not in old["roles"]]
                data["aliases"] = sorted(set(old["aliases"]) | set(data["aliases"]))
        self.conn.execute(
            "INSERT INTO actors (id, type, subtype, name, country, code, data, source) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET type = excluded.type, "
            "subtype = excluded.subtype, name = excluded.name, country = excluded.country, "
            "code = excluded.code, data = excluded.data, source = excluded.source",
            (actor["id"], actor["type"], actor.get("subtype"), actor["name"], actor.get("country"),
             actor.get("code"), json.dumps(data, ensure_ascii=False), actor.get("source", "registry")),
        )

    def replace_mentions(self, doc_id: str, mentions: Iterable[dict[str, Any]]) -> None:
        self.conn.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
        self.conn.executemany(
            "INSERT INTO mentions (doc_id, sentence, start, end, text, actor_id, method, confidence, "
            "form, code, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((doc_id, *(m[c] for c in self.MENTION_COLUMNS)) for m in mentions),
        )

    def mark_processed(self, doc_id: str, stage: str, version: str) -> None:
        self.conn.execute(
            "INSERT INTO processed (doc_id, stage, version) VALUES (?, ?, ?) "
            "ON CONFLICT(doc_id, stage) DO UPDATE SET version = excluded.version",
            (doc_id, stage, version),
        )

    def stale_documents(self, stage: str, version: str) -> list[str]:
        """English documents not yet processed by ``stage`` at ``version``."""
        return [r[0] for r in self.conn.execute(
            "SELECT d.id FROM documents d LEFT JOIN processed p ON p.doc_id = d.id AND p.stage = ? "
            "WHERE d.language = 'en' AND (p.version IS NULL OR p.version != ?) ORDER BY d.id",
            (stage, version))]

    def mentions(self, doc_id: str | None = None, actor_id: str | None = None) -> list[sqlite3.Row]:
        where, args = [], []
        if doc_id:
            where.append("m.doc_id = ?")
            args.append(doc_id)
        if actor_id:
            where.append("m.actor_id = ?")
            args.append(actor_id)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        return self.conn.execute(
            "SELECT m.doc_id AS doc, m.sentence, m.start, m.end, m.text, m.actor_id AS actor, "
            "a.name, a.type, m.method, m.confidence, m.form, m.code, m.role FROM mentions m "
            f"JOIN actors a ON a.id = m.actor_id {clause} ORDER BY m.doc_id, m.start", args,
        ).fetchall()

    def actor_row(self, actor_id: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM actors WHERE id = ?", (actor_id,)).fetchone()

    def find_actors(self, name: str) -> list[sqlite3.Row]:
        """Actors whose id, name or a mention's text equals ``name`` (case-insensitive)."""
        return self.conn.execute(
            "SELECT DISTINCT a.* FROM actors a LEFT JOIN mentions m ON m.actor_id = a.id "
            "WHERE a.id = ? COLLATE NOCASE OR a.name = ? COLLATE NOCASE OR m.text = ? COLLATE NOCASE "
            "ORDER BY a.type = 'person' DESC, a.name", (name, name, name),
        ).fetchall()

    def actor_counts(self, doc_id: str | None = None, limit: int | None = None) -> list[sqlite3.Row]:
        clause = "WHERE m.doc_id = ?" if doc_id else ""
        args: list[Any] = [doc_id] if doc_id else []
        sql = ("SELECT a.id, a.name, a.type, a.subtype, a.country, a.code, count(*) AS mentions, "
               "count(DISTINCT m.doc_id) AS documents, group_concat(DISTINCT m.method) AS methods "
               f"FROM mentions m JOIN actors a ON a.id = m.actor_id {clause} "
               "GROUP BY a.id ORDER BY mentions DESC, a.name")
        if limit:
            sql += " LIMIT ?"
            args.append(limit)
        return self.conn.execute(sql, args).fetchall()

    def co_mentioned(self, actor_id: str, limit: int = 10) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT a.id, a.name, count(DISTINCT m2.doc_id) AS documents FROM mentions m1 "
            "JOIN mentions m2 ON m2.doc_id = m1.doc_id AND m2.actor_id != m1.actor_id "
            "JOIN actors a ON a.id = m2.actor_id WHERE m1.actor_id = ? "
            "GROUP BY a.id ORDER BY documents DESC, a.name LIMIT ?", (actor_id, limit),
        ).fetchall()

    def iter_actors(self) -> Iterator[sqlite3.Row]:
        yield from self.conn.execute(
            "SELECT * FROM actors WHERE id IN (SELECT DISTINCT actor_id FROM mentions) ORDER BY id")

    def iter_mentions(self) -> Iterator[sqlite3.Row]:
        yield from self.conn.execute(
            "SELECT m.doc_id AS doc, m.start, m.end, m.text, m.actor_id AS actor, a.name, m.method, "
            "m.confidence, m.sentence, m.form, m.code, m.role FROM mentions m "
            "JOIN actors a ON a.id = m.actor_id ORDER BY m.doc_id, m.start")

    def actor_records(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        wanted = list(ids)
        if not wanted:
            return {}
        marks = ", ".join("?" for _ in wanted)
        return {r["id"]: dict(r) for r in self.conn.execute(
            f"SELECT id, name, type, subtype, country, code FROM actors WHERE id IN ({marks})", wanted)}

    # -- events ---------------------------------------------------------------

    def replace_events(self, doc_id: str, events: Iterable[dict[str, Any]]) -> None:
        self.conn.execute("DELETE FROM events WHERE doc_id = ?", (doc_id,))
        self.conn.executemany(
            "INSERT OR IGNORE INTO events (id, doc_id, sentence, source_actor, source_code, target_actor, "
            "target_code, cameo, root, plover, goldstein, quad_class, date, date_precision, date_text, "
            "polarity, modality, attribution, location, trigger, start, end, rule, confidence) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((e["id"], doc_id, e["sentence"], e["source"]["actor"], e["source"]["code"],
              e["target"]["actor"] if e["target"] else None, e["target"]["code"] if e["target"] else None,
              e["cameo"], e["root"], e["plover"], e["goldstein"], e["quad_class"], e["date"],
              e["date_precision"], e["date_text"], e["polarity"], e["modality"], e["attribution"],
              e["location"], e["trigger"], e["start"], e["end"], e["rule"], e["confidence"]) for e in events),
        )

    def events(self, *, doc_id: str | None = None, actor: str | None = None,
               pair: tuple[str, str] | None = None, since: str | None = None, until: str | None = None,
               root: str | None = None, all_modalities: bool = False,
               with_copies: bool = False) -> list[sqlite3.Row]:
        """Events with their actors' names and the evidence sentence, oldest first.
        Only asserted, actual events unless ``all_modalities``; not those of
        syndicated copies (the same report again) unless ``with_copies``."""
        where, args = [], []
        if not with_copies and not doc_id:
            where.append("d.duplicate_of IS NULL")
        if doc_id:
            where.append("e.doc_id = ?")
            args.append(doc_id)
        if actor:
            where.append("(e.source_actor = ? OR e.target_actor = ? OR sa.country = ? OR ta.country = ?)")
            args += [actor] * 4
        if pair:
            a, b = pair
            side = "(e.{0}_actor IN (?, ?) OR {1}.country = ?)"
            one_way = f"{side.format('source', 'sa')} AND {side.format('target', 'ta')}"
            where.append(f"({one_way} OR {one_way})")
            args += [a, a, a, b, b, b, b, b, b, a, a, a]
        if since:
            where.append("e.date >= ?")
            args.append(since)
        if until:
            where.append("e.date <= ?")
            args.append(until)
        if root:
            where.append("e.root = ?")
            args.append(root.zfill(2))
        if not all_modalities:
            where.append("e.polarity = 'asserted' AND e.modality = 'actual'")
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        return self.conn.execute(
            "SELECT e.*, sa.name AS source_name, sa.country AS source_country, ta.name AS target_name, "
            "ta.country AS target_country, substr(d.text, e.start + 1, e.end - e.start) AS evidence "
            "FROM events e JOIN documents d ON d.id = e.doc_id "
            "LEFT JOIN actors sa ON sa.id = e.source_actor LEFT JOIN actors ta ON ta.id = e.target_actor "
            f"{clause} ORDER BY e.date IS NULL, e.date, e.doc_id, e.sentence", args,
        ).fetchall()

    # -- claims and verdicts ----------------------------------------------------

    def replace_claims(self, doc_id: str, extracted: dict[str, list[dict[str, Any]]]) -> set[str]:
        """Store one document's quantities, quotes and claims in place of the old
        ones; returns every claim key the document had before or has now."""
        keys = {r[0] for r in self.conn.execute("SELECT DISTINCT key FROM claims WHERE doc_id = ?", (doc_id,))}
        for table in ("quantities", "quotes", "claims"):
            self.conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
        self.conn.executemany(
            "INSERT INTO quantities (doc_id, sentence, idx, start, end, text, value, unit, kind, qualifier, counted, "
            "measure, subject, time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((doc_id, q["sentence"], i, q["start"], q["end"], q["text"], q["value"], q["unit"], q["kind"],
              q["qualifier"], q["counted"], q["measure"], json.dumps(q["subject"]), q["time"])
             for i, q in enumerate(extracted.get("quantities", ()))))
        self.conn.executemany(
            "INSERT OR IGNORE INTO quotes (doc_id, sentence, start, end, text, kind, speaker, speaker_text) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            ((doc_id, q["sentence"], q["start"], q["end"], q["text"], q["kind"], q["speaker"], q["speaker_text"])
             for q in extracted.get("quotes", ())))
        columns = ("id", "sentence", "start", "end", "value_start", "value_end", "key", "subject", "attribute",
                   "value", "value_low", "value_high", "unit", "time", "time_start", "time_end", "time_text",
                   "over_time", "topic", "kind", "modality", "hedged", "hedge", "attribution", "attribution_actor",
                   "sequence")
        self.conn.executemany(
            f"INSERT OR IGNORE INTO claims (doc_id, {', '.join(columns)}) "
            f"VALUES (?, {', '.join('?' for _ in columns)})",
            ((doc_id, *(_finite(c[k]) if k == "value_high" else c[k] for k in columns))
             for c in extracted.get("claims", ())))
        keys.update(c["key"] for c in extracted.get("claims", ()))
        return keys

    def claims(self, *, keys: Iterable[str] | None = None, doc_id: str | None = None,
               key: str | None = None, ids: Iterable[str] | None = None) -> list[sqlite3.Row]:
        """Claims with their document's outlet, date and original (for copies)."""
        where, args = [], []
        for column, values in (("c.key", keys), ("c.id", ids)):
            if values is not None:
                values = list(values)
                where.append(f"{column} IN ({', '.join('?' for _ in values)})" if values else "0")
                args += values
        if doc_id:
            where.append("c.doc_id = ?")
            args.append(doc_id)
        if key:
            where.append("c.key LIKE ?")
            args.append(f"%{key}%")
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        return self.conn.execute(
            "SELECT c.*, d.outlet, d.published, d.title, COALESCE(d.duplicate_of, d.id) AS root, "
            "d.duplicate_of, substr(d.text, c.start + 1, c.end - c.start) AS evidence, "
            "substr(d.text, c.value_start + 1, c.value_end - c.value_start) AS value_text "
            f"FROM claims c JOIN documents d ON d.id = c.doc_id {clause} "
            "ORDER BY c.key, c.time_start, d.published, c.doc_id, c.sentence", args,
        ).fetchall()

    def claim_keys(self, doc_ids: Iterable[str] | None = None) -> set[str]:
        if doc_ids is None:
            return {r[0] for r in self.conn.execute("SELECT DISTINCT key FROM claims")}
        ids = list(doc_ids)
        return {r[0] for r in self.conn.execute(
            f"SELECT DISTINCT key FROM claims WHERE doc_id IN ({', '.join('?' for _ in ids)})", ids)}

    def replace_verdicts(self, keys: Iterable[str], verdicts: Iterable[dict[str, Any]]) -> None:
        keys = list(keys)
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            self.conn.execute(f"DELETE FROM verdicts WHERE key IN ({', '.join('?' for _ in chunk)})", chunk)
        self.conn.executemany(
            "INSERT OR REPLACE INTO verdicts (id, kind, key, subject, topic, time, sides) VALUES (?, ?, ?, ?, ?, ?, ?)",
            ((v["id"], v["verdict"], v["key"], v["subject"], v["topic"], v["time"], json.dumps(v["sides"]))
             for v in verdicts))

    def verdicts(self, *, kind: str | None = None, key: str | None = None) -> list[sqlite3.Row]:
        where, args = [], []
        if kind:
            where.append("kind = ?")
            args.append(kind)
        if key:
            where.append("key LIKE ?")
            args.append(f"%{key}%")
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        order = "CASE kind WHEN 'contradiction' THEN 0 WHEN 'update' THEN 1 ELSE 2 END"
        return self.conn.execute(f"SELECT * FROM verdicts {clause} ORDER BY {order}, key, time", args).fetchall()

    def quantities(self, doc_id: str | None = None) -> list[sqlite3.Row]:
        clause, args = ("WHERE doc_id = ?", [doc_id]) if doc_id else ("", [])
        return self.conn.execute(f"SELECT * FROM quantities {clause} ORDER BY doc_id, idx", args).fetchall()

    def quotes(self, doc_id: str | None = None) -> list[sqlite3.Row]:
        clause, args = ("WHERE doc_id = ?", [doc_id]) if doc_id else ("", [])
        return self.conn.execute(f"SELECT * FROM quotes {clause} ORDER BY doc_id, start", args).fetchall()

    def import_actors(self, entries: Iterable[dict[str, Any]], source: str) -> int:
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        rows = [(e["id"], json.dumps(e, ensure_ascii=False), source, now) for e in entries]
        self.conn.executemany(
            "INSERT INTO imported_actors (id, data, source, imported_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET data = excluded.data, source = excluded.source, "
            "imported_at = excluded.imported_at", rows)
        return len(rows)

    def imported_actors(self) -> list[dict[str, Any]]:
        return [json.loads(r[0]) for r in self.conn.execute("SELECT data FROM imported_actors ORDER BY id")]

    # -- summaries ---------------------------------------------------------

    def status(self) -> dict[str, Any]:
        one = self.conn.execute
        docs = one(
            "SELECT count(*), sum(n_chars), sum(n_tokens), sum(n_sentences), "
            "min(published), max(published), sum(duplicate_of IS NOT NULL), "
            "sum(encoding_note IS NOT NULL), sum(published IS NULL) FROM documents"
        ).fetchone()
        languages = dict(
            one("SELECT coalesce(language, '?'), count(*) FROM documents "
                "GROUP BY 1 ORDER BY 2 DESC").fetchall()
        )
        outlets = [
            {"outlet": r[0], "documents": r[1]}
            for r in one("SELECT coalesce(outlet, '(unknown)'), count(*) FROM documents "
                         "GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()
        ]
        return {
            "database": str(self.path),
            "schema_version": self.schema_version,
            "size_bytes": _db_size(self.path),
            "documents": docs[0],
            "characters": docs[1] or 0,
            "tokens": docs[2] or 0,
            "sentences": docs[3] or 0,
            "published_from": docs[4],
            "published_to": docs[5],
            "syndicated_copies": docs[6] or 0,
            "encoding_fallbacks": docs[7] or 0,
            "undated": docs[8] or 0,
            "languages": languages,
            "outlets": outlets,
            "actors": one("SELECT count(DISTINCT actor_id) FROM mentions").fetchone()[0],
            "mentions": one("SELECT count(*) FROM mentions").fetchone()[0],
            "imported_actors": one("SELECT count(*) FROM imported_actors").fetchone()[0],
            "events": one("SELECT count(*) FROM events").fetchone()[0],
            "events_asserted_actual": one(
                "SELECT count(*) FROM events WHERE polarity = 'asserted' AND modality = 'actual'").fetchone()[0],
        }

    def integrity_check(self) -> str:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]


def _finite(x: float | None) -> float | None:
    return None if x is None or x == float("inf") else x


def _db_size(path: Path) -> int:
    return sum(
        p.stat().st_size for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()
    )


def _explain(path: Path, err: sqlite3.DatabaseError) -> str:
    text = str(err)
    if "file is not a database" in text:
        return f"'{path}' is not a dyad database (it is not an SQLite file)"
    if "readonly" in text or "read-only" in text:
        return f"database '{path}' is read-only"
    if "unable to open" in text:
        return f"cannot open database '{path}': {text}"
    if "locked" in text:
        return f"database '{path}' is locked by another process; try again when it finishes"
    return f"database '{path}': {text}"
