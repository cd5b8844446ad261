"""From the paths a user names to the list of inputs to read.

Paths may be files, folders (walked recursively), glob patterns or ``-`` for
standard input. A ``manifest.csv`` in a folder gives metadata (outlet, url,
published, title) for the files of that folder; its rows name files relative to it.
"""

from __future__ import annotations

import csv
import glob
import io
import os
from dataclasses import dataclass
from pathlib import Path

from .decoding import decode
from .metadata import canonical_key, pick_fields
from .problems import Problem, SkipInput
from .readers import FORMATS, format_for

MANIFEST = "manifest.csv"
STDIN = "-"
_GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class Input:
    display: str  # how messages name it
    path: Path | None  # None: standard input
    format: str | None  # None: sniff from the content
    manifest: dict[str, str] | None = None
    manifest_source: str | None = None  # "manifest.csv row 3"


class Manifests:
    """Reads each folder's manifest once and answers for the files in it."""

    def __init__(self) -> None:
        self._by_dir: dict[Path, dict[Path, tuple[dict[str, str], str]]] = {}
        self.problems: list[Problem] = []
        self._checked: set[Path] = set()

    def _load(self, folder: Path) -> dict[Path, tuple[dict[str, str], str]]:
        folder = folder.resolve()
        if folder in self._by_dir:
            return self._by_dir[folder]
        rows: dict[Path, tuple[dict[str, str], str]] = {}
        self._by_dir[folder] = rows
        path = folder / MANIFEST
        if not path.is_file():
            return rows
        display = _display(path)
        try:
            text = decode(path.read_bytes()).text
        except (OSError, SkipInput) as err:
            self.problems.append(Problem(display, f"manifest not readable ({err}); ignored", "warning"))
            return rows
        reader = csv.DictReader(io.StringIO(text, newline=""))
        columns = {canonical_key(c): c for c in reader.fieldnames or [] if c}
        if "file" not in columns:
            self.problems.append(Problem(display, "manifest has no 'file' column; ignored", "warning"))
            return rows
        for row in reader:
            name = (row.get(columns["file"]) or "").strip()
            where = f"{display} row {reader.line_num}"
            if not name:
                self.problems.append(Problem(where, "row has no file name; ignored", "warning"))
                continue
            meta = {k: v.strip() for k, v in pick_fields(row).items() if isinstance(v, str) and v.strip()}
            rows[(folder / name).resolve()] = (meta, where)
        return rows

    def for_file(self, path: Path) -> tuple[dict[str, str], str] | None:
        return self._load(path.parent).get(path.resolve())

    def check_folder(self, folder: Path) -> None:
        """Report rows naming files that are not there (once per folder)."""
        folder = folder.resolve()
        if folder in self._checked:
            return
        self._checked.add(folder)
        for file, (_meta, where) in self._load(folder).items():
            if not file.exists():
                self.problems.append(Problem(where, f"names '{file.name}', which does not exist"))


def _display(path: Path) -> str:
    return os.path.normpath(str(path))


def _walk(folder: Path) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.lower() == MANIFEST:
                continue
            path = Path(root) / name
            if format_for(path):
                found.append(path)
    return found


def discover(args: list[str]) -> tuple[list[Input], list[Problem]]:
    """Expand user paths into inputs, with a problem for each that yields nothing."""
    manifests = Manifests()
    problems: list[Problem] = []
    files: list[Path] = []
    inputs: list[Input] = []
    for arg in args:
        if arg == STDIN:
            inputs.append(Input("<stdin>", None, None))
            continue
        path = Path(arg)
        if path.is_dir():
            found = _walk(path)
            if not found:
                endings = ", ".join(sorted(FORMATS))
                problems.append(
                    Problem(_display(path), f"no supported files in this folder (looked for {endings})")
                )
            for folder in sorted({p.parent for p in found} | {path}):
                manifests.check_folder(folder)
            files.extend(found)
        elif path.exists():
            files.append(path)
        elif _GLOB_CHARS & set(arg):
            matches = sorted(Path(p) for p in glob.glob(arg, recursive=True))
            matches = [p for p in matches if p.is_file() and p.name.lower() != MANIFEST]
            if not matches:
                problems.append(Problem(arg, "no files match this pattern"))
            files.extend(matches)
        else:
            problems.append(Problem(arg, "no such file or folder"))
    seen: set[Path] = set()
    for path in files:
        key = path.resolve()
        if key in seen:
            continue
        seen.add(key)
        entry = manifests.for_file(path)
        meta, source = entry if entry else (None, None)
        inputs.append(Input(_display(path), path, format_for(path), meta, source))
    return inputs, problems + manifests.problems
