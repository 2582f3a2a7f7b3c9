"""The event ontology: CAMEO codes, PLOVER types, the mapping, and loader errors."""

from __future__ import annotations

import csv
import re
import time
from pathlib import Path

import pytest

from eventwatch.errors import ConfigError
from eventwatch.events import QUAD_CLASSES, Ontology, load_ontology, ontology

from .conftest import SHARED, need_shared

REFERENCE = SHARED / "data" / "reference"

PLOVER_TYPES = [
    *("AGREE", "CONSULT", "SUPPORT", "CONCEDE"),  # verbal cooperation
    *("COOPERATE", "AID", "RETREAT"),  # material cooperation
    *("REQUEST", "ACCUSE", "REJECT", "THREATEN"),  # verbal conflict
    *("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),  # material conflict
]


@pytest.fixture(scope="module")
def onto() -> Ontology:
    return load_ontology()


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


CAMEO_HEADER = "code\tname\tgoldstein\tquad_class\troot\tnote\n"
PLOVER_HEADER = "type\tdescription\tmodes\tcontexts\n"
MAPPING_HEADER = "cameo\tplover_type\tplover_mode\tplover_context\tnote\n"

MINI_CAMEO = (
    CAMEO_HEADER + "04\tConsult\t1.0\t1\t04\t\n"
    "042\tMake a visit\t1.9\t1\t04\t\n"
    "0421\tVisit a capital\t2.0\t1\t04\t\n"
    "01\tStatement\t0.0\t1\t01\t\n"
    "010\tMake statement\t0.0\t1\t01\t\n"
)
MINI_PLOVER = PLOVER_HEADER + "CONSULT\tmeet or talk\tvisit|phone\tdiplomatic|economic\n"
MINI_MAPPING = MAPPING_HEADER + "04\tCONSULT\t\t\t\n042\tCONSULT\tvisit\tdiplomatic\t\n01\t\t\t\t\n"


def mini(tmp_path: Path, **files: str) -> Path:
    """A folder with the three small files, any of them replaced by ``files``."""
    texts = {"cameo.tsv": MINI_CAMEO, "plover.tsv": MINI_PLOVER, "cameo_plover.tsv": MINI_MAPPING}
    texts.update({name.replace("__", "."): text for name, text in files.items()})
    for name, text in texts.items():
        write(tmp_path, name, text)
    return tmp_path


# -- CAMEO codes -----------------------------------------------------------------------


def test_every_code_is_present(onto: Ontology) -> None:
    codes = onto.codes()
    assert len(codes) >= 300
    assert len(set(codes)) == len(codes)
    assert onto.roots() == tuple(f"{n:02d}" for n in range(1, 21))
    for code in codes:
        entry = onto.cameo(code)
        assert entry.root == code[:2]
        assert entry.parent is None or entry.parent in onto


@pytest.mark.parametrize("root", [f"{n:02d}" for n in range(1, 21)])
def test_every_root_has_its_base_code_and_children(onto: Ontology, root: str) -> None:
    children = onto.children(root)
    assert root + "0" in children  # "010 Make statement" .. "200 Use unconventional ..."
    assert all(child.startswith(root) and len(child) == 3 for child in children)
    assert all(onto.cameo(code).root == root for code in onto.codes() if code.startswith(root))


@pytest.mark.parametrize(
    ("code", "count"), [("01", 10), ("03", 10), ("04", 7), ("19", 7), ("20", 5), ("0", None)]
)
def test_child_counts(onto: Ontology, code: str, count: int | None) -> None:
    if count is None:
        with pytest.raises(KeyError):
            onto.children(code)
    else:
        assert len(onto.children(code)) == count


@pytest.mark.parametrize(
    ("code", "name", "goldstein"),
    [
        ("01", "Make public statement", 0.0),
        ("010", "Make statement", 0.0),
        ("011", "Decline comment", -0.1),
        ("036", "Express intent to meet or negotiate", 4.0),
        ("042", "Make a visit", 1.9),
        ("0841", "Return, release person(s)", 7.0),
        ("1213", "Reject judicial cooperation", -4.0),
        ("173", "Arrest, detain, or charge with legal action", -5.0),
        ("190", "Use conventional military force", -10.0),
        ("2042", "Detonate nuclear weapons", -10.0),
    ],
)
def test_names_and_goldstein(onto: Ontology, code: str, name: str, goldstein: float) -> None:
    entry = onto.cameo(code)
    assert entry.name == name
    assert entry.goldstein == goldstein


@pytest.mark.parametrize(
    ("code", "shipped", "gdelt"),
    [("016", -5.0, -2.0), ("022", 3.4, 3.2), ("164", -6.5, -7.0), ("165", -7.0, -6.5)],
)
def test_disputed_goldstein_values_keep_the_alternative(
    onto: Ontology, code: str, shipped: float, gdelt: float
) -> None:
    entry = onto.cameo(code)
    assert entry.goldstein == shipped
    assert entry.note == f"GDELT CAMEO.goldsteinscale.txt: {gdelt:.1f}"


@pytest.mark.parametrize(
    ("roots", "quad"),
    [
        (range(1, 6), 1),
        (range(6, 9), 2),
        (range(9, 14), 3),
        (range(14, 21), 4),
    ],
)
def test_quad_classes_follow_the_root(onto: Ontology, roots: range, quad: int) -> None:
    for number in roots:
        root = f"{number:02d}"
        for code in onto.codes():
            if code.startswith(root):
                assert onto.cameo(code).quad_class == quad, code
                assert onto.cameo(code).quad_name == QUAD_CLASSES[quad]


@pytest.mark.parametrize("code", ["36", "0360", "999", "", "abc"])
def test_unknown_code_raises_a_clear_key_error(onto: Ontology, code: str) -> None:
    with pytest.raises(KeyError, match="unknown CAMEO event code"):
        onto.cameo(code)
    with pytest.raises(KeyError):
        onto.plover_for(code)


# -- PLOVER ----------------------------------------------------------------------------


def test_the_sixteen_plover_types(onto: Ontology) -> None:
    assert [t.name for t in onto.plover_types()] == PLOVER_TYPES
    for plover in onto.plover_types():
        assert plover.description
        assert "diplomatic" in plover.contexts
        assert "military" in plover.contexts


@pytest.mark.parametrize(
    ("name", "modes"),
    [
        ("AGREE", ()),
        ("CONSULT", ("visit", "third-party", "multilateral", "phone")),
        ("REQUEST", ("assist", "change", "yield", "meet")),
        ("REJECT", ("assist", "change", "yield", "meet")),
        ("SANCTION", ("convict", "expel", "withdraw", "discontinue")),
        ("MOBILIZE", ("troops", "weapons", "police", "militia")),
    ],
)
def test_plover_modes(onto: Ontology, name: str, modes: tuple[str, ...]) -> None:
    assert onto.plover_type(name).modes == modes


def test_unknown_plover_type(onto: Ontology) -> None:
    with pytest.raises(KeyError, match="unknown PLOVER type 'FIGHT'"):
        onto.plover_type("FIGHT")


@pytest.mark.parametrize(
    ("code", "plover", "mode", "context"),
    [
        ("036", "AGREE", None, ("diplomatic",)),  # an intent to meet is AGREE, not CONSULT
        ("040", "CONSULT", None, ()),
        ("041", "CONSULT", "phone", ()),
        ("042", "CONSULT", "visit", ()),
        ("057", "SUPPORT", None, ("diplomatic",)),
        ("0841", "RETREAT", "release", ("legal",)),
        ("091", "ACCUSE", "investigate", ("crime", "corruption")),
        ("1041", "REQUEST", "change", ("executive",)),
        ("0241", "REQUEST", "change", ("executive",)),  # APPEAL mirrors DEMAND
        ("1385", "THREATEN", "violence", ("cbrn",)),
        ("1411", "PROTEST", "demo", ("executive",)),
        ("154", "MOBILIZE", "troops", ("military",)),
        ("163", "SANCTION", "discontinue", ("economic",)),
        ("173", "COERCE", "arrest", ("legal",)),
        ("186", "ASSAULT", "targeted", ()),
        ("190", "ASSAULT", None, ("military",)),
        ("2041", "ASSAULT", "unconventional", ("cbrn",)),
    ],
)
def test_plover_for(
    onto: Ontology, code: str, plover: str, mode: str | None, context: tuple[str, ...]
) -> None:
    mapping = onto.plover_for(code)
    assert mapping is not None
    assert (mapping.type, mapping.mode, mapping.context) == (plover, mode, context)


@pytest.mark.parametrize("code", ["01", "010", "013", "016", "019"])
def test_statements_have_no_plover_event(onto: Ontology, code: str) -> None:
    assert onto.plover_for(code) is None


def test_every_code_but_statements_maps_to_plover(onto: Ontology) -> None:
    unmapped = [code for code in onto.codes() if onto.plover_for(code) is None]
    assert unmapped == [code for code in onto.codes() if code.startswith("01")]


def test_every_mapping_is_allowed_by_its_type(onto: Ontology) -> None:
    for code in onto.codes():
        mapping = onto.plover_for(code)
        if mapping is None:
            continue
        plover = onto.plover_type(mapping.type)
        assert mapping.mode is None or mapping.mode in plover.modes, code
        assert set(mapping.context) <= set(plover.contexts), code


@pytest.mark.parametrize(
    ("code", "plover", "mode"),
    [
        ("0421", "CONSULT", "visit"),  # no row: falls back to 042
        ("042", "CONSULT", "visit"),
        ("04", "CONSULT", None),
    ],
)
def test_fallback_to_parent_and_root(tmp_path: Path, code: str, plover: str, mode: str) -> None:
    small = load_ontology([mini(tmp_path)], shipped=False)
    mapping = small.plover_for(code)
    assert mapping is not None
    assert (mapping.type, mapping.mode) == (plover, mode)


def test_fallback_reaches_the_root_and_an_empty_row_means_none(tmp_path: Path) -> None:
    mapping = MAPPING_HEADER + "04\tCONSULT\t\t\t\n01\t\t\t\t\n"
    small = load_ontology([mini(tmp_path, cameo_plover__tsv=mapping)], shipped=False)
    found = small.plover_for("0421")
    assert found is not None
    assert (found.type, found.mode) == ("CONSULT", None)
    assert small.plover_for("010") is None  # 01 says "no PLOVER event"


def test_extra_dirs_replace_shipped_rows(tmp_path: Path) -> None:
    write(tmp_path, "cameo.tsv", CAMEO_HEADER + "036\tMeet, intended\t4.5\t1\t03\tlocal\n")
    write(tmp_path, "cameo_plover.tsv", MAPPING_HEADER + "036\tCONSULT\t\tdiplomatic\tlocal\n")
    local = load_ontology([tmp_path])
    assert local.cameo("036").goldstein == 4.5
    found = local.plover_for("036")
    assert found is not None
    assert found.type == "CONSULT"
    assert len(local) == len(load_ontology())


# -- errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "line", "message"),
    [
        ("cameo.tsv", "code\tname\n", 1, "header lacks column"),
        ("cameo.tsv", CAMEO_HEADER + "04\tConsult\tx\t1\t04\t\n", 2, "not a number"),
        ("cameo.tsv", CAMEO_HEADER + "04\tConsult\t11\t1\t04\t\n", 2, "from -10 to 10"),
        ("cameo.tsv", CAMEO_HEADER + "04\tConsult\t1\t5\t04\t\n", 2, "quad_class"),
        ("cameo.tsv", CAMEO_HEADER + "# note\n4\tConsult\t1\t1\t04\t\n", 3, "2 to 4 digits"),
        ("cameo.tsv", CAMEO_HEADER + "04\tConsult\t1\t1\t03\t\n", 2, "first two digits"),
        ("cameo.tsv", CAMEO_HEADER + "04\t\t1\t1\t04\t\n", 2, "'name' is empty"),
        ("cameo.tsv", CAMEO_HEADER + "04\tConsult\t1\t1\t04\t\tx\n", 2, "7 cells"),
        ("cameo.tsv", CAMEO_HEADER + "04\tA\t1\t1\t04\n\n04\tB\t1\t1\t04\n", 4, "repeats"),
        ("cameo.tsv", CAMEO_HEADER + "0421\tVisit\t1\t1\t04\t\n", 2, "no parent 042"),
        ("plover.tsv", PLOVER_HEADER + "consult\tx\t\t\n", 2, "upper-case"),
        ("cameo_plover.tsv", MAPPING_HEADER + "043\tCONSULT\t\t\t\n", 2, "not in cameo.tsv"),
        ("cameo_plover.tsv", MAPPING_HEADER + "04\tFIGHT\t\t\t\n", 2, "not in plover.tsv"),
        ("cameo_plover.tsv", MAPPING_HEADER + "04\tCONSULT\thost\t\t\n", 2, "no mode 'host'"),
        ("cameo_plover.tsv", MAPPING_HEADER + "04\tCONSULT\t\tcrime\t\n", 2, "no context"),
        ("cameo_plover.tsv", MAPPING_HEADER + "04\t\tvisit\t\t\n", 2, "needs a plover_type"),
    ],
)
def test_malformed_files_name_file_and_line(
    tmp_path: Path, name: str, text: str, line: int, message: str
) -> None:
    folder = mini(tmp_path, **{name.replace(".", "__"): text})
    with pytest.raises(ConfigError, match=re.escape(message)) as caught:
        load_ontology([folder], shipped=False)
    assert f"{folder / name}:{line}:" in str(caught.value)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    write(tmp_path, "cameo.tsv", MINI_CAMEO)
    with pytest.raises(ConfigError, match=r"plover\.tsv not found"):
        load_ontology([tmp_path], shipped=False)


def test_unreadable_file_is_named(tmp_path: Path) -> None:
    folder = mini(tmp_path)
    (folder / "cameo.tsv").write_bytes(b"code\tname\xff\n")
    with pytest.raises(ConfigError, match=r"cannot read data file .*cameo\.tsv"):
        load_ontology([folder], shipped=False)


# -- loading ---------------------------------------------------------------------------


def test_loads_fast_and_is_cached() -> None:
    load_ontology()  # warm the import machinery
    start = time.perf_counter()
    load_ontology()
    assert time.perf_counter() - start < 0.5
    assert ontology() is ontology()


@pytest.mark.shared
def test_codes_and_goldstein_match_the_reference() -> None:
    """cameo.tsv holds every code of cameo-codes.csv with its Goldstein value."""
    path = need_shared(REFERENCE / "cameo" / "cameo-codes.csv")
    with path.open(encoding="cp1252", newline="") as handle:
        reference = {row["code"]: float(row["goldstein"]) for row in csv.DictReader(handle)}
    onto = ontology()
    assert set(onto.codes()) == set(reference)
    for code, goldstein in reference.items():
        assert onto.cameo(code).goldstein == goldstein, code
