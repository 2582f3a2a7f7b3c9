from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from eventwatch.ingest.sources import RawDocument, document_id, iter_sources, sniff_kind
from eventwatch.records import Failure

LIMIT = 1_000_000


def collect(paths: list[str | Path], **kwargs: object) -> list[RawDocument | Failure]:
    return list(iter_sources(paths, max_document_bytes=LIMIT, **kwargs))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a/b/page.html.gz", "page"),
        ("page.TXT", "page"),
        ("000_c91db61947cea963.txt", "000_c91db61947cea963"),
        ("report.v2.html", "report.v2"),
        ("README", "README"),
    ],
)
def test_document_id(name: str, expected: str) -> None:
    assert document_id(Path(name)) == expected


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        (b"\n  <html lang=en>", "html"),
        (b'{"id": "1", "text": "x"}\n{"id": "2", "text": "y"}', "jsonl"),
        (b"{not json at all", "text"),
        (b"Kerry's Soft Touch on North Korea\n\nApr 16th, 2013", "text"),
    ],
)
def test_sniff_kind(data: bytes, kind: str) -> None:
    assert sniff_kind(data) == kind


def test_directory_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "inner.html").write_text("<html><body><p>x</p></body></html>")
    (tmp_path / "a.txt").write_text("text")
    (tmp_path / ".hidden.txt").write_text("skip me")
    with gzip.open(tmp_path / "b" / "zipped.txt.gz", "wb") as handle:
        handle.write(b"zipped text")
    items = collect([tmp_path])
    assert [(i.id, i.kind) for i in items if isinstance(i, RawDocument)] == [
        ("a", "text"),
        ("inner", "html"),
        ("zipped", "text"),
    ]
    assert items[2].data == b"zipped text"  # type: ignore[union-attr]


def test_jsonl_lines_become_documents_and_bad_lines_failures(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": "First body.", "date": "2013-04-16", "title": "T"}),
        "{this is not json",
        json.dumps({"id": "a3", "title": "no text here"}),
        "",
        json.dumps({"text": "   "}),
        json.dumps(["a", "list"]),
        json.dumps({"text": "No id given."}),
        json.dumps({"id": {"x": 1}, "text": "bad id"}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n")
    items = collect([path])
    summary = [
        (i.line, i.id if isinstance(i, RawDocument) else i.message.split(" (")[0]) for i in items
    ]
    assert summary == [
        (1, "a1"),
        (2, "not valid JSON"),
        (3, "missing 'text'"),
        (5, "'text' is empty"),
        (6, "expected a JSON object, got list"),
        (7, "feed-7"),
        (8, "'id' must be a string or integer, got dict"),
    ]
    failure = items[1]
    assert isinstance(failure, Failure)
    assert str(failure).startswith(f"{path}:2: read: not valid JSON")


def test_unknown_extension_is_named(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF")
    (failure,) = collect([path])
    assert isinstance(failure, Failure)
    assert failure.item == str(path)
    assert "unsupported file type '.pdf'" in failure.message


def test_missing_and_dangling_paths_fail_alone(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("fine")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    items = collect([tmp_path / "absent.txt", tmp_path])
    kinds = [
        (type(i).__name__, Path(i.source if isinstance(i, RawDocument) else i.item).name)
        for i in items
    ]
    assert kinds == [
        ("Failure", "absent.txt"),
        ("Failure", "dangling.txt"),
        ("RawDocument", "good.txt"),
    ]


def test_unreadable_file_fails_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("secret")
    (tmp_path / "open.txt").write_text("fine")
    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    items = collect([tmp_path])
    assert isinstance(items[0], Failure)
    assert items[0].message == "cannot read: Permission denied"
    assert isinstance(items[1], RawDocument)


def test_too_large_file_is_refused_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # a 50 MB (sparse) file
    (failure,) = list(iter_sources([big], max_document_bytes=20_000_000))
    assert isinstance(failure, Failure)
    assert "52.4 MB, over max_document_bytes (20.0 MB)" in failure.message


def test_corrupt_gzip_fails_alone(tmp_path: Path) -> None:
    (tmp_path / "broken.html.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    (failure,) = collect([tmp_path])
    assert isinstance(failure, Failure)
    assert failure.message.startswith("cannot read:")


def test_stdin_text_and_jsonl() -> None:
    (doc,) = collect(["-"], stdin=io.BytesIO(b"Plain pasted text"))
    assert isinstance(doc, RawDocument)
    assert (doc.id, doc.kind, doc.source) == ("stdin", "text", "stdin")
    feed = b'{"id": "x", "text": "a"}\n{"id": "y", "text": "b"}\n'
    docs = collect(["-"], stdin=io.BytesIO(feed))
    assert [d.id for d in docs if isinstance(d, RawDocument)] == ["x", "y"]
