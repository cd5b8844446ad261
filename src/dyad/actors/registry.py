"""The actor registry: states, organisations, named organs, sector agents,
offices and people with dated roles, loaded from YAML data.

The shipped files live in ``dyad/data/registry``; a user adds entries with
files of the same schema (``--registry FILE`` or ``$DYAD_REGISTRY``, paths
separated by ``os.pathsep``) and with dictionaries imported into a store
(``dyad actors import``). A later entry with an id already known extends it:
list fields are merged, single values replaced. See docs/registry.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..dates import BadDate, PartialDate, parse_date
from ..errors import DyadError

REGISTRY_ENV = "DYAD_REGISTRY"
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe YAML that leaves dates as text: dyad reads them with their
    precision, and an impossible one (2022-13-01) gets dyad's own message
    instead of a crash inside the YAML library."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_MIN = dt.date(1, 1, 1)
_MAX = dt.date(9999, 12, 31)


class RegistryError(DyadError):
    """A registry file that cannot be used: one line saying which and why."""


def date_bounds(date: PartialDate | None) -> tuple[dt.date, dt.date]:
    """First and last day a partial date can mean (open when ``None``)."""
    if date is None:
        return _MIN, _MAX
    if date.month is None:
        return dt.date(date.year, 1, 1), dt.date(date.year, 12, 31)
    if date.day is None:
        last = (dt.date(date.year + (date.month == 12), date.month % 12 + 1, 1) - dt.timedelta(days=1))
        return dt.date(date.year, date.month, 1), last
    day = dt.date(date.year, date.month, date.day)
    return day, day


@dataclass(frozen=True)
class Role:
    office: str | None
    code: str | None  # CAMEO code of the holder acting in this role (IRNGOV)
    country: str | None
    title: str | None = None
    org: str | None = None
    to: str | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    note: str | None = None

    @property
    def span(self) -> tuple[dt.date, dt.date]:
        return date_bounds(self.start)[0], date_bounds(self.end)[1]

    def overlap(self, lo: dt.date, hi: dt.date) -> float:
        """Share of the period [lo, hi] during which the role was held."""
        start, end = self.span
        first, last = max(start, lo), min(end, hi)
        if first > last:
            return 0.0
        return ((last - first).days + 1) / ((hi - lo).days + 1)

    def describe(self) -> str:
        what = self.title or (self.office or "").replace("_", " ")
        where = self.to and f" to {self.to}" or self.org and f" ({self.org})" or ""
        when = f"{self.start or '…'}–{self.end or ''}"
        return f"{what}{where}, {self.country or ''} {when}".replace(",  ", ", ").strip()

    def to_dict(self) -> dict[str, Any]:
        out = {k: getattr(self, k) for k in ("office", "title", "code", "country", "org", "to", "note")}
        out["start"] = self.start.iso() if self.start else None
        out["end"] = self.end.iso() if self.end else None
        return {k: v for k, v in out.items() if v is not None}


@dataclass
class Actor:
    id: str
    type: str  # state | organisation | person | group (the export contract's types)
    name: str
    subtype: str | None = None  # organ, sector, agreement, igo, ...
    country: str | None = None
    code: str | None = None
    aliases: list[str] = field(default_factory=list)
    adjectives: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    metonyms: list[str] = field(default_factory=list)
    prefixes: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    context_aliases: list[str] = field(default_factory=list)  # names only where a context state is mentioned
    context: list[str] = field(default_factory=list)
    parent: str | None = None
    source: str = "registry"

    def code_at(self, lo: dt.date, hi: dt.date) -> str | None:
        """The CAMEO code of this actor acting in the period: a person's role
        code when a role covers it, else the actor's own code or country."""
        best = max(self.roles, key=lambda r: r.overlap(lo, hi), default=None)
        if best is not None and best.code and best.overlap(lo, hi) > 0:
            return best.code
        return self.code or self.country

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "type": self.type, "subtype": self.subtype,
            "country": self.country, "code": self.code,
            "roles": [r.to_dict() for r in self.roles],
            "aliases": list(self.aliases), "source": self.source,
        }


@dataclass(frozen=True)
class Office:
    key: str
    sector: str | None
    titles: tuple[str, ...]
    counterpart: bool = False
    head_of_state: bool = False
    head_of_government: bool = False
    org_office: bool = False


@dataclass(frozen=True)
class Sector:
    code: str
    name: str
    nouns: tuple[str, ...]


_OFFICE_WORDS = frozenset("""president prime foreign defence defense minister secretary general chief
    deputy vice head spokesman ambassador leader supreme speaker of the state army commander""".split())


def is_full_name(name: str) -> bool:
    """At least two words, not all of them words of an office."""
    parts = name.replace("_", " ").split()
    return len(parts) >= 2 and not all(p.lower() in _OFFICE_WORDS for p in parts)


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _date(value: Any, where: str) -> PartialDate | None:
    if value in (None, ""):
        return None
    try:
        return parse_date(str(value))
    except BadDate as err:
        raise RegistryError(f"{where}: {err}") from err


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


class Registry:
    """Every known actor, and the indexes the resolver asks."""

    def __init__(self) -> None:
        self.version = ""  # hash of everything loaded: documents resolved with another are stale
        self._hash = hashlib.sha256()
        self.actors: dict[str, Actor] = {}
        self.offices: dict[str, Office] = {}
        self.sectors: dict[str, Sector] = {}
        self._by_code: dict[str, str] = {}

    # -- loading -----------------------------------------------------------

    @classmethod
    def load(cls, extra: Iterable[str | os.PathLike] = (), entries: Iterable[dict] = (),
             with_env: bool = True) -> Registry:
        """The shipped registry, plus user files (``extra`` and ``$DYAD_REGISTRY``)
        and entries imported into a store."""
        reg = cls()
        base = resources.files("dyad").joinpath("data", "registry")
        for name in ("offices.yaml", "sectors.yaml", "states.yaml", "organisations.yaml", "organs.yaml"):
            reg.add_document(_read(base.joinpath(name), f"registry/{name}", reg._hash), f"registry/{name}")
        people = sorted((p for p in base.joinpath("people").iterdir() if p.name.endswith(".yaml")),
                        key=lambda p: p.name)
        for path in people:
            where = f"registry/people/{path.name}"
            reg.add_document(_read(path, where, reg._hash), where)
        paths = [Path(p) for p in extra]
        if with_env and os.environ.get(REGISTRY_ENV):
            paths += [Path(p) for p in os.environ[REGISTRY_ENV].split(os.pathsep) if p]
        for path in paths:
            for file in sorted(path.rglob("*.yaml")) if path.is_dir() else [path]:
                if not file.exists():
                    raise RegistryError(f"registry file '{file}' does not exist")
                reg.add_document(_read(file, str(file), reg._hash), str(file))
        names = {slug(a.name): a.id for a in reg.actors.values() if a.type == "person"}
        for entry in entries:
            reg._hash.update(json.dumps(entry, sort_keys=True).encode())
            if entry.get("type") == "person" and not is_full_name(entry.get("name", "")):
                continue  # imported dictionaries hold "Hassan" and "Foreign Minister" as people
            same = names.get(slug(entry.get("name", ""))) if entry.get("type") == "person" else None
            if same is not None:
                # A person the registry already has: the import adds spellings, not a rival.
                spellings = [a for a in entry.get("aliases", []) if is_full_name(a)
                             and a.split()[0].lower() not in _OFFICE_WORDS]
                reg._merge(reg.actors[same], {"aliases": spellings}, "import", None)
                continue
            reg.add_entry(entry, entry.get("source", "import"), default_type=entry.get("type"))
        reg._finish()
        reg.version = reg._hash.hexdigest()[:16]
        return reg

    def add_document(self, data: Any, where: str) -> None:
        """One YAML document: a list of entries, a people file, or a mapping of sections."""
        name = Path(where).name
        if data is None:
            return
        if isinstance(data, dict) and "people" in data and "country" in data or name.startswith("_"):
            for person in (data or {}).get("people", []):
                self.add_entry(person, where, default_type="person", country=data.get("country"))
            return
        if isinstance(data, list):
            kind = {"offices.yaml": "office", "sectors.yaml": "sector", "states.yaml": "state",
                    "organisations.yaml": None, "organs.yaml": "organ"}.get(name)
            if kind is None and name != "organisations.yaml":
                raise RegistryError(f"{where}: a list file must be one of the registry's sections")
            for entry in data:
                self._add_by_kind(entry, kind, where)
            return
        if not isinstance(data, dict):
            raise RegistryError(f"{where}: expected a mapping of sections or a list of entries")
        sections = {"offices": "office", "sectors": "sector", "states": "state",
                    "organisations": None, "organizations": None, "organs": "organ", "people": "person"}
        unknown = set(data) - set(sections) - {"country"}
        if unknown:
            raise RegistryError(f"{where}: unknown section(s) {', '.join(sorted(unknown))} "
                                f"(expected {', '.join(sorted(sections))})")
        for section, kind in sections.items():
            for entry in data.get(section) or []:
                if kind == "person":
                    self.add_entry(entry, where, default_type="person", country=data.get("country"))
                else:
                    self._add_by_kind(entry, kind, where)

    def _add_by_kind(self, entry: dict, kind: str | None, where: str) -> None:
        if not isinstance(entry, dict):
            raise RegistryError(f"{where}: every entry must be a mapping, found {entry!r}")
        if kind == "office":
            old = self.offices.get(entry["key"])
            titles = tuple(dict.fromkeys((*(old.titles if old else ()),
                                          *(t.lower() for t in _list(entry.get("titles"))))))
            self.offices[entry["key"]] = Office(
                entry["key"], entry.get("sector", old.sector if old else None), titles,
                bool(entry.get("counterpart", old and old.counterpart)),
                bool(entry.get("head_of_state", old and old.head_of_state)),
                bool(entry.get("head_of_government", old and old.head_of_government)),
                bool(entry.get("org_office", old and old.org_office)),
            )
        elif kind == "sector":
            old_sector = self.sectors.get(entry["code"])
            nouns = tuple(dict.fromkeys((*(old_sector.nouns if old_sector else ()), *_list(entry.get("nouns")))))
            name = entry.get("name") or (old_sector.name if old_sector else entry["code"])
            self.sectors[entry["code"]] = Sector(entry["code"], name, nouns)
        else:
            self.add_entry(entry, where, default_type=kind)

    def add_entry(self, entry: dict, where: str, default_type: str | None = None,
                  country: str | None = None) -> None:
        if not isinstance(entry, dict) or not entry.get("name") and not entry.get("id"):
            raise RegistryError(f"{where}: entry without a name or id: {entry!r}")
        kind = entry.get("type") or default_type or "organisation"
        name = entry.get("name") or entry["id"]
        actor_id = str(entry.get("id") or slug(name))
        where_entry = f"{where} ({actor_id})"
        existing = self.actors.get(actor_id)
        if existing is not None:
            self._merge(existing, entry, where_entry, country)
            return
        actor = Actor(id=actor_id, type="person", name=name, source=where)
        if kind == "state":
            actor.type, actor.country, actor.code = "state", actor_id, entry.get("cameo") or actor_id
        elif kind == "organ":
            actor.type, actor.subtype = "organisation", "organ"
            actor.country = entry.get("country")
            actor.code = entry.get("cameo") or f"{actor.country or ''}{entry.get('sector') or ''}" or None
        elif kind == "person":
            actor.country = entry.get("country") or country
            actor.code = entry.get("code")
        else:
            actor.type = "group" if kind == "group" else "organisation"
            actor.subtype = entry.get("kind") or (kind if kind == "agreement" else None)
            actor.country = entry.get("country")
            actor.code = entry.get("cameo") or entry.get("code")
        self.actors[actor_id] = actor
        self._merge(actor, entry, where_entry, country)

    def _merge(self, actor: Actor, entry: dict, where: str, country: str | None) -> None:
        for key in ("aliases", "adjectives", "demonyms", "metonyms", "prefixes", "members", "context_aliases",
                    "context", "parties"):
            target = "members" if key == "parties" else key  # an agreement's parties are its members
            for value in _list(entry.get(key)):
                if value not in getattr(actor, target):
                    getattr(actor, target).append(value)
        if entry.get("name") and entry["name"] != actor.name:
            if actor.name not in actor.aliases:
                actor.aliases.append(actor.name)
            actor.name = entry["name"]
        for key in ("country", "parent"):
            if entry.get(key):
                setattr(actor, key, entry[key])
        if entry.get("code") or entry.get("cameo"):
            actor.code = entry.get("code") or entry.get("cameo")
        for i, role in enumerate(entry.get("roles") or []):
            actor.roles.append(self._role(role, actor, f"{where} role {i + 1}", country))

    def _role(self, role: dict, actor: Actor, where: str, country: str | None) -> Role:
        if not isinstance(role, dict):
            raise RegistryError(f"{where}: a role must be a mapping")
        start, end = _date(role.get("start"), where), _date(role.get("end"), where)
        if start and end and date_bounds(start)[0] > date_bounds(end)[1]:
            raise RegistryError(f"{where}: starts ({start}) after it ends ({end})")
        return Role(
            office=role.get("office"), code=role.get("code"),
            country=role.get("country") or actor.country or country,
            title=role.get("title"), org=role.get("org"), to=role.get("to"),
            start=start, end=end, note=role.get("note"),
        )

    def _finish(self) -> None:
        """Resolve role codes once everything is loaded (a role's org may come later)."""
        orgs = {a.id.lower(): a for a in self.actors.values() if a.type != "person"}
        for a in list(self.actors.values()):
            for alias in a.aliases:
                orgs.setdefault(alias.lower(), a)
        for actor in self.actors.values():
            if actor.type != "person":
                continue
            coded = []
            for role in actor.roles:
                if role.code:
                    coded.append(role)
                    continue
                office = self.offices.get(role.office or "")
                org = orgs.get((role.org or "").lower())
                if org is not None and (office and office.org_office or org.country and org.code):
                    code = org.code
                elif role.country and office and office.sector:
                    code = f"{role.country}{office.sector}"
                else:
                    code = role.country
                coded.append(Role(**{**role.__dict__, "code": code}))
            actor.roles = coded
            if actor.code is None:
                actor.code = actor.country
        self._by_code = {a.code: a.id for a in self.actors.values() if a.code and a.type == "state"}

    # -- questions ---------------------------------------------------------

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def states(self) -> Iterator[Actor]:
        return (a for a in self.actors.values() if a.type == "state")

    def people(self) -> Iterator[Actor]:
        return (a for a in self.actors.values() if a.type == "person")

    def holders(self, office: str, country: str | None, lo: dt.date, hi: dt.date,
                org: str | None = None) -> list[tuple[Actor, Role, float]]:
        """People who held ``office`` for ``country`` (or ``org``) during [lo, hi],
        with the share of the period each held it, most first."""
        found = []
        for actor in self._office_index().get(office, ()):
            for role in actor.roles:
                if role.office != office:
                    continue
                if country and role.country != country or org and (role.org or "").lower() != org.lower():
                    continue
                share = role.overlap(lo, hi)
                if share > 0:
                    found.append((actor, role, share))
        found.sort(key=lambda t: -t[2])
        return found

    def _office_index(self) -> dict[str, list[Actor]]:
        if not hasattr(self, "_offices_cache"):
            index: dict[str, list[Actor]] = defaultdict(list)
            for actor in self.people():
                for office in {r.office for r in actor.roles if r.office}:
                    index[office].append(actor)
            self._offices_cache = dict(index)
        return self._offices_cache


def _read(path: Any, where: str, digest: Any = None) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
        if digest is not None:
            digest.update(text.encode())
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark else ""
        raise RegistryError(f"{where}{line}: not valid YAML ({getattr(err, 'problem', err)})") from err
    except OSError as err:
        raise RegistryError(f"{where}: cannot read ({err.strerror})") from err
    except ValueError as err:
        raise RegistryError(f"{where}: {err}") from err


@cache
def shipped_registry() -> Registry:
    """The registry as shipped, loaded once per process."""
    return Registry.load(with_env=False)
