"""Shared fixtures: the real CLI in a subprocess, real SQLite files in tmp_path,
and the shared seed corpus when it is there (a fresh clone has no ../shared)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "corpus" / "seeds").is_dir():
        pytest.skip("../shared is not present (fresh clone)")
    return SHARED


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "dyad.db"


class Result:
    def __init__(self, proc: subprocess.CompletedProcess) -> None:
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    @property
    def json(self):
        return json.loads(self.out)

    def __repr__(self) -> str:
        return f"<exit {self.code}\nstdout:\n{self.out}\nstderr:\n{self.err}>"


def run_dyad(*args: str | os.PathLike, stdin: bytes | None = None, cwd: Path | None = None,
             env: dict | None = None, text: bool = True) -> Result:
    full_env = {k: v for k, v in os.environ.items() if k != "DYAD_DB"}
    full_env.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "dyad", *map(str, args)],
        input=stdin if stdin is not None else b"",
        capture_output=True, cwd=cwd or ROOT, env=full_env, timeout=300,
    )
    proc.stdout = proc.stdout.decode("utf-8", "replace") if text else proc.stdout
    proc.stderr = proc.stderr.decode("utf-8", "replace")
    return Result(proc)


@pytest.fixture
def dyad():
    return run_dyad


_WORDS = tuple(
    "Tehran Moscow minister treaty talks sanctions trade corridor railway gas oil drone "
    "missile summit delegation parliament agreement ratified signed visited officials said "
    "cooperation defence energy bank rouble rial wheat port Caspian Astara Rasht envoy".split()
)


def synthetic_article(seed: int, sentences: int = 12) -> str:
    """A distinct English-looking article: unique shingles, so no two are near-copies."""
    rng = random.Random(seed)
    out = []
    for _ in range(sentences):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 16))]
        out.append(f"The {' '.join(words)} report {seed} number {rng.randint(0, 10**6)}.")
    return " ".join(out)
