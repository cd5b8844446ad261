"""The docs keep up with the code: every command is in the guide, and the
README's two commands are the ones the Makefile and CI run."""

import re

from conftest import ROOT
from dyad.cli import cli


def test_every_command_is_in_the_guide():
    guide = (ROOT / "docs" / "guide.md").read_text()
    names = set(cli.commands)
    names.discard("actors")
    missing = [name for name in sorted(names) if f"dyad {name}" not in guide]
    assert not missing, f"commands missing from docs/guide.md: {missing}"
    assert "dyad actors import" in guide


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme
    assert re.search(r"^make test$", (ROOT / ".ci" / "run").read_text(), re.M)
    makefile = (ROOT / "Makefile").read_text()
    assert "demo:" in makefile and "test:" in makefile
