"""Build dyad's CAMEO data files from the open event-data resources.

    python scripts/build_cameo_data.py [--anchors ../shared/anchors/eventdata] [--out src/dyad/data/cameo]

Reads (as data; see the anchors' PROVENANCE.md and LICENSE files):

- petrarch2/dictionaries/CAMEO.2.0.txt: PETRARCH2's CAMEO verb dictionary (MIT)
- goldstein/CAMEO.goldsteinscale.GDELT.txt and goldstein/CAMEO.goldstein.phoenix_pipeline.tsv
- plover/CAMEO2PLOVER-2021.txt: the CAMEO -> PLOVER map (CC BY-SA 4.0)

and writes, into ``--out``:

- codes.yaml: every CAMEO event code with label, root, PLOVER category, Goldstein value, QuadClass
- verbs.yaml: one entry per verb block of the dictionary: its code, surface forms and patterns
- LICENSE.md: what the files are derived from and under which terms

The output depends only on the input files: running it twice gives identical bytes.

How the verb dictionary is read (learnt from its header, PETRARCH's dictionary
documentation and the data itself):

- Synonym sets: ``&NAME`` then ``+MEMBER`` lines. Members are whole words; ``_``
  (or a space) joins the words of a phrase, which must be consecutive. Regular
  plurals are generated for members unless the member or the set name ends in
  ``_`` (that is what the trailing ``_`` means: "+KNIFE_" "+KNIVES_",
  "+ANALYSIS_" "+ANALYSES_", "+DIFFERENCE_OF_OPINION_"
  "+DIFFERENCES_OF_OPINION_" list the plural by hand). Nothing is a prefix or
  stem: PETRARCH matches complete words only, so no element here ends in ``*``.
  A set may hold another (``+&TIETYPES``): its members are expanded in place. A
  member in parentheses (``+(TO THE END)``) is its words, consecutive, no plural.
- Verb blocks: ``--- NAME [code] ---`` then member verbs ``VERB {FORMS} [code]``
  (``+A_B`` or ``A_+B`` for a multi-word verb: the ``+`` marks the word that is
  the verb, whose regular forms are made). ``{...}`` lists every inflected form
  (an empty ``{}`` means none); without it the regular forms are generated. A
  member's own code overrides the block code for that verb.
- Patterns: ``- <before> * <after> [code] # comment``. ``*`` is the verb, ``+``
  the target, ``$`` the source, ``^`` any other noun phrase (skipped), ``%`` a
  compound actor. PETRARCH2's format gives a pattern a phrase structure
  (its reader's notes: the words before ``*`` are the source's noun phrase, a
  bare word after it is the head of a noun phrase, ``(...)`` a prepositional
  phrase whose first word is the preposition, ``{...}`` a noun phrase whose last
  word is its head), and the words of a pattern are read in order with gaps
  allowed between its parts. The words are kept flat in ``before``/``after``
  and the phrases as spans over them (``before_phrases``/``after_phrases``);
  ``dyad.events.verbs`` says how each kind is matched. ``A_B`` inside a pattern
  is one element of consecutive words. ``&SET`` expands to the set's
  alternatives; ``A/B`` (a few patterns) is read as alternatives too. A pattern
  line that lost its ``-`` (``* (TO QUESTION) [110]``) is read as a pattern.
- Codes: ``[042:043]`` is a paired code (the second is the event for the
  reverse direction, target -> source: a visit is hosted); ``[:173]`` has only
  the reverse code; ``[---]`` is the null code; ``[080!]`` (one line) is read as 080.
- ``#`` starts a comment, and so does ``;`` (the legacy KEDS/TABARI rule).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

# The dictionary reader lives in the package: dyad also reads other dictionaries
# in this format at run time (a validation suite's own verbs file).
from dyad.events.verbdict import (  # noqa: F401  (inflections, plural: used by tests through this module)
    VerbDictionary,
    _plain_elements,
    inflections,
    lexicon_data,
    plural,
    read_verb_dictionary,
)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ANCHORS = ROOT.parent / "shared" / "anchors" / "eventdata"
DEFAULT_OUT = ROOT / "src" / "dyad" / "data" / "cameo"

VERB_DICT = "petrarch2/dictionaries/CAMEO.2.0.txt"
GDELT_GOLDSTEIN = "goldstein/CAMEO.goldsteinscale.GDELT.txt"
PHOENIX_GOLDSTEIN = "goldstein/CAMEO.goldstein.phoenix_pipeline.tsv"
PLOVER_MAP = "plover/CAMEO2PLOVER-2021.txt"

# ---------------------------------------------------------------------------
# Code tables


def read_goldstein(path: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("CAMEO"):
            continue
        code, value = line.split("\t")
        out[code.strip()] = float(value)
    return out


@dataclass
class PloverRow:
    category: str
    mode: str | None
    context: str | None
    comment: str | None
    line: int


def read_plover(path: Path) -> tuple[dict[str, PloverRow], list[str]]:
    rows: dict[str, PloverRow] = {}
    notes: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        m = re.match(r"^(\d{2,4}):\s*(.*)$", line)
        if not m:
            continue
        code, rest = m.group(1), m.group(2)
        rest, _, comment = rest.partition("#")
        cols = [c.strip() or None for c in rest.split(",")]
        cols += [None] * (3 - len(cols))
        row = PloverRow(cols[0], cols[1], cols[2], comment.strip() or None, number)
        if code in rows:
            if (rows[code].category, rows[code].mode, rows[code].context) != (row.category, row.mode, row.context):
                notes.append(f"{code} is mapped twice ({rows[code].category} at line {rows[code].line}, "
                             f"{row.category} at line {number}): the first is used")
            continue
        rows[code] = row
    return rows, notes


# Labels in our own words where the PLOVER comments have none (roots 01-20, the
# CAMEO 01 and 02 families PLOVER does not map) or need fixing (typos, notes).
LABELS = {
    "01": "Make a public statement", "010": "Make a statement", "011": "Decline to comment",
    "012": "Make a pessimistic comment", "013": "Make an optimistic comment", "014": "Consider a policy option",
    "015": "Acknowledge or claim responsibility", "016": "Deny responsibility", "017": "Engage in a symbolic act",
    "018": "Make an empathetic comment", "019": "Express agreement",
    "02": "Appeal", "020": "Make an appeal or request", "021": "Appeal for material cooperation",
    "0211": "Appeal for economic cooperation", "0212": "Appeal for military cooperation",
    "0213": "Appeal for judicial cooperation", "0214": "Appeal for intelligence sharing",
    "022": "Appeal for diplomatic cooperation or policy support", "023": "Appeal for aid",
    "0231": "Appeal for economic aid", "0232": "Appeal for military aid", "0233": "Appeal for humanitarian aid",
    "0234": "Appeal for military protection or peacekeeping", "024": "Appeal for political reform",
    "0241": "Appeal for a change in leadership", "0242": "Appeal for a policy change",
    "0243": "Appeal for rights", "0244": "Appeal for a change in institutions or regime",
    "025": "Appeal to yield", "0251": "Appeal to ease administrative sanctions",
    "0252": "Appeal to ease popular dissent", "0253": "Appeal to release persons or property",
    "0254": "Appeal to ease economic sanctions, boycott or embargo",
    "0255": "Appeal to allow international involvement", "0256": "Appeal to de-escalate military engagement",
    "026": "Appeal to others to meet or negotiate", "027": "Appeal to others to settle a dispute",
    "028": "Appeal to others to engage in or accept mediation",
    "03": "Express intent to cooperate", "04": "Consult", "05": "Engage in diplomatic cooperation",
    "06": "Engage in material cooperation", "07": "Provide aid", "08": "Yield", "09": "Investigate",
    "10": "Demand", "11": "Disapprove", "12": "Reject", "13": "Threaten", "14": "Protest",
    "15": "Exhibit military or police posture", "16": "Reduce relations", "17": "Coerce", "18": "Assault",
    "19": "Fight", "20": "Use unconventional mass violence",
    # fixes of the PLOVER comments
    "055": "Apologize", "100": "Make a demand", "1051": "Demand easing of administrative sanctions",
    "1444": "Obstruct passage to demand change in institutions, regime", "0813": "Ease curfew",
    "175": "Use violent repression",
    # codes found in one source only, whose meaning no source documents
    "0110": "Decline to comment (variant code, Phoenix table only)",
    "0357": "Express intent to yield (undocumented subcode, Phoenix table only)",
    "109": "Demand (undocumented subcode, Phoenix table only)",
    "1213": "Reject judicial cooperation",
    "1214": "Reject intelligence cooperation",
    "1641": "Halt negotiations (undocumented subcode, Phoenix table only)",
    "1642": "Halt negotiations (undocumented subcode, Phoenix table only)",
    "1643": "Halt negotiations (undocumented subcode, Phoenix table only)",
    "176": "Attack cybernetically, hack (extension used by the CAMEO 2.0 verb dictionary)",
    "1952": "Employ aerial weapons: drone strike (extension used by the CAMEO 2.0 verb dictionary)",
}


def quad_class(root: str) -> int:
    """GDELT's QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


def build_codes(anchors: Path, verbs: VerbDictionary) -> tuple[dict[str, dict], list[str], tuple[int, int]]:
    gdelt = read_goldstein(anchors / GDELT_GOLDSTEIN)
    phoenix = read_goldstein(anchors / PHOENIX_GOLDSTEIN)
    plover, notes = read_plover(anchors / PLOVER_MAP)
    in_verbs: set[str] = set()
    for block in verbs.blocks:
        in_verbs.update(c for c in (block.code, block.code2) if c)
        for m in block.members:
            in_verbs.update(c for c in (m.code, m.code2) if c)
        for p in block.patterns:
            in_verbs.update(c for c in (p.code, p.code2) if c)
    codes = sorted(set(gdelt) | set(phoenix) | set(plover) | in_verbs)
    roots = {c[:2] for c in codes}
    codes = sorted(set(codes) | roots)
    out: dict[str, dict] = {}
    for code in codes:
        row = plover.get(code)
        label = LABELS.get(code) or (row.comment if row else None)
        if label is None:
            raise SystemExit(f"no label for CAMEO code {code}: add one to LABELS")
        entry: dict = {"label": label, "root": code[:2]}
        entry["plover"] = row.category if row else None
        entry["plover_mode"] = row.mode if row else None
        entry["plover_context"] = row.context if row else None
        if code in gdelt:
            entry["goldstein"] = gdelt[code]
            if code in phoenix and phoenix[code] != gdelt[code]:
                entry["goldstein_alt"] = phoenix[code]
        elif code in phoenix:
            entry["goldstein"] = phoenix[code]
            entry["goldstein_source"] = "phoenix"
        else:
            entry["goldstein"] = None
        entry["quad_class"] = quad_class(code[:2])
        entry["sources"] = [name for name, table in (("cameo2-verbs", in_verbs), ("gdelt", gdelt),
                                                     ("phoenix", phoenix), ("plover", plover)) if code in table]
        out[code] = entry
    return out, notes, (len(gdelt), len(phoenix))


# ---------------------------------------------------------------------------
# YAML writing: our own small emitter, so the layout is stable and readable
# (one line per code / pattern, synonym sets as anchors). Checked by reading
# the result back with PyYAML and comparing.

_PLAIN = re.compile(r"[a-z][a-z0-9-]*(?: [a-z0-9][a-z0-9-]*)*")
_RESERVED = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def scalar(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if _PLAIN.fullmatch(value) and value not in _RESERVED:
        return value
    return json.dumps(value)


class Emitter:
    def __init__(self, sets: dict[str, list[str]]) -> None:
        self.sets = sets
        self.anchored: set[str] = set()

    def element(self, el) -> str:
        if isinstance(el, tuple):  # ("set", NAME)
            name = el[1]
            anchor = name.lower()
            if name in self.anchored:
                return "*" + anchor
            self.anchored.add(name)
            return f"&{anchor} " + self.seq(self.sets[name])
        if isinstance(el, list):
            return self.seq(el)
        return scalar(el)

    def seq(self, items) -> str:
        return "[" + ", ".join(self.element(i) for i in items) + "]"

    def mapping(self, pairs) -> str:
        return "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"


def write_verbs(verbs: VerbDictionary, source_sha: str) -> tuple[str, dict]:
    em = Emitter(verbs.sets)
    st = verbs.stats
    n_patterns = sum(len(b.patterns) for b in verbs.blocks)
    n_forms = sum(len({f for m in b.members for f in m.forms}) for b in verbs.blocks)
    n_distinct = len({f for b in verbs.blocks for m in b.members for f in m.forms})
    unused = [s for s in verbs.set_order if s not in verbs.used_sets]
    head = [
        "# Derived from PETRARCH2's CAMEO 2.0 verb dictionary (MIT, Open Event Data Alliance); "
        "built by scripts/build_cameo_data.py.",
        f"# Source: {VERB_DICT} (sha256 {source_sha}). Do not edit by hand: change the script and rebuild.",
        "#",
        "# One entry per verb block, keyed by the block's name:",
        "#   code / code2   the block's default code for an isolated verb (null: no event); code2 is the paired",
        "#                  code for the reverse direction (target -> source), as in VISIT 042:043",
        "#   forms          every surface form of the member verbs, lower case (multi-word verbs joined by spaces)",
        "#   member_codes   members whose own code overrides the block's, with their forms",
        "#   patterns       {code, code2, before, after, before_phrases, after_phrases, line, text}: words",
        "#                  before the verb (the subject's phrase) and after it, in order; a list is a set of",
        "#                  alternatives (a synonym set, with regular plurals generated), a string with spaces",
        "#                  consecutive words (A_B, a phrase in a set); \"+\" target, \"$\" source, \"^\" any other",
        '#                  noun phrase, "%" compound actor; every word is a whole, exact word (CAMEO 2.0 has',
        "#                  no stems). *_phrases: [kind, start, end] spans of those words that the dictionary",
        "#                  groups: pp (...) a prepositional phrase (its preposition first), np {...} a noun",
        "#                  phrase (its head last). text: the pattern as written; line: its line in the source.",
        "#                  code null: the verb in this context codes nothing (a [---] exception to the block's",
        "#                  default) or only the reverse event in code2 ([:xxx]).",
        "# Synonym sets are YAML anchors (&military ... *military), defined where first used.",
        "#",
        f"# Counts: {len(verbs.blocks)} verb blocks, {n_forms} surface forms ({n_distinct} distinct), "
        f"{n_patterns} patterns kept of "
        f"{st['pattern_lines']} pattern lines;",
        f"#   {st['null_patterns_dropped']} null-code [---] patterns dropped (in blocks whose default is null too);",
        f"#   {st['null_patterns_kept']} null-code patterns kept as exceptions to a block's default code;",
        f"#   {st['reverse_only_patterns']} patterns with only a reverse code [:xxx];",
        f"#   {st['duplicate_patterns']} exact duplicate patterns merged (first line kept);",
        f"#   {len(verbs.sets)} synonym sets ({len(verbs.used_sets)} used; unused: "
        f"{', '.join('&' + s for s in unused) or 'none'});",
        f"#   {st['transformations']} TRANSFORMATIONS skipped ({st['transformations_commented']} more commented out);",
        f"#   repaired: {st['repaired_star']} verb markers glued to a word (*SCEPTICAL, *_LAWS), "
        f"{st['slash_alternatives']} A/B alternatives, {st['bang_codes']} code with a stray '!', "
        f"{st['legacy_comments']} ';' comments, {st['repaired_dash']} patterns without their '-'.",
        f"# Lines not used ({len(verbs.problems)}):",
    ]
    for p in verbs.problems:
        head.append(f"#   line {p.line}: {p.reason}: {p.text}")
    body: list[str] = []
    data: dict = {}
    for block in verbs.blocks:
        forms = list(dict.fromkeys(f for m in block.members for f in m.forms))
        body.append(f"{block.name}:")
        body.append(f"  code: {scalar(block.code)}")
        entry: dict = {"code": block.code}
        if block.code2:
            body.append(f"  code2: {scalar(block.code2)}")
            entry["code2"] = block.code2
        body.append(f"  forms: {em.seq(forms)}")
        entry["forms"] = forms
        coded = [m for m in block.members if m.has_code and (m.code, m.code2) != (block.code, block.code2)]
        if coded:
            body.append("  member_codes:")
            entry["member_codes"] = []
            for m in coded:
                pairs = [("code", scalar(m.code))]
                item: dict = {"code": m.code}
                if m.code2:
                    pairs.append(("code2", scalar(m.code2)))
                    item["code2"] = m.code2
                pairs.append(("forms", em.seq(m.forms)))
                item["forms"] = m.forms
                body.append(f"    - {em.mapping(pairs)}")
                entry["member_codes"].append(item)
        entry["patterns"] = []
        if not block.patterns:
            body.append("  patterns: []")
        else:
            body.append("  patterns:")
        for p in block.patterns:
            pairs = [("code", scalar(p.code))]
            item = {"code": p.code}
            if p.code2:
                pairs.append(("code2", scalar(p.code2)))
                item["code2"] = p.code2
            if p.before:
                pairs.append(("before", em.seq(p.before)))
                item["before"] = _plain_elements(p.before, verbs.sets)
            if p.after:
                pairs.append(("after", em.seq(p.after)))
                item["after"] = _plain_elements(p.after, verbs.sets)
            for side in ("before_phrases", "after_phrases"):
                spans = getattr(p, side)
                if spans:
                    pairs.append((side, "[" + ", ".join(em.seq(span) for span in spans) + "]"))
                    item[side] = [list(span) for span in spans]
            pairs += [("line", scalar(p.line)), ("text", json.dumps(p.text))]
            item["line"] = p.line
            item["text"] = p.text
            body.append(f"    - {em.mapping(pairs)}")
            entry["patterns"].append(item)
        data[block.name] = entry
    return "\n".join(head + body) + "\n", data


def write_codes(codes: dict[str, dict], notes: list[str], table_sizes: tuple[int, int]) -> str:
    differ = [c for c, e in codes.items() if "goldstein_alt" in e]
    lines = [
        "# CAMEO event codes: every code in the CAMEO 2.0 verb dictionary of PETRARCH2, the GDELT and Phoenix",
        "# Goldstein tables and the CAMEO -> PLOVER map (their union). Built by scripts/build_cameo_data.py;",
        "# do not edit by hand. See LICENSE.md beside this file.",
        "#",
        "# label         short English description (PLOVER map comments; our own words for the rest)",
        "# root          the first two digits",
        "# plover        PLOVER category from CAMEO2PLOVER-2021 (CC BY-SA 4.0); null where PLOVER has none:",
        "#               PLOVER does not code CAMEO 01 (statements) and 02 (appeals) at all",
        "# plover_mode   PLOVER's second column (mode), plover_context its third (context), if any",
        "# goldstein     Goldstein conflict-cooperation score, -10 .. +10, from GDELT's CAMEO table. Chosen over",
        "#               the Phoenix table because GDELT is the scale analysts know and compare against, it covers",
        f"#               more codes ({table_sizes[0]} vs {table_sizes[1]}), and where the two disagree "
        f"({', '.join(differ)})",
        "#               GDELT's values fit their neighbours (124/1246 = -4.0 like the rest of 12x; 016 'deny",
        "#               responsibility' negative) while Phoenix's 163/165/166 look shifted by one row.",
        "#               goldstein_alt is the Phoenix value where it differs; goldstein_source: phoenix where",
        "#               only Phoenix has the code. null: no table has it (dyad uses the parent code's value).",
        "# quad_class    GDELT's QuadClass from the root: 1 verbal cooperation (01-05), 2 material cooperation",
        "#               (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20). Not Phoenix's 0-4",
        "#               scheme (phoenix_quadclass.tsv: 0 = 01-02, 1 = 03-05, ..., 16 counted as verbal",
        "#               conflict): GDELT's is the one analysts know.",
        "# sources       which inputs list the code (cameo2-verbs, gdelt, phoenix, plover)",
    ]
    if notes:
        lines.append("#")
        lines.extend(f"# PLOVER map: {n}" for n in notes)
    for code, e in codes.items():
        pairs = [("label", json.dumps(e["label"])), ("root", json.dumps(e["root"]))]
        for key in ("plover", "plover_mode", "plover_context", "goldstein", "goldstein_alt", "goldstein_source",
                    "quad_class"):
            if key in e:
                pairs.append((key, scalar(e[key]) if key != "plover_context" or e[key] is None
                              else json.dumps(e[key])))
        pairs.append(("sources", "[" + ", ".join(e["sources"]) + "]"))
        lines.append(f"{json.dumps(code)}: " + "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}")
    return "\n".join(lines) + "\n"


LICENSE_TEXT = """\
# Licences of the CAMEO data files

The files in this folder are generated by `scripts/build_cameo_data.py` from open
event-data resources (copies and provenance in `../shared/anchors/eventdata/`).
They are data derived from those works and keep their terms:

- `verbs.yaml` is derived from the CAMEO 2.0 verb dictionary of PETRARCH2
  (`CAMEO.2.0.txt`), Copyright (c) 2015 Open Event Data Alliance, released under
  the MIT License (the petrarch2 repository's own LICENSE file reads
  "Copyright (c) 2014 Open Event Data"). Its patterns were built from the
  earlier TABARI/CAMEO dictionaries, whose development was funded by the U.S.
  National Science Foundation. The MIT License asks that the copyright notice
  and the permission notice travel with copies: they are reproduced below.
- The `plover`, `plover_mode` and `plover_context` fields and most labels of
  `codes.yaml` come from the CAMEO to PLOVER conversion table of the PLOVER
  project (Open Event Data Alliance; Philip Schrodt, editor), licensed under
  Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0). Those fields are
  an adaptation shared under the same licence:
  https://creativecommons.org/licenses/by-sa/4.0/
- The `goldstein` values are the Goldstein (1992) conflict-cooperation scale as
  published for CAMEO in GDELT's public lookup table; `goldstein_alt` values
  come from the table in the Phoenix pipeline (openeventdata/phoenix_pipeline,
  also MIT-licensed). They are reproduced as published.
- The QuadClass grouping follows GDELT's public codebook. Labels not taken from
  PLOVER are our own short descriptions of the CAMEO categories.

## The MIT License, as in the header of CAMEO.2.0.txt

Copyright (c) 2015 Open Event Data Alliance

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
the Software, and to permit persons to whom the Software is furnished to do so,
subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def build(anchors: Path, out: Path, *, quiet: bool = False) -> dict[str, int]:
    source = anchors / VERB_DICT
    for rel in (VERB_DICT, GDELT_GOLDSTEIN, PHOENIX_GOLDSTEIN, PLOVER_MAP):
        if not (anchors / rel).is_file():
            raise SystemExit(f"missing input {anchors / rel}: pass --anchors <shared/anchors/eventdata>")
    sha = hashlib.sha256(source.read_bytes()).hexdigest()
    verbs = read_verb_dictionary(source)
    verbs_text, verbs_data = write_verbs(verbs, sha)
    codes, notes, table_sizes = build_codes(anchors, verbs)
    codes_text = write_codes(codes, notes, table_sizes)

    import yaml  # only to check what we wrote reads back as intended

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    if yaml.load(verbs_text, Loader=loader) != verbs_data:
        raise SystemExit("internal error: verbs.yaml does not read back as written")
    if lexicon_data(verbs) != verbs_data:
        raise SystemExit("internal error: the run-time reader (dyad.events.verbdict) reads the dictionary otherwise")
    if yaml.load(codes_text, Loader=loader) != codes:
        raise SystemExit("internal error: codes.yaml does not read back as written")

    out.mkdir(parents=True, exist_ok=True)
    (out / "verbs.yaml").write_text(verbs_text, encoding="utf-8")
    (out / "codes.yaml").write_text(codes_text, encoding="utf-8")
    (out / "LICENSE.md").write_text(LICENSE_TEXT, encoding="utf-8")
    counts = {
        "codes": len(codes),
        "verb_blocks": len(verbs.blocks),
        "forms": sum(len({f for m in b.members for f in m.forms}) for b in verbs.blocks),
        "patterns": sum(len(b.patterns) for b in verbs.blocks),
        "pattern_lines": verbs.stats["pattern_lines"],
        "unparsed": len(verbs.problems),
        "transformations": verbs.stats["transformations"],
    }
    if not quiet:
        st = verbs.stats
        print(f"codes.yaml: {counts['codes']} codes", file=sys.stderr)
        print(f"verbs.yaml: {counts['verb_blocks']} verb blocks, {counts['forms']} forms, {counts['patterns']} "
              f"patterns from {st['pattern_lines']} pattern lines ({st['null_patterns_dropped']} null dropped, "
              f"{st['null_patterns_kept']} null kept as exceptions, {st['duplicate_patterns']} duplicates merged); "
              f"{st['transformations']} transformations skipped", file=sys.stderr)
        print(f"lines not used: {len(verbs.problems)}", file=sys.stderr)
        for p in verbs.problems:
            print(f"  line {p.line}: {p.reason}: {p.text}", file=sys.stderr)
        for n in notes:
            print(f"PLOVER map: {n}", file=sys.stderr)
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--anchors", type=Path, default=DEFAULT_ANCHORS,
                        help="the eventdata anchors folder (default: ../shared/anchors/eventdata)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write (default: dyad's package data)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing")
    args = parser.parse_args(argv)
    build(args.anchors, args.out, quiet=args.quiet)


if __name__ == "__main__":
    main()
