"""Build dyad's word lists from the UD and UNER English-EWT treebanks.

    python scripts/build_lexicons.py [--data ../shared/nlp]

Writes src/dyad/data/lexicon/common_words.txt (words used more often as common
words than as proper nouns: a capitalised "Rice" opening a sentence is the
grain until something says otherwise) and given_names.txt (first tokens of
multi-word person names). Both are derived from CC BY-SA 4.0 data; their
headers say so. Re-running on the same data gives the same files.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "dyad" / "data" / "lexicon"
HEADER = (
    "# {what}\n"
    "# Built by scripts/build_lexicons.py from UD English-EWT and UNER English-EWT\n"
    "# (CC BY-SA 4.0; see ../shared/nlp/PROVENANCE.txt). This list is a derived work\n"
    "# under the same licence. One lower-case entry per line.\n"
)


def conllu_words(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        yield cols[1], cols[3]


def common_words(data: Path) -> list[str]:
    as_common: Counter[str] = Counter()
    as_proper: Counter[str] = Counter()
    for name in ("en_ewt-ud-train.conllu", "en_ewt-ud-dev.conllu"):
        for form, upos in conllu_words(data / "ud_ewt" / name):
            if not form.isalpha():
                continue
            (as_proper if upos == "PROPN" else as_common)[form.lower()] += 1
    return sorted(w for w, n in as_common.items() if n >= 2 and n > as_proper[w])


def given_names(data: Path) -> list[str]:
    names: Counter[str] = Counter()
    for path in sorted((data / "uner_ewt").glob("*.iob2")):
        tokens: list[tuple[str, str]] = []
        for line in path.read_text(encoding="utf-8").splitlines() + [""]:
            if line.startswith("#"):
                continue
            if not line.strip():
                names.update(_first_names(tokens))
                tokens = []
                continue
            cols = line.split("\t")
            tokens.append((cols[1], cols[2]))
    return sorted(n for n, c in names.items() if c >= 1)


def _first_names(tokens: list[tuple[str, str]]):
    for i, (form, label) in enumerate(tokens):
        following = tokens[i + 1][1] if i + 1 < len(tokens) else "O"
        if label == "B-PER" and following == "I-PER" and form[:1].isupper() and form.isalpha() and len(form) > 1:
            yield form.lower()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "nlp")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    common = common_words(args.data)
    (OUT / "common_words.txt").write_text(
        HEADER.format(what="Words more often common than proper in English web text.") + "\n".join(common) + "\n")
    given = given_names(args.data)
    (OUT / "given_names.txt").write_text(
        HEADER.format(what="Given names: first tokens of multi-word person names.") + "\n".join(given) + "\n")
    print(f"{len(common)} common words, {len(given)} given names -> {OUT}")


if __name__ == "__main__":
    main()
