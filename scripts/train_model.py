#!/usr/bin/env python3
"""Train, evaluate and package dyad's English spaCy pipeline.

    python scripts/train_model.py --data ../shared/nlp --out src/dyad/models/en_dyad \\
        [--max-minutes 40] [--max-steps N] [--seed 0]

For single-core figures run it under `taskset -c 1`. The work lives in
dyad.nlp.training; this file only parses arguments and writes the reports.
"""

import os

# BLAS reads these once, when numpy is first imported; more threads than the
# one core we are pinned to only add contention.
for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import importlib.util  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

TRAINING_MODULE = Path(__file__).resolve().parents[1] / "src" / "dyad" / "nlp" / "training.py"


def load_training_module():
    """dyad.nlp.training, loaded from its file next to this script.

    Importing it as dyad.nlp.training would run dyad/__init__.py and pull in
    the whole application's dependencies; training needs only spaCy, so the
    training venv can stay that small.
    """
    spec = importlib.util.spec_from_file_location("dyad_nlp_training", TRAINING_MODULE)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


training = load_training_module()

def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="dir with ud_ewt/ and uner_ewt/")
    parser.add_argument("--out", type=Path, required=True, help="model dir to (re)write")
    parser.add_argument("--max-minutes", type=float, default=40.0)
    parser.add_argument(
        "--max-steps",
        type=int,
        default=training.SHIPPED_MODEL_STEPS,
        help="0 = only the time limit (default: the shipped model's step count)",
    )
    parser.add_argument("--seed", type=int, default=0)
    defaults = training.TrainSettings()
    parser.add_argument("--dropout", type=float, default=defaults.dropout)
    parser.add_argument("--width", type=int, default=defaults.width)
    parser.add_argument("--depth", type=int, default=defaults.depth)
    parser.add_argument(
        "--rows",
        type=int,
        nargs=4,
        default=list(defaults.embed_rows),
        metavar=("NORM", "PREFIX", "SUFFIX", "SHAPE"),
        help="hash-embedding rows per feature",
    )
    parser.add_argument("--parser-hidden", type=int, default=defaults.parser_hidden)
    parser.add_argument("--ner-hidden", type=int, default=defaults.ner_hidden)
    parser.add_argument("--eval-frequency", type=int, default=defaults.eval_frequency)
    parser.add_argument("--limit", type=int, default=None, help="sentences per split (smoke runs)")
    parser.add_argument("--work", type=Path, default=None, help="keep DocBins and config here")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    settings = training.TrainSettings(
        width=args.width,
        depth=args.depth,
        embed_rows=tuple(args.rows),
        parser_hidden=args.parser_hidden,
        ner_hidden=args.ner_hidden,
        dropout=args.dropout,
        eval_frequency=args.eval_frequency,
    )
    report = training.build_model(
        args.data, args.out, max_minutes=args.max_minutes, max_steps=args.max_steps, seed=args.seed,
        settings=settings, limit=args.limit, work_dir=args.work, command=" ".join(["python", *sys.argv]),
        log=lambda line: print(line, flush=True),
    )
    test, speed = report["test"], report["speed"]
    print(
        f"test: POS {test['pos_acc']} UAS {test['uas']} LAS {test['las']} "
        f"NER F {test['ner']['ALL']['f']}; {speed['tokens_per_second']} tokens/s piped, "
        f"{speed['tokens_per_second_one_call_per_sentence']} one call per sentence; "
        f"{report['model_size_bytes'] / 1e6:.1f} MB"
    )


if __name__ == "__main__":
    main()
