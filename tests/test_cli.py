"""The command line, end to end, on real files and a real SQLite store."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from eventwatch.cli import Progress, count_documents, main

from .conftest import SAMPLES, need_shared

COMMANDS = [
    "extract",
    "ingest",
    "articles",
    "show",
    "stats",
    "config",
    "stages",
    "actors",
    "actor",
    "events",
    "quotes",
    "stance",
    "compare",
    "check",
    "export",
    "stories",
    "watch",
    "serve",
]


def cli(*args: str, input: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command under ``group``, subcommands included, as the words that call it."""
    found = []
    for name, command in sorted(group.commands.items()):
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found += _commands(command, (*prefix, name))
    return found


def test_the_command_list_is_the_click_group() -> None:
    assert {words[0] for words in _commands(main)} == set(COMMANDS)


@pytest.mark.parametrize("words", _commands(main), ids=" ".join)
def test_every_command_has_help(words: tuple[str, ...]) -> None:
    """Issue 14 item 14: each command of the click group states its help."""
    command: click.Command = main
    for word in words:
        assert isinstance(command, click.Group)
        command = command.commands[word]
    assert command.help and len(command.help.split()) >= 4, f"{words}: no help text"
    code, out, _ = cli(*words, "--help")
    assert code == 0
    assert "Usage:" in out and command.help.split()[0] in out


def test_the_group_has_help() -> None:
    assert main.help
    code, out, _ = cli("--help")
    assert code == 0 and "Usage:" in out


def test_extract_only_article_on_the_seed_prints_the_record() -> None:
    seed = need_shared(Path(__file__).resolve().parents[2] / "shared" / "data" / "seed")
    code, out, err = cli("extract", "--only", "article", str(seed))
    assert code == 0, err
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["id"] == "000_c91db61947cea963"
    assert record["title"] == "Kerry's Soft Touch on North Korea"
    assert record["published"] == "2013-04-16"
    assert record["genre"] == "opinion"
    assert record["first_published_in"] == "The Wall Street Journal"
    assert record["authors"][0]["name"] == "Bruce Klingner"
    assert record["text"].startswith("When John Kerry was selected")
    assert record["sentences"] == [] and record["actors"] == []


def test_extract_formats_and_output_file(tmp_path: Path) -> None:
    corpus = str(SAMPLES / "corpus")
    code, out, _ = cli("extract", "--only", "article", "--format", "json", corpus)
    assert code == 0
    ids = [r["id"] for r in json.loads(out)]
    assert ids == [
        "river-accord",
        "wire-001",
        "wire-002",
        "wire-003",
        "grain-corridor-oped",
        "harbor-talks",
    ]
    code, out, _ = cli("extract", "--only", "article", "--format", "table", corpus)
    assert code == 0 and out.splitlines()[0].split()[:3] == ["id", "genre", "published"]
    target = tmp_path / "out.jsonl"
    code, out, _ = cli("extract", "--only", "article", "-o", str(target), corpus)
    assert code == 0 and out == ""
    assert len(target.read_text().splitlines()) == 6


def test_extract_reads_stdin() -> None:
    page = (SAMPLES / "corpus" / "pasted" / "harbor-talks.txt").read_bytes()
    code, out, _ = cli("extract", "--only", "article", "-", input=page)
    assert code == 0
    record = json.loads(out)
    assert record["id"] == "stdin" and "Jan Mayen" in record["text"]


def bad_batch(folder: Path) -> None:
    """A folder holding every kind of bad input beside two good documents."""
    folder.mkdir()
    (folder / "a_good.txt").write_bytes((SAMPLES / "corpus/pasted/harbor-talks.txt").read_bytes())
    (folder / "b_empty.txt").write_bytes(b"")
    (folder / "c_binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "d_cp1252.txt").write_bytes(
        "Le ministre a déclaré que les négociations reprendraient à Genève la semaine "
        "prochaine, selon un communiqué publié après la réunion des délégations.\n\n"
        "Les deux gouvernements ont échangé des propositions écrites sur le tracé de la "
        "frontière et sur le partage de l'eau du fleuve.\n\n"
        "Un porte-parole a précisé que les experts se retrouveraient dès lundi pour préparer "
        "un texte commun, sans donner plus de détails.\n".encode("cp1252")
    )
    (folder / "e_malformed.html").write_text(
        "<html><body><div><p>Delegations met in Geneva on Monday and agreed to keep "
        "talking about the ceasefire plan, officials said after a long day of meetings."
        "<p>They will meet again next week <b>to review <i>progress</div></span></html"
    )
    (folder / "f_feed.jsonl").write_text(
        '{"id": "ok-1", "text": "Ministers met and agreed to talk again next week."}\n'
        "not json\n"
        '{"id": "no-text"}\n'
    )
    (folder / "g_unknown.docx").write_bytes(b"PK\x03\x04")


def test_ingest_bad_inputs_are_named_and_the_rest_is_stored(tmp_path: Path) -> None:
    bad_batch(tmp_path / "in")
    db = tmp_path / "e.db"
    code, _, err = cli("ingest", str(tmp_path / "in"), "--db", str(db), "--workers", "1")
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    named = sorted(line.split(":")[1].strip().rsplit("/", 1)[-1] for line in errors)
    assert named == [
        "b_empty.txt",
        "c_binary.txt",
        "f_feed.jsonl",
        "f_feed.jsonl",
        "g_unknown.docx",
    ]
    assert any("f_feed.jsonl:2: read: not valid JSON" in line for line in errors)
    assert any("f_feed.jsonl:3: read: missing 'text'" in line for line in errors)
    assert "4 stored" in err and "5 failed" in err
    code, out, _ = cli("articles", "--db", str(db), "--json")
    assert sorted(r["id"] for r in json.loads(out)) == ["a_good", "d_cp1252", "e_malformed", "ok-1"]
    code, out, _ = cli("show", "d_cp1252", "--db", str(db))
    assert "négociations reprendraient à Genève" in json.loads(out)["text"]
    # rerun: everything already stored is skipped before parsing
    code, _, err = cli("ingest", str(tmp_path / "in"), "--db", str(db))
    assert code == 1 and "0 stored, 4 already stored" in err


def test_read_commands(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    code, _, err = cli("ingest", str(SAMPLES / "corpus"), "--db", str(db))
    assert code == 0, err
    code, out, _ = cli("stats", "--db", str(db), "--json")
    figures = json.loads(out)
    assert figures["articles"] == 6 and figures["entities"] > 20
    assert figures["by_source_kind"] == {"jsonl": 3, "text": 2, "html": 1}
    code, out, _ = cli("stats", "--db", str(db))
    assert out.startswith("articles         6")
    code, out, _ = cli("show", "wire-002", "--db", str(db), "--no-text")
    record = json.loads(out)
    assert "text" not in record and record["authors"][0]["role"] == "Nordic correspondent"
    code, _, err = cli("show", "missing", "--db", str(db))
    assert code == 1 and "no article" in err
    code, _, err = cli("articles", "--db", str(tmp_path / "absent.db"))
    assert code == 2 and "no store at" in err


def test_config_errors_are_usage_errors(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("workers = 0\n")
    code, _, err = cli("--config", str(config), "extract", str(SAMPLES))
    assert code == 2 and "setting 'workers'" in err and "bad.toml" in err
    code, out, _ = cli("config", "init")
    assert "# workers = 1" in out


@pytest.mark.slow
def test_killed_ingest_loses_nothing_and_resumes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    body = (SAMPLES / "corpus/pasted/harbor-talks.txt").read_text()
    for number in range(60):
        text = body.replace("next week", f"in {number + 2} weeks")
        (corpus / f"doc{number:03}.txt").write_text(text)
    db = tmp_path / "e.db"
    command = [sys.executable, "-m", "eventwatch", "ingest", str(corpus), "--db", str(db)]
    env = dict(os.environ, EVENTWATCH_CONFIG="")
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and stored < 5:
        time.sleep(0.2)
        if db.exists():
            try:
                stored = sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0
    process.send_signal(signal.SIGKILL)
    process.wait()
    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    kept = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    orphans = connection.execute(
        "SELECT count(*) FROM articles a WHERE NOT EXISTS"
        " (SELECT 1 FROM authors WHERE article_sha256 = a.sha256)"
    ).fetchone()[0]
    assert 5 <= kept < 60 and orphans == 0
    connection.close()
    rerun = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{60 - kept} stored, {kept} already stored" in rerun.stderr


def test_readme_keeps_two_setup_commands_and_ci_runs_the_second() -> None:
    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Set up and run", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.startswith("python3.11 -m venv")]
    assert len(commands) == 2
    assert "eventwatch ingest samples/corpus" in commands[0]
    test_command = commands[1].split("&& ", 1)[1]
    assert test_command in (root / ".ci" / "run").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    seed = need_shared(Path(__file__).resolve().parents[2] / "shared" / "data" / "seed")
    db = tmp_path_factory.mktemp("seed") / "seed.db"
    code, _, err = cli("ingest", str(seed), "--db", str(db))
    assert code == 0, err
    return db


@pytest.mark.slow
@pytest.mark.shared
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["actors", "--country", "PRK"], ["group:PRK:GOV", "PRKPTY"]),
        (["actor", "Fumio Kishida"], ["foreign minister", "JPNGOV"]),
        (["events", "--source", "JPN"], ["100", "PRK"]),
        (["events", "--code", "08", "--json"], ['"cameo_root": "08"']),
        (["quotes", "--speaker", "John Kerry"], ["suggested", "Beijing", "Seoul"]),
        (["quotes", "--about", "PRK"], ["North Korea"]),
        (["stance", "John Kerry", "--target", "PRK"], ["2013-04", "negotiate"]),
        (["compare", "John Kerry", "Fumio Kishida", "--target", "PRK"], ["engagement", "pressure"]),
        (["check"], ["John Kerry", "exasperated"]),
        (["check", "--format", "jsonl"], ['turn the screws on its ally"', '"verdict"']),
        (["export", "--format", "gdelt"], ["JPNGOV", "\tKN\t"]),  # FIPS for North Korea
        (["export", "--format", "gdelt", "--header"], ["GLOBALEVENTID", "JPNGOV"]),
        (["export", "--format", "plover"], ['"event": ["', '"recipient": [{', '"mode": [']),
        (["events", "--source", "John Kerry"], ["USAGOV", "Seoul"]),
        (["events", "--source", "person:john-kerry", "--format", "csv"], ["date,article"]),
        (["stories"], ["story:"]),
        (["stats"], ["stories", "events", "mentions", "quotes", "actors"]),
    ],
)
def test_analysis_commands_on_the_seed(seed_db: Path, args: list[str], expected: list[str]) -> None:
    code, out, err = cli(*args, "--db", str(seed_db))
    assert code == 0, err
    for text in expected:
        assert text in out, (text, out[:2000])


@pytest.mark.slow
@pytest.mark.shared
def test_one_actor_key_means_the_same_in_events_and_quotes(seed_db: Path) -> None:
    """Issue 13: `events --source "John Kerry"` used to return nothing."""
    for key in ("John Kerry", "john kerry", "person:john-kerry", "USAGOV"):
        code, out, err = cli("events", "--source", key, "--format", "json", "--db", str(seed_db))
        assert code == 0, err
        records = json.loads(out)
        assert records and all(r["source"]["code"] == "USAGOV" for r in records), key
    _, by_name, _ = cli(
        "events", "--source", "John Kerry", "--format", "jsonl", "--db", str(seed_db)
    )
    _, by_id, _ = cli(
        "events", "--source", "person:john-kerry", "--format", "jsonl", "--db", str(seed_db)
    )
    assert by_name == by_id
    _, quotes, _ = cli(
        "quotes", "--speaker", "person:john-kerry", "--format", "json", "--db", str(seed_db)
    )
    assert json.loads(quotes)


@pytest.mark.slow
@pytest.mark.shared
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["events", "--since", "2013-13-45"], "not a date"),
        (["events", "--until", "12/20/2023"], "not a date"),
        (["events", "--since", "2013-04-20", "--until", "2013-04-01"], "after"),
        (["events", "--code", "3x"], "not a CAMEO code"),
        (["export", "--format", "gdelt", "--partition", "month"], "parquet"),
    ],
)
def test_bad_query_options_exit_2_with_a_message(
    seed_db: Path, args: list[str], message: str
) -> None:
    code, _, err = cli(*args, "--db", str(seed_db))
    assert code == 2 and message in err


@pytest.mark.slow
@pytest.mark.shared
def test_tables_show_the_whole_sentence_and_say_when_cut(seed_db: Path) -> None:
    args = ("events", "--source", "John Kerry", "--limit", "2", "--db", str(seed_db))
    code, out, _ = cli(*args)
    assert code == 0
    _, records, _ = cli(*args, "--format", "json")
    _, everything, _ = cli(
        "events", "--source", "John Kerry", "--format", "csv", "--db", str(seed_db)
    )
    (first, *_) = json.loads(records)
    start, end = first["sentence"]
    _, record, _ = cli("show", "000_c91db61947cea963", "--db", str(seed_db))
    sentence = " ".join(json.loads(record)["text"][start:end].split())
    assert len(sentence) > 60  # longer than the old 60-character cut
    assert sentence in " ".join(out.split())  # whole, however it was wrapped
    total = len(everything.splitlines()) - 1
    assert out.splitlines()[-1].startswith(f"2 of {total} rows")


@pytest.mark.slow
@pytest.mark.shared
def test_export_parquet_needs_a_file_and_writes_one(seed_db: Path, tmp_path: Path) -> None:
    code, _, _ = cli("export", "--format", "parquet", "--db", str(seed_db))
    assert code == 2
    target = tmp_path / "events.parquet"
    code, _, err = cli("export", "--format", "parquet", "-o", str(target), "--db", str(seed_db))
    assert code == 0, err
    assert target.stat().st_size > 0 and "events exported" in err


@pytest.mark.slow
@pytest.mark.shared
def test_parquet_without_pyarrow_says_how_to_install_it_and_exits_2(
    seed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A missing optional package is a matter of the installation (2), not a damaged
    store or model (3); nothing is written."""
    import importlib

    from eventwatch.exports import flat

    real = importlib.import_module

    def no_pyarrow(name: str, package: str | None = None) -> object:
        if name.split(".")[0] == "pyarrow":
            raise ImportError(name)
        return real(name, package)

    monkeypatch.setattr(flat.importlib, "import_module", no_pyarrow)
    target = tmp_path / "events.parquet"
    code, _, err = cli("export", "--format", "parquet", "-o", str(target), "--db", str(seed_db))
    assert code == 2 and "needs pyarrow" in err and "pip install" in err, err
    assert not target.exists()


@pytest.mark.slow
@pytest.mark.shared
def test_an_actor_is_found_by_code_and_country_as_in_every_read(seed_db: Path) -> None:
    code, by_code, err = cli("actor", "USAGOV", "--db", str(seed_db))
    assert code == 0 and "Kerry" in by_code, err
    code, by_country, err = cli("actor", "PRK", "--db", str(seed_db))
    assert code == 0 and ("North Korea" in by_country or "Pyongyang" in by_country), err


@pytest.mark.slow
@pytest.mark.shared
def test_an_unknown_actor_is_a_failed_item(seed_db: Path) -> None:
    code, _, err = cli("actor", "Nobody Atall", "--db", str(seed_db))
    assert code == 1 and "no actor named" in err


def test_progress_line_has_a_bar_the_total_and_an_eta() -> None:
    progress = Progress(label="ingest", mode="never", total=200)
    started = progress._started
    line = progress.line("10 stored", done=50, now=started + 30)
    assert "[#####...............] 50/200 (25%)" in line
    assert "[30s, ETA 1m30s]" in line  # 150 left at 50 per 30 s
    assert "ETA" not in Progress(label="x", mode="never").line("3 stored", done=3)


def test_count_documents_knows_files_and_jsonl_lines(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n')
    (tmp_path / ".hidden").write_text("skipped")
    assert count_documents((str(tmp_path),)) == 3
    assert count_documents(("-",)) is None
    assert count_documents(("http://127.0.0.1/feed.xml",)) is None


@pytest.mark.slow
@pytest.mark.shared
def test_seed_exports_load_the_way_the_fields_code_loads_them(
    seed_db: Path, tmp_path: Path
) -> None:
    """Issue 13, done when: GDELT with header=None, FIPS geo codes, FractionDate in its
    year; PLOVER valid against the manual's fields; only asserted events by default."""
    import csv

    import jsonschema
    import pandas as pd

    from eventwatch.exports import ICEWS_DTYPES, plover_schema

    from .conftest import SHARED

    labels = SHARED / "data" / "reference" / "gdelt"
    header = need_shared(labels / "GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv")
    with header.open(encoding="utf-8", newline="") as handle:
        names = [row["tableId"] for row in csv.DictReader(handle)]
    gdelt = tmp_path / "seed.export.CSV"
    for fmt, out in (("gdelt", gdelt), ("icews", tmp_path / "i.tab"), ("plover", tmp_path / "p")):
        code, _, err = cli("export", "--format", fmt, "-o", str(out), "--db", str(seed_db))
        assert code == 0, err
    frame = pd.read_csv(gdelt, sep="\t", header=None, names=names, dtype=str)
    assert len(frame) > 5 and list(frame.columns) == names
    geo = frame["ActionGeo_CountryCode"].dropna()
    assert not geo.empty and set(geo) <= {"KS", "KN", "CH", "JA", "US", "RS"}
    for side in ("ActionGeo", "Actor1Geo", "Actor2Geo"):
        placed = frame[f"{side}_FullName"].notna()
        assert frame.loc[placed, f"{side}_Type"].notna().all(), side
    fractions, years = frame["FractionDate"].astype(float), frame["Year"].astype(float)
    assert ((fractions >= years) & (fractions < years + 1)).all()
    icews = pd.read_csv(tmp_path / "i.tab", sep="\t", dtype=ICEWS_DTYPES)
    assert icews["CAMEO Code"].str.len().ge(3).all()  # leading zeros kept
    schema = plover_schema()
    records = [json.loads(line) for line in (tmp_path / "p").read_text("utf-8").splitlines()]
    assert records
    for record in records:
        jsonschema.validate(record, schema)
        assert record["event"] and record["modality"] == "asserted"
    code, everything, _ = cli(
        "export", "--format", "jsonl", "--all-modalities", "--db", str(seed_db)
    )
    code, asserted, _ = cli("export", "--format", "jsonl", "--db", str(seed_db))
    modalities = {json.loads(line)["modality"] for line in asserted.splitlines()}
    assert modalities == {"asserted"}
    assert len(everything.splitlines()) > len(asserted.splitlines())
