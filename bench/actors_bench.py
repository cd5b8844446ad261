"""Cost of actor recognition per article, one core.

Times dyad's resolver alone on the bundled example corpus (and the shared
seeds when present): registry and gazetteer load once, then every article
resolved many times over. Also measures the same with the Phoenix actor
dictionaries imported (about 25,000 more entries), when ../shared has them.
Writes bench/results/actors.json and the "Actor recognition" section of
bench/RESULTS.md.

    python bench/actors_bench.py [--rounds 30]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"


def articles() -> list[tuple[str, str | None]]:
    from dyad.metadata import split_header
    from dyad.normalize import clean_text

    found = []
    folders = [ROOT / "examples" / "corpus", SHARED / "corpus" / "seeds"]
    for folder in folders:
        for path in sorted(folder.glob("*.txt")) + sorted(folder.glob("*.md")):
            found.append((clean_text(split_header(path.read_text(encoding="utf-8"))[1]), "2023-01-01"))
    return found


def time_resolver(model, docs, rounds: int) -> dict:
    from dyad.actors.resolve import resolve
    from dyad.dates import parse_date
    from dyad.sentences import split_sentences

    prepared = [(t, split_sentences(t), parse_date(d)) for t, d in docs]
    mentions = sum(len(resolve(t, s, d, model.registry, model.gazetteer).mentions) for t, s, d in prepared)
    start = time.perf_counter()
    for _ in range(rounds):
        for t, s, d in prepared:
            resolve(t, s, d, model.registry, model.gazetteer)
    elapsed = time.perf_counter() - start
    n = rounds * len(prepared)
    chars = sum(len(t) for t, _, _ in prepared) * rounds
    return {"articles": len(prepared), "ms_per_article": round(elapsed / n * 1000, 2),
            "articles_per_second": round(n / elapsed, 1), "kchars_per_second": round(chars / elapsed / 1000, 1),
            "mentions_per_article": round(mentions / len(prepared), 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from dyad.actors.gazetteer import Gazetteer
    from dyad.actors.phoenix import import_dictionary
    from dyad.actors.pipeline import ActorModel
    from dyad.actors.registry import Registry

    start = time.perf_counter()
    registry = Registry.load(with_env=False)
    model = ActorModel(registry, Gazetteer(registry))
    load = time.perf_counter() - start
    docs = articles()
    result = {"benchmark": "actors", "registry_actors": len(registry.actors),
              "load_seconds": round(load, 3), "shipped": time_resolver(model, docs, args.rounds)}
    dictionaries = SHARED / "anchors" / "eventdata" / "petrarch2" / "dictionaries"
    if dictionaries.is_dir():
        entries = []
        for name in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                     "Phoenix.MilNonState.actors.txt"):
            entries += import_dictionary(dictionaries / name).entries
        start = time.perf_counter()
        big = Registry.load(entries=entries, with_env=False)
        big_model = ActorModel(big, Gazetteer(big))
        result["with_phoenix"] = {"registry_actors": len(big.actors),
                                  "load_seconds": round(time.perf_counter() - start, 3),
                                  **time_resolver(big_model, docs, max(1, args.rounds // 3))}
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "actors.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    if not args.no_record:
        from results import record_section

        s = result["shipped"]
        rows = [f"| shipped registry ({result['registry_actors']:,} actors) | {result['load_seconds']} s | "
                f"{s['ms_per_article']} ms | {s['articles_per_second']} | {s['mentions_per_article']} |"]
        if "with_phoenix" in result:
            p = result["with_phoenix"]
            rows.append(f"| + Phoenix dictionaries ({p['registry_actors']:,} actors) | {p['load_seconds']} s | "
                        f"{p['ms_per_article']} ms | {p['articles_per_second']} | {p['mentions_per_article']} |")
        record_section("Actor recognition (bench/actors_bench.py)", (
            f"Resolver alone on {s['articles']} articles (example corpus and seeds), one core.\n\n"
            "| registry | load | per article | articles/s | mentions/article |\n|---|---|---|---|---|\n"
            + "\n".join(rows)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
