"""Import PETRARCH / Phoenix (TABARI-format) CAMEO actor and agent dictionaries.

``import_dictionary(path)`` reads one dictionary file and returns registry
entries (actors files) or sector noun lists (agents files), with a warning for
every line it had to skip. Nothing in a file is fatal: a bad line is reported
as ``"FILE line N: what is wrong"`` and the rest of the file is kept.

Actors files
------------
An entry starts with a name line (words joined by ``_``; a space also
separates words). It may carry its codes on the same line; further codes
follow on continuation lines that start with whitespace or ``[``, further
names on ``+SYNONYM`` lines. ``#`` starts a comment, ``<!-- ... -->`` blocks
(possibly over several lines) are comments too. A code is ``[CODE]`` or a
dated ``[CODE YYMMDD-YYMMDD]``, ``[CODE >YYMMDD]`` (from that day on),
``[CODE <YYMMDD]`` (until that day); several brackets may share a line.

Reading decisions taken from what the shipped files contain:

- Comment lines do not end an entry (codes and synonyms follow comments,
  and synonyms follow blank lines, in the shipped files). Consecutive name
  lines with no code yet are names of one entry ("LEONID_BREZHNEV_",
  "LEONID_ILYICH_BREZHNEV", ..., then the codes); the first is the primary
  name. A blank line, or a next name line with codes of its own, ends such a
  run: a name that never got a code is skipped with a warning ("U.N._"
  before a blank line, "Source: MNC.MLH.actors" before an entry).
- A continuation line with a name before its codes (tab, "JOHN_MCCLOY_ [..]")
  adds that name as a synonym, with a warning.
- Two-digit years: ``YY >= 30`` is 19YY, ``YY < 30`` is 20YY. The files use
  six-digit dates for 1930 onwards and eight digits (``19270101``) for
  earlier years; no six-digit date has YY in 14..29, so any pivot there
  reads them the same. Dates of other lengths, impossible dates (month 13),
  a date with neither ``<``, ``>`` nor a range, and a range that ends before
  it starts drop that one code with a warning (the rest of the entry stays).
- ``[---]`` / ``[+++]`` are TABARI null codes ("recognised, not coded"); they
  are dropped, and an entry with only null codes is left out without a
  warning. ``[A/B]`` alternatives keep the first code. Lower-case codes are
  upper-cased. Text after the codes that is not a comment is ignored with a
  warning. A ``+`` inside a synonym separates two synonyms.
- Exact repeats of an earlier entry (same names, same codes) are skipped and
  reported in one warning per file; different entries whose names make the
  same id get ``-2``, ``-3``, ... suffixes.

Entry fields: ``code`` is the first undated code, else the code of the role
that reaches latest; ``roles`` holds every dated code in the file's order, an
open side omitted (where two dated codes cover the same day, PETRARCH codes
the one written first: "[ORCHOB 20100109-20100112]" before a longer
"[HOBMIL 20080120-20121109]" overrides it for those days). ``country`` is the first three letters of ``code`` (or,
failing that, of another code of the entry) when they are a country code:
three letters that are not an IGO/NGO/MNC-style prefix, a CAMEO region or an
agent code (see ``_NOT_COUNTRIES``), so historical and territory codes (SUN,
DDR, GBR for Montserrat) count as countries.

``type`` is decided in this order (heuristics, documented because they
matter for matching):

1. ``state``: the code is a bare country code (``[IRN]``, ``[ARM >911221]``)
   or country + territory (``GBRMSR`` Montserrat, ``USAPRI`` Puerto Rico;
   the second half is not an agent code). Only a person-shaped name with a
   ``CountryInfo`` comment or a dated country + sector role overrides it.
2. A "titled" name has a body word ("ministry", "party", "forces", "bank",
   "jaish", ...) or a joining word ("of", "the", "for", "without"). An
   entry with dated codes or a ``CountryInfo`` source comment (the Phoenix
   country file marks its people so) and an untitled name has held offices:
   a person.
3. ``group`` when the file is a MilNonState file or the code is militant
   (prefix IMG/UIS, or a REB/UAF/INS segment), unless it held offices as
   above or its name opens with an honorific (Sheikh, Mullah, ...) or is an
   ``Abu X Y`` kunya.
4. ``person`` when the name looks personal: two to five plain words, none
   of them an office, collective or acronym ("president", "troops",
   "military", "national", "USA"), the first not a compass word ("WEST_GERMAN",
   "NORTH_YEMEN" are places), and the code is not an MNC.
5. ``organisation`` otherwise: IGO/NGO/MNC codes, bodies, and also generic
   offices and collectives ("AMERICAN_VICE_PRESIDENT", "HAMAS_GUNMEN").

Known misreadings these rules leave: NGOs named like people ("Small
Kindness"), bodies with one-word or untranslated names ("Lok Sabha", "Shin
Bet"), and named militants in the country file without dated codes.

Names: underscores become spaces and words are title-cased. A word stays
upper case when it is written with dots (``U.N.``), has no vowel (``CNN``),
has digits (``MI6``), is a Roman numeral after the first word, is a
well-known acronym, or is the initials of another name of the same entry
(``ALF`` in "ANIMAL_LIBERATION_FRONT_(ALF)"); a one-word name also when it
is the initials of an entry with the same code (``IAEA_`` next to
``INTERNATIONAL_ATOMIC_ENERGY_AGENCY_``). Particles (al, bin, de, van, of,
the, ...) are lower case except as the first word; words the file already
writes in mixed case, and words in scripts without Latin capitals, are kept
as written.

Agents files
------------
A line is ``PHRASE {PLURALS} [~CODE]``: the agent code is added after an
actor's code (``~GOV``) or, written ``[NGO~]``, before it (such sectors carry
``"prefix": True``). Sectors are grouped by code in file order, the code kept
as written (``GOVMED`` stays a compound code).

- Wildcards: ``!SET! = A, B, C`` lines define substitution sets; a phrase
  containing ``!SET!`` is expanded into one noun per member (and per
  combination when several markers occur). A marker glued to letters on
  both sides (``AD!MINIST!RATION``, a search-and-replace slip in
  Phoenix.agents.txt) is read as the set's own name (``ADMINISTRATION``)
  with a warning; an undefined set skips the line with a warning. A whole
  word spelt like a set's name (``COMMERCE_MINIST``, a TABARI stem) is
  expanded as the marker would be.
- Plurals: ``{PLURAL}`` (comma-separated when several) lists irregular
  plurals, which are added as nouns; ``{}`` marks a noun with no plural.
  Regular plurals are not generated: PETRARCH forms them itself and dyad's
  resolver inflects regular plurals (see sectors.yaml).
- Nouns are lower case with underscores as spaces; a trailing ``_`` (the
  TABARI "whole word" stop) is dropped.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

Kind = Literal["actors", "agents"]

__all__ = ["ImportResult", "detect_kind", "import_dictionary"]

_PIVOT = 30  # two-digit years below this are 20YY; see module docstring

# Agent (sector) codes as Phoenix.agents.txt uses them, plus the few CAMEO
# adds (settlers, moderates, insurgents); religions are agents too.
_AGENT_CODES = frozenset(
    "AGR BUS COP CRM CVL DEV EDU ELI ENV GOV HLH HRI INS JUD LAB LEG MAR MED MIL MOD OPP PPL PTY RAD REB "
    "REF REL SET SPY UAF BAH BUD CHR CTH HIN JEW MOS MUS PRO".split()
)
# Three-letter prefixes that are not countries: transnational actors, CAMEO
# regions, agent codes, and the "KKL" placeholder one annotator of
# Phoenix.MilNonState.actors.txt used for "country not known". MUS and MAR
# are agent codes but, first in a code, Mauritius and Morocco.
_NOT_COUNTRIES = (_AGENT_CODES - {"MUS", "MAR"}) | frozenset(
    "IGO NGO NGM MNC IMG UIS INT KKL "
    "AFR ASA BLK CAS CAU CFR CRB EAF EEU EUR LAM MDT MEA NAF NMR PGS SAF SAM SAS SCN SEA WAF WEU WST".split()
)
_MILITANT_SEGMENTS = frozenset({"REB", "UAF", "INS"})
_MILITANT_PREFIXES = frozenset({"IMG", "UIS"})

_BODY_WORDS = frozenset(
    """
    ADMINISTRATION AGENCY AIRLINES AIRWAYS ALLIANCE ARMY ASSEMBLY ASSOCIATION AUTHORITY BANK BATTALION
    BOARD BRIGADE BRIGADES BUREAU CABINET CENTER CENTRE CHAMBER CHURCH COALITION COLLEGE COMMAND
    COMMISSION COMMITTEE COMMUNITY COMPANY CONFEDERATION CONFERENCE CONGRESS CORP CORPORATION CORPS COUNCIL
    COURT CROSS CRESCENT DECLARATION DEPARTMENT DIRECTORATE DIVISION EMBASSY FACTION FEDERATION FORCE FORCES
    FOUNDATION FRONT FUND GOVERNMENT GROUP GUARD GUARDS HOLDINGS HOUSE INC INDUSTRIES INSTITUTE INTELLIGENCE
    INTERNATIONAL JUNTA LEAGUE LIMITED LLC LTD MILITIA MINISTRY MINISTRIES MISSION MOVEMENT NAVY NETWORK
    NEWS OFFICE OPERATION ORGANIZATION ORGANISATION PALACE PARLIAMENT PARTY PLC POLICE PRESS PROGRAM
    PROGRAMME RADIO REGIME REGIMENT RESERVE RIFLES SECRETARIAT SENATE SERVICE SERVICES SOCIETY SYSTEMS TANK
    TEAM TELEVISION TRIBUNAL UNION UNIT UNIVERSITY WATCH YARD
    HARAKAT HIZB JABHAT JAISH JAYSH KATAIB KATIBAT LIWA LIWAA SARAYA
    """.split()
)
# Offices, collectives and words that make a name a description, not a person.
_NOT_PERSON_WORDS = frozenset(
    """
    AMBASSADOR AMERICAN AUTHORITIES CHIEF CITIZENS CITY COMMANDER DELEGATION DEMOCRATIC DIPLOMATS ENVOY
    FIGHTERS GENERAL GLOBAL GOVERNOR GUERRILLAS GUNMEN HUMAN ISLAMIC LEADER LEADERS LIBERATION MILITANTS MILITARY
    MINISTER NATIONAL NATIONALS OFFICIAL OFFICIALS PEACEKEEPER PEACEKEEPERS PEOPLE PEOPLES PEOPLE'S
    POLICEMEN PRESIDENT PRIME PROVINCE REBELS REGION REPRESENTATIVE REPUBLIC REPUBLICAN REVOLUTIONARY RIGHTS
    SECRETARY SOCIALIST SOLDIERS SPOKESMAN STATE STATES STUDENTS TROOPS UNITED WORKERS WORLD
    """.split()
)
# A name opening with a compass word is a place or its people ("WEST_GERMAN",
# "NORTH_YEMEN", "SOUTHERN_SUDAN"), not a person.
_COMPASS_WORDS = frozenset("NORTH SOUTH EAST WEST NORTHERN SOUTHERN EASTERN WESTERN".split())
# Words that join the parts of a title ("Doctors Without Borders"), never a person's name.
_FUNCTION_WORDS = frozenset("OF THE AND FOR WITHOUT SANS CONTRA POUR FUR FÜR AGAINST".split())
# A name opening with one of these, in a militant entry, is a person's.
_HONORIFICS = frozenset("SHEIKH SHEIK SHAYKH MULLAH MAWLAWI MAULANA IMAM AYATOLLAH EMIR AMIR".split())
_PARTICLES = frozenset(
    "ad al an and ar as ash at az bin bint da das de del della der des di dos du e el en et for ibn "
    "in la le of on or the to und van von with y".split()
)
_HYPHEN_PARTICLES = _PARTICLES | {"i", "ul", "ud", "ur"}
_TITLE_ABBREVIATIONS = frozenset({"MR", "MRS", "MS", "DR", "JR", "SR", "ST", "SGT", "LT", "CPL", "PVT"})
_KNOWN_ACRONYMS = frozenset(
    "UN US UK EU AU UAE USA USSR NATO OPEC IAEA ASEAN OSCE UNESCO UNICEF IMF ICC ICJ IDF IRA PLO OAS OIC "
    "ISIS ISIL AQAP AQIM ECOWAS OECD".split()
)
_ROMAN = frozenset("II III IV VI VII VIII IX XII XIII XIV XV XVI".split())
_INITIALS_SKIP = frozenset({"OF", "THE", "AND", "FOR", "ON", "IN", "DE", "DES", "DU", "LA", "LE", "&"})
_VOWELS = frozenset("AEIOUY")

_LATIN_CAPITAL = re.compile(r"[A-Z]")
_DIGIT = re.compile(r"\d")
_WORD_SPLIT = re.compile(r"[_\s]+")
_INITIALS_SPLIT = re.compile(r"[_\s\-]+")
_PUNCT_RE = re.compile(r"([(\"'\u201c]*)(.*?)([)\"',:;\u201d]*)")
_HYPHEN_SLASH = re.compile(r"([-/])")
_INITIALS_RE = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]?")
_PERSON_WORD_RE = re.compile(r"[^\W\d_][^\W\d_.'-]*(?:['.-][^\W\d_]*)*")

_CODE_RE = re.compile(
    r"^\s*(?P<code>[A-Za-z][A-Za-z0-9]*(?:/[A-Za-z0-9]+)*|[-+#]{3})"
    r"(?:\s+(?:(?P<op>[<>])\s*(?P<date>\d+)|(?P<start>\d+)\s*-\s*(?P<end>\d+)))?\s*$"
)
_LONE_DATE_RE = re.compile(r"^\s*[A-Za-z]\w*\s+\d+\s*$")
_BRACKET_RE = re.compile(r"\[([^\[\]]*)\]")
_SUBSTITUTION_RE = re.compile(r"^\s*!(?P<name>[A-Za-z0-9]+)!\s*=\s*(?P<members>.*)$")
_MARKER_RE = re.compile(r"!([A-Za-z0-9]+)!")
_GLUED_MARKER_RE = re.compile(r"([A-Za-z]+)!([A-Za-z0-9]+)!([A-Za-z]+)")
_AGENT_RE = re.compile(
    r"^(?P<phrase>[^{\[]*?)\s*"  # PHRASE
    r"(?:\{(?P<plural>[^{}\[\]]*)\})?\s*\[(?P<code>[^\[\]]*)\]\s*$"  # {PLURALS} [CODE]
)


@dataclass
class ImportResult:
    entries: list[dict] = field(default_factory=list)
    sectors: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        by_type = {kind: 0 for kind in ("person", "state", "organisation", "group")}
        for entry in self.entries:
            by_type[entry["type"]] += 1
        return {
            "entries": len(self.entries),
            **by_type,
            "aliases": sum(len(e["aliases"]) for e in self.entries),
            "roles": sum(len(e["roles"]) for e in self.entries),
            "sectors": len(self.sectors),
            "nouns": sum(len(s["nouns"]) for s in self.sectors),
            "warnings": len(self.warnings),
        }


def detect_kind(path: str | Path) -> Kind:
    """Whether a file is an actors or an agents dictionary, judged by its
    codes (agent codes carry a ``~``) and ``!SET! =`` lines; the file name
    only breaks a tie."""
    path = Path(path)
    return _kind_of(_read_text(path, []), path.name)


def import_dictionary(path: str | Path) -> ImportResult:
    """Read one PETRARCH/Phoenix dictionary (actors or agents, see
    ``detect_kind``) into registry entries or sectors."""
    path = Path(path)
    result = ImportResult()
    text = _read_text(path, result.warnings)
    if _kind_of(text, path.name) == "agents":
        result.sectors = _AgentReader(path.name, result.warnings).read(text)
    else:
        raws = _ActorReader(path.name, result.warnings).read(text)
        result.entries = _build_entries(raws, path.name, result.warnings)
    return result


def _kind_of(text: str, fname: str) -> Kind:
    agent_votes = actor_votes = 0
    for _, line in _content_lines(text):
        body = line.partition("#")[0]
        if _SUBSTITUTION_RE.match(body):
            agent_votes += 5
        for inner in _BRACKET_RE.findall(body):
            if "~" in inner:
                agent_votes += 1
            else:
                actor_votes += 1
        if agent_votes + actor_votes >= 200:
            break
    if agent_votes != actor_votes:
        return "agents" if agent_votes > actor_votes else "actors"
    return "agents" if "agent" in fname.lower() else "actors"


# --------------------------------------------------------------------------- reading


def _read_text(path: Path, warnings: list[str]) -> str:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older dictionaries were written in Latin-1; every byte decodes.
        warnings.append(f"{path.name}: not UTF-8, read as Latin-1")
        text = data.decode("latin-1")
    return text


def _content_lines(text: str) -> Iterator[tuple[int, str]]:
    """Numbered lines outside ``<!-- -->`` blocks, line ends removed."""
    in_block = False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if in_block:
            in_block = "-->" not in stripped
            continue
        if stripped.startswith("<!"):
            in_block = "-->" not in stripped
            continue
        yield number, line


def _where(fname: str, number: int) -> str:
    return f"{fname} line {number}"


# --------------------------------------------------------------------------- actors


@dataclass
class _Code:
    code: str
    start: dt.date | None = None
    end: dt.date | None = None
    dated: bool = False


@dataclass
class _RawEntry:
    line: int
    names: list[str]
    codes: list[_Code] = field(default_factory=list)
    comment: str = ""
    coded: bool = False  # a code was written, even an unusable one


class _ActorReader:
    def __init__(self, fname: str, warnings: list[str]) -> None:
        self.fname = fname
        self.warnings = warnings
        self.entries: list[_RawEntry] = []
        self.current: _RawEntry | None = None
        self.skipping = False  # inside an entry whose name line was unreadable
        self.after_blank = False

    def read(self, text: str) -> list[_RawEntry]:
        for number, line in _content_lines(text):
            self._line(number, line)
        self._close()
        return self.entries

    def warn(self, number: int, message: str) -> None:
        self.warnings.append(f"{_where(self.fname, number)}: {message}")

    def _line(self, number: int, line: str) -> None:
        body, _, comment = line.partition("#")
        if not body.strip():
            # Comments sit inside entries; only a blank line separates names.
            self.after_blank = self.after_blank or not line.strip()
            return
        if line[0] == "+":
            self._synonym(number, body[1:])
        elif line[0] in " \t[":
            self._codes_line(number, body)
        else:
            self._name_line(number, body, comment)
        self.after_blank = False

    def _name_line(self, number: int, body: str, comment: str) -> None:
        name, codes_text = _split_name(body)
        if not any(c.isalnum() for c in name):
            self._close()
            self.skipping = True
            self.warn(number, f"no name before {codes_text.strip()!r}; entry skipped")
            return
        current = self.current
        if current and not current.coded and not codes_text and not self.after_blank:
            current.names.append(name)  # consecutive names share the codes that follow
            return
        self._close()
        codes = self._parse_codes(number, codes_text)
        self.skipping = codes is None
        if codes is None:
            self.warn(number, f"unreadable codes {codes_text.strip()!r}; entry skipped")
            return
        self.current = _RawEntry(number, [name], comment=comment.strip())
        self._add_codes(codes, bool(codes_text.strip()))

    def _synonym(self, number: int, body: str) -> None:
        if self.current is None:
            if not self.skipping:
                self.warn(number, "synonym outside an entry; skipped")
            return
        name, codes_text = _split_name(body)
        if codes_text.strip():
            self.warn(number, f"code on a synonym line ignored: {codes_text.strip()!r}")
        self.current.names.extend(part for part in name.split("+") if part.strip("_ "))

    def _codes_line(self, number: int, body: str) -> None:
        if self.current is None:
            if not self.skipping:
                self.warn(number, "code line outside an entry; skipped")
            return
        if "[" not in body:
            self.warn(number, f"continuation line without a code: {body.strip()!r}; skipped")
            return
        name, codes_text = _split_name(body)
        codes = self._parse_codes(number, codes_text)
        if codes is None:
            self.warn(number, f"unreadable codes {codes_text.strip()!r}; skipped")
            return
        if name:
            self.warn(number, f"name {name!r} on a code line read as a synonym")
            self.current.names.append(name)
        self._add_codes(codes, True)

    def _add_codes(self, codes: list[_Code], had_text: bool) -> None:
        assert self.current is not None
        self.current.codes.extend(codes)
        self.current.coded = self.current.coded or had_text

    def _close(self) -> None:
        entry, self.current = self.current, None
        if entry is None:
            return
        if not entry.coded:
            self.warn(entry.line, f"no code for {entry.names[0]!r}; entry skipped")
        elif not entry.codes:
            self.warn(entry.line, f"no usable code for {entry.names[0]!r}; entry skipped")
        else:
            self.entries.append(entry)

    def _parse_codes(self, number: int, text: str) -> list[_Code] | None:
        """The codes in ``text``; ``None`` when brackets do not pair up."""
        inner = _BRACKET_RE.findall(text)
        rest = _BRACKET_RE.sub(" ", text)
        if any(c in rest for c in "[]{}"):
            return None
        if rest.strip():
            self.warn(number, f"text after the codes ignored: {rest.strip()!r}")
        codes = []
        for content in inner:
            code = self._parse_bracket(number, content)
            if code is not None:
                codes.append(code)
        return codes

    def _parse_bracket(self, number: int, content: str) -> _Code | None:
        match = _CODE_RE.match(content)
        if not match:
            why = "a date needs <, > or a range" if _LONE_DATE_RE.match(content) else "malformed code"
            self.warn(number, f"{why} in [{content}]; code skipped")
            return None
        code = match["code"].split("/")[0].upper()
        if match["op"] is None and match["start"] is None:
            return _Code(code)
        try:
            start, end = _restriction(match)
        except ValueError as exc:
            self.warn(number, f"bad date in [{content}]: {exc}; code skipped")
            return None
        return _Code(code, start, end, dated=True)


def _split_name(body: str) -> tuple[str, str]:
    cut = body.find("[")
    if cut < 0:
        return body.strip(), ""
    return body[:cut].strip(), body[cut:]


def _restriction(match: re.Match[str]) -> tuple[dt.date | None, dt.date | None]:
    if match["op"] == ">":
        return _parse_date(match["date"]), None
    if match["op"] == "<":
        return None, _parse_date(match["date"])
    start, end = _parse_date(match["start"]), _parse_date(match["end"])
    if end < start:
        raise ValueError(f"range ends ({end}) before it starts ({start})")
    return start, end


def _parse_date(digits: str) -> dt.date:
    if len(digits) == 6:
        yy = int(digits[:2])
        year = (1900 if yy >= _PIVOT else 2000) + yy
    elif len(digits) == 8:
        year = int(digits[:4])
    else:
        raise ValueError(f"{digits!r} is not YYMMDD or YYYYMMDD")
    month, day = int(digits[-4:-2]), int(digits[-2:])
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{digits!r} is not a calendar date") from None


# --------------------------------------------------------------------------- actor entries


def _build_entries(raws: list[_RawEntry], fname: str, warnings: list[str]) -> list[dict]:
    acronyms = _acronyms_by_code(raws)
    militant_file = "milnonstate" in fname.lower()
    entries: list[dict] = []
    seen: set[tuple] = set()
    repeats: list[int] = []
    ids: set[str] = set()
    for raw in raws:
        usable = [c for c in raw.codes if not _is_null(c.code)]
        if not usable:
            continue  # only null codes: TABARI's "recognised, never coded" (documented, no warning)
        key = (tuple(raw.names), tuple((c.code, c.start, c.end) for c in usable))
        if key in seen:
            repeats.append(raw.line)
            continue
        seen.add(key)
        entry = _entry(raw, usable, fname, acronyms, militant_file)
        entries.append({"id": _unique_id(entry["name"], ids, raw.line), **entry})
    if repeats:
        # One warning: Phoenix.International.actors.txt alone repeats a thousand entries.
        shown = ", ".join(map(str, repeats[:10])) + (", ..." if len(repeats) > 10 else "")
        warnings.append(f"{fname} lines {shown}: {len(repeats)} exact repeats of earlier entries; skipped")
    return entries


def _entry(raw: _RawEntry, codes: list[_Code], fname: str, acronyms: dict, militant_file: bool) -> dict:
    undated = [c.code for c in codes if not c.dated]
    # Roles stay in the file's order: where two dated codes cover a day, the one
    # written first is the one PETRARCH codes (and dyad's Actor.code_at picks the
    # first of equally good roles).
    dated = [c for c in codes if c.dated]
    by_date = sorted(dated, key=_role_order)
    code = undated[0] if undated else max(dated, key=_role_reach).code
    own, shared = _initials(raw.names), acronyms.get(code, set())
    names = _unique_names(_display_name(n, own, shared) for n in raw.names)
    entry: dict = {
        "type": _classify(raw, code, dated, militant_file),
        "name": names[0],
        "aliases": names[1:],
    }
    country = _country_of([code, *undated, *(c.code for c in reversed(by_date))])
    if country:
        entry["country"] = country
    entry["code"] = code
    entry["roles"] = [_role(c) for c in dated]
    entry["source"] = _where(fname, raw.line)
    return entry


def _role(code: _Code) -> dict:
    role = {"code": code.code}
    if code.start:
        role["start"] = code.start.isoformat()
    if code.end:
        role["end"] = code.end.isoformat()
    return role


def _role_order(code: _Code) -> tuple[dt.date, dt.date]:
    return code.start or dt.date.min, code.end or dt.date.max


def _role_reach(code: _Code) -> tuple[dt.date, dt.date]:
    return code.end or dt.date.max, code.start or dt.date.min


def _is_null(code: str) -> bool:
    return not code[0].isalpha()


def _country_of(codes: list[str]) -> str | None:
    for code in codes:
        prefix = code[:3]
        if len(prefix) == 3 and prefix.isalpha() and prefix.isupper() and prefix not in _NOT_COUNTRIES:
            return prefix
    return None


def _unique_id(name: str, ids: set[str], line: int) -> str:
    base = _slug(name) or f"line-{line}"
    candidate, n = base, 1
    while candidate in ids:
        n += 1
        candidate = f"{base}-{n}"
    ids.add(candidate)
    return f"phoenix:{candidate}"


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def _unique_names(names) -> list[str]:
    out, seen = [], set()
    for name in names:
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return out


# --------------------------------------------------------------------------- classification


def _words(raw_name: str) -> list[str]:
    return [w.strip('().,"') for w in _WORD_SPLIT.split(raw_name.upper()) if w.strip('().,"')]


def _classify(raw: _RawEntry, code: str, dated: list[_Code], militant_file: bool) -> str:
    words = _words(raw.names[0])
    body = any(w in _BODY_WORDS for w in words)
    titled = body or any(w in _FUNCTION_WORDS for w in words)
    personal = not titled and _looks_personal(words)
    country_info = "countryinfo" in raw.comment.lower()
    if _is_state_code(code):
        # A country's (or territory's) own code: people carry country + sector
        # codes, so only a person-shaped name holding such a code overrides it.
        in_office = country_info or any(_has_agent_segment(c.code) for c in dated)
        return "person" if in_office and personal else "state"
    # Dated codes are how the files record offices held, hence people.
    held_office = not titled and (bool(dated) or country_info)
    if militant_file or _is_militant(code):
        honoured = personal and (words[0] in _HONORIFICS or (words[0] == "ABU" and len(words) > 2))
        return "person" if held_office or honoured else "group"
    if held_office or (personal and code[:3] != "MNC"):
        return "person"
    return "organisation"


def _is_state_code(code: str) -> bool:
    """A bare country code (IRN), or country + territory (GBRMSR, USAPRI)."""
    if len(code) == 3:
        return _country_of([code]) is not None
    return len(code) == 6 and _country_of([code[:3]]) is not None and _country_of([code[3:]]) is not None


def _has_agent_segment(code: str) -> bool:
    return any(code[i : i + 3] in _AGENT_CODES for i in range(3, len(code), 3))


def _is_militant(code: str) -> bool:
    if code[:3] in _MILITANT_PREFIXES:
        return True
    return any(code[i : i + 3] in _MILITANT_SEGMENTS for i in range(3, len(code), 3))


def _looks_personal(words: list[str]) -> bool:
    """Two to five plain words, none of them an office, a collective or an acronym."""
    if not 2 <= len(words) <= 5 or words[0] in _COMPASS_WORDS:
        return False
    for word in words:
        if word in _NOT_PERSON_WORDS or word in _KNOWN_ACRONYMS:
            return False
        if not _PERSON_WORD_RE.fullmatch(word):
            return False
        if len(word) > 1 and word.isascii() and not set(word) & _VOWELS:
            return False
    return True


# --------------------------------------------------------------------------- names


def _acronyms_by_code(raws: list[_RawEntry]) -> dict[str, set[str]]:
    """Initials of every multi-word name, per code, so that a one-word name
    with the same code (IAEA_ next to INTERNATIONAL_ATOMIC_ENERGY_AGENCY_)
    keeps its capitals. Two-letter initials are too often a real word to be
    shared between entries."""
    table: dict[str, set[str]] = {}
    for raw in raws:
        initials = {i for i in _initials(raw.names) if len(i) > 2}
        if not initials:
            continue
        for code in {c.code for c in raw.codes}:
            table.setdefault(code, set()).update(initials)
    return table


def _initials(names: list[str]) -> set[str]:
    found = set()
    for name in names:
        words = [w for w in _INITIALS_SPLIT.split(name.upper()) if w and w[0].isalpha()]
        if len(words) < 2:
            continue
        found.add("".join(w[0] for w in words))
        found.add("".join(w[0] for w in words if w not in _INITIALS_SKIP))
    return found


def _display_name(raw_name: str, own: set[str], shared: set[str]) -> str:
    """``own``: initials of the entry's names; ``shared``: of other entries
    with the same code, trusted only for a one-word name (IAEA_), as a word
    inside a longer name is too often an ordinary word with the same letters."""
    words = [w for w in _WORD_SPLIT.split(raw_name) if w]
    acronyms = own | shared if len(words) == 1 else own
    return " ".join(_case_word(w, i == 0, acronyms) for i, w in enumerate(words))


def _case_word(word: str, first: bool, acronyms: set[str]) -> str:
    if word.upper() != word or not _LATIN_CAPITAL.search(word):
        return word  # the file chose this casing, or the script has none we can judge
    match = _PUNCT_RE.fullmatch(word)
    lead, core, trail = match.groups() if match else ("", word, "")
    if lead.endswith("'") and core:
        lead, core = lead[:-1], "'" + core
    pieces = _HYPHEN_SLASH.split(core)
    cased = [
        piece if piece in "-/" else _case_part(piece, first and i == 0, acronyms, i > 0)
        for i, piece in enumerate(pieces)
    ]
    return lead + "".join(cased) + trail


def _case_part(part: str, first: bool, acronyms: set[str], inner: bool) -> str:
    letters = part.strip("'")
    if letters in acronyms and "." not in part and part.lower() not in _particles(inner):
        return part
    return _case_plain(part, first, inner)


def _particles(inner: bool) -> frozenset[str]:
    return _HYPHEN_PARTICLES if inner else _PARTICLES


@lru_cache(maxsize=1 << 16)
def _case_plain(part: str, first: bool, inner: bool) -> str:
    """Casing that does not depend on the entry; cached, names repeat a lot."""
    if not part:
        return part
    lower = part.lower()
    if lower in _particles(inner):
        return part.capitalize() if first else lower
    if "." in part:
        return part if _INITIALS_RE.fullmatch(part) else part.capitalize()
    if _is_acronym(part, first):
        return part
    if "'" in part:
        return _case_apostrophes(part, first)
    if lower.startswith("mc") and len(part) > 3:
        return "Mc" + part[2:].capitalize()
    return part.capitalize()


def _is_acronym(part: str, first: bool) -> bool:
    letters = part.strip("'")
    if _DIGIT.search(letters):
        return letters.isalnum()
    if len(letters) < 2 or not letters.isalpha():
        return len(letters) == 1 and not first  # initials and single letters: "Malcolm X"
    if letters in _KNOWN_ACRONYMS or (not first and letters in _ROMAN):
        return True
    return letters.isascii() and letters not in _TITLE_ABBREVIATIONS and not set(letters) & _VOWELS


def _case_apostrophes(part: str, first: bool) -> str:
    pieces = part.split("'")
    head = pieces[0].lower() if not first and pieces[0].lower() in {"d", "l"} else pieces[0].capitalize()
    out = [head]
    for before, piece in zip(pieces, pieces[1:], strict=False):
        # O'NEILL, D'IVOIRE keep a capital after the apostrophe; PEOPLE'S does not.
        out.append(piece.capitalize() if len(before) <= 1 and len(piece) > 1 else piece.lower())
    return "'".join(out)


# --------------------------------------------------------------------------- agents


class _AgentReader:
    def __init__(self, fname: str, warnings: list[str]) -> None:
        self.fname = fname
        self.warnings = warnings
        self.sets: dict[str, list[str]] = {}
        self.sectors: dict[tuple[str, bool], dict] = {}

    def warn(self, number: int, message: str) -> None:
        self.warnings.append(f"{_where(self.fname, number)}: {message}")

    def read(self, text: str) -> list[dict]:
        for number, line in _content_lines(text):
            body = line.partition("#")[0].strip()
            if body:
                self._line(number, body)
        return list(self.sectors.values())

    def _line(self, number: int, body: str) -> None:
        definition = _SUBSTITUTION_RE.match(body)
        if definition:
            members = [m.strip() for m in definition["members"].split(",") if m.strip()]
            self.sets[definition["name"].upper()] = members
            return
        match = _AGENT_RE.match(body)
        if not match:
            why = "unreadable agent code" if "[" in body else "no agent code"
            self.warn(number, f"{why} in {body!r}; skipped")
            return
        code, prefix = _agent_code(match["code"])
        if code is None:
            self.warn(number, f"malformed agent code [{match['code']}]; skipped")
            return
        phrases = [match["phrase"]]
        if match["plural"]:
            phrases += [p for p in match["plural"].split(",") if p.strip()]
        nouns = []
        for phrase in phrases:
            expanded = self._expand(number, phrase)
            if expanded is None:
                return
            nouns += expanded
        self._add(code, prefix, nouns)

    def _expand(self, number: int, phrase: str) -> list[str] | None:
        phrase = self._mark_stems(self._repair_glued(number, phrase))
        markers = _MARKER_RE.findall(phrase)
        missing = sorted({m for m in markers if m.upper() not in self.sets})
        if missing:
            self.warn(number, f"undefined substitution set !{missing[0]}!; skipped")
            return None
        pieces = _MARKER_RE.split(phrase)
        literals, names = pieces[0::2], pieces[1::2]
        nouns = []
        for choice in itertools.product(*(self.sets[n.upper()] for n in names)):
            text = literals[0] + "".join(m + lit for m, lit in zip(choice, literals[1:], strict=True))
            noun = _noun(text)
            if noun:
                nouns.append(noun)
        return nouns

    def _mark_stems(self, phrase: str) -> str:
        """A whole word spelt like a set's name (COMMERCE_MINIST, a TABARI stem)
        stands for the set's members, as the marker would."""
        for name in self.sets:
            if name in phrase.upper():
                stem = re.compile(rf"(?<![A-Za-z0-9!]){name}(?![A-Za-z0-9!])", re.IGNORECASE)
                phrase = stem.sub(f"!{name}!", phrase)
        return phrase

    def _repair_glued(self, number: int, phrase: str) -> str:
        def literal(match: re.Match[str]) -> str:
            word = match[1] + match[2] + match[3]
            self.warn(number, f"substitution marker inside a word ({match[0]}); read as {word!r}")
            return word

        return _GLUED_MARKER_RE.sub(literal, phrase)

    def _add(self, code: str, prefix: bool, nouns: list[str]) -> None:
        sector = self.sectors.get((code, prefix))
        if sector is None:
            sector = {"code": code, "nouns": []}
            if prefix:
                sector["prefix"] = True
            sector["source"] = self.fname
            self.sectors[(code, prefix)] = sector
        for noun in nouns:
            if noun not in sector["nouns"]:
                sector["nouns"].append(noun)


def _agent_code(content: str) -> tuple[str | None, bool]:
    text = content.replace(" ", "")
    match = re.fullmatch(r"(~)?([A-Za-z]{3}[A-Za-z0-9]*)(~)?", text)
    if not match or bool(match[1]) == bool(match[3]):
        return None, False
    return match[2].upper(), bool(match[3])


def _noun(text: str) -> str:
    return " ".join(w for w in _WORD_SPLIT.split(text.lower()) if w)
