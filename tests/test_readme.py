"""Every code block of the README runs (issue 13: its export snippet used to fail).

* ``python`` blocks run in order, in one namespace, in a folder holding a copy
  of ``samples/`` (they name ``samples/corpus`` and write ``news.db`` there);
* ``console`` blocks: every ``$ eventwatch …`` line runs through the CLI from
  the project root (the seed is at ``../shared``), with the store and output
  files in a temporary folder; each must exit 0, and the first word of the
  output the README shows under it must appear in the real output;
* the ``bash`` set-up block is what CI runs (``test_cli`` checks ``.ci/run``).
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwatch.cli import main

from .conftest import ROOT, SEED, need_shared

README = ROOT / "README.md"
_BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _blocks(kind: str) -> list[str]:
    return [body for lang, body in _BLOCK.findall(README.read_text("utf-8")) if lang == kind]


def _commands(block: str) -> list[tuple[str, list[str]]]:
    """``(command line, the output lines shown under it)`` for each ``$`` line."""
    found: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            found.append((line[2:], []))
        elif found:
            found[-1][1].append(line)
    return found


def test_the_readme_has_python_and_console_blocks() -> None:
    assert len(_blocks("python")) == 2
    assert len(_blocks("console")) >= 2
    assert "eventwatch.export(" in "".join(_blocks("python"))


@pytest.mark.slow
def test_python_blocks_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("EVENTWATCH_CONFIG", str(tmp_path / "quiet.toml"))
    (tmp_path / "quiet.toml").write_text('progress = "never"\n')
    namespace: dict[str, object] = {"__name__": "readme"}
    for block in _blocks("python"):
        exec(compile(block, str(README), "exec"), namespace)
    import eventwatch

    assert callable(eventwatch.export)  # the function, not the module, after it ran
    assert (tmp_path / "events.tsv").stat().st_size > 0
    first = (tmp_path / "events.tsv").read_text("utf-8").splitlines()[0]
    assert len(first.split("\t")) == 61 and not first.startswith("GLOBALEVENTID")


@pytest.mark.slow
@pytest.mark.shared
def test_console_blocks_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    need_shared(SEED)
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("EVENTWATCH_CONFIG", str(tmp_path / "quiet.toml"))
    (tmp_path / "quiet.toml").write_text('progress = "never"\n')
    ran = 0
    for block in _blocks("console"):
        for command, shown in _commands(block):
            words = shlex.split(command, comments=True)
            assert words[0] == "eventwatch", command
            args = [
                str(tmp_path / word) if word in ("seed.db", "events.tsv") else word
                for word in words[1:]
            ]
            result = CliRunner().invoke(main, args, catch_exceptions=False)
            assert result.exit_code == 0, (command, result.stderr)
            expected = next((line.split()[0] for line in shown if line.strip()), None)
            if expected and expected not in ("…", "{"):
                assert expected in result.stdout, (command, expected, result.stdout[:500])
            ran += 1
    assert ran >= 8
    assert (tmp_path / "events.tsv").exists()
