"""The actor case table: every row well formed, and accuracy above its pinned floors."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from .conftest import load_eval_script

ROOT = Path(__file__).resolve().parents[1]


EVAL = load_eval_script("actors")
FLOORS = tomllib.loads((ROOT / "eval" / "floors.toml").read_text(encoding="utf-8"))["actors"]


def test_the_case_table_is_large_and_covers_every_category() -> None:
    cases = EVAL.read_cases()
    assert len(cases) >= 150
    assert len({case.case_id for case in cases}) == len(cases)
    categories = {case.category for case in cases}
    for needed in ("metonymy", "place", "unknown-person", "office-date", "coreference"):
        assert needed in categories


def test_a_malformed_case_row_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "cases.tsv"
    path.write_text(
        "case_id\tcategory\tpublished\ttext\tmention\tcountry\tsector\tactor\tnote\n"
        "a\tplace\t2013-04-16\tIn Seoul.\tTokyo\t-\t\t\t\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="row 2: mention 'Tokyo' is not in the text"):
        EVAL.read_cases(path)


@pytest.mark.slow
def test_actor_resolution_stays_above_its_floors() -> None:
    figures = EVAL.summarise(EVAL.evaluate(EVAL.read_cases()))
    missing = sorted(name for name in FLOORS if name not in figures)
    assert missing == [], f"floors with no measured figure (renamed?): {missing}"
    below = {
        name: (figures[name], floor) for name, floor in FLOORS.items() if figures[name] < floor
    }
    assert below == {}, f"below floor (measured, floor): {below}"
