"""Mutation fuzzing of the readers: mutated files in, never a crash, a hang or an internal error.

Usage::

    python bench/fuzz.py [--inputs 10000] [--seed 1] [--timeout 20] [--parse]
                         [--pause 0.0] [--json OUT] [--keep DIR]

Seeds are the project's sample corpus (pasted text, HTML, JSONL), the user's
seed page and, when ``../shared`` is present, a few of the scrapinghub HTML pages
and PolNeAR texts.  Each input is one seed put through one to four random
mutations (byte flips, inserted or deleted runs, random bytes, repeated slices,
truncation, splices of two seeds, hostile JSON: deep nesting, lone surrogates,
wrong types; control characters, a BOM, mixed encodings, very long words and
lines), written to a file with a chosen extension (``.txt``, ``.html``,
``.jsonl``, none, and each of those gzipped, sometimes with a broken gzip
stream), then read through the library exactly as ``eventwatch extract`` reads
it: :func:`eventwatch.ingest.sources.iter_sources` and :func:`eventwatch.pipeline.run`.

An input passes when every item comes back as an ``Article`` or a ``Failure``
that names it and is not an ``internal error``.  It fails when anything is
raised out of the library (a crash), a ``Failure`` says ``internal error``
(an unexpected exception caught per item), or it takes longer than
``--timeout`` seconds of CPU time (a hang; CPU time, so that a busy machine
does not make a slow input look hung).  Inputs that pass but take over
``--slow`` CPU seconds are counted apart.  Failing and slow inputs are written to ``--keep``
to be reproduced.

By default only the ``ingest`` stage runs (reading, decoding, extraction,
metadata): that is where malformed bytes are handled, and it runs about a
hundred inputs a second.  ``--parse`` adds the spaCy parse and the later stages
(much slower).  ``--pause`` sleeps between inputs to leave CPU to others.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import signal
import sys
import time
from collections import Counter
from pathlib import Path
from tempfile import TemporaryDirectory
from types import FrameType
from typing import Any

from eventwatch.ingest.sources import iter_sources
from eventwatch.pipeline import run
from eventwatch.records import Article, Failure
from eventwatch.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
EXTENSIONS = (".txt", ".html", ".jsonl", "")

HOSTILE = (
    b"[" * 5000,
    b'{"text": ' * 300,
    b'{"text": "a \\ud800 b \\udfff"}',
    b'{"text": ["not", "a", "string"]}',
    b'{"text": "x", "authors": {"name": 3}}',
    b'{"text": "x", "date": "2013-13-45"}',
    b'{"text": "x", "id": [1]}',
    b"\x00\x01\x02\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00",
    "Ａｐｒ １６ｔｈ, ２０１３ 外交部长 周一 مرحبا".encode(),
    b"<script>" + b"a" * 3000 + b"</script>",
    b"<!--" * 50,
    b"<" * 2000,
    b"&#xD800;&#0;&#x110000;&#99999999999;",
    b"By " + b"A" * 4000,
    b"\r" * 500,
    b"\n\n" * 2000,
    "\u2028\u2029\u200b\u202e".encode(),
    b"Apr 16th, 2013 2 min read\n" * 20,
)


def _seeds() -> list[tuple[str, bytes]]:
    seeds: list[tuple[str, bytes]] = []
    for path in sorted((ROOT / "samples" / "corpus").rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
                kind = path.suffixes[-2] if len(path.suffixes) > 1 else ""
            else:
                kind = path.suffix
            seeds.append((kind if kind in EXTENSIONS else ".txt", data))
    seed_page = SHARED / "seed" / "000_c91db61947cea963.txt"
    if seed_page.exists():
        seeds.append((".txt", seed_page.read_bytes()))
    html = SHARED / "dev" / "scrapinghub_aeb" / "html"
    if html.exists():
        for path in sorted(html.glob("*.html.gz"))[:12]:
            seeds.append((".html", gzip.decompress(path.read_bytes())[:60_000]))
    polnear = SHARED / "dev" / "polnear" / "dev" / "text"
    if polnear.exists():
        for path in sorted(polnear.glob("*.txt"))[:8]:
            seeds.append((".txt", path.read_bytes()))
    if not seeds:
        seeds.append((".txt", b"The minister met his counterpart in Lima on Monday.\n"))
    return seeds


def _mutate(data: bytes, rng: random.Random, seeds: list[tuple[str, bytes]]) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(9)
        at = rng.randint(0, len(buf))
        if choice == 0 and buf:  # flip bytes
            for _ in range(rng.randint(1, 16)):
                i = rng.randrange(len(buf))
                buf[i] ^= 1 << rng.randrange(8)
        elif choice == 1:  # random bytes
            buf[at:at] = rng.randbytes(rng.randint(1, 256))
        elif choice == 2 and buf:  # delete a run
            end = min(len(buf), at + rng.randint(1, 2048))
            del buf[at:end]
        elif choice == 3 and buf:  # repeat a slice
            start = rng.randrange(len(buf))
            piece = bytes(buf[start : start + rng.randint(1, 200)])
            buf[at:at] = piece * rng.randint(2, 50)
        elif choice == 4:  # truncate
            del buf[at:]
        elif choice == 5:  # splice another seed
            other = rng.choice(seeds)[1]
            start = rng.randrange(len(other) or 1)
            buf[at:at] = other[start : start + rng.randint(1, 4000)]
        elif choice == 6:  # a hostile fragment
            buf[at:at] = rng.choice(HOSTILE)
        elif choice == 7:  # a long word or line
            buf[at:at] = bytes([rng.choice(b"aZ9-_/.")]) * rng.randint(1000, 30_000)
        else:  # re-encode a slice as UTF-16 or Latin-1
            start = rng.randrange(len(buf) or 1)
            piece = bytes(buf[start : start + 500]).decode("utf-8", "replace")
            codec = rng.choice(["utf-16", "latin-1", "cp1252"])
            buf[start : start + 500] = piece.encode(codec, "replace")
    return bytes(buf)


def _jsonl_variant(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", "replace")[:20_000]
    lines = [json.dumps({"id": f"f{n}", "text": text[n * 50 :]}) for n in range(rng.randint(1, 3))]
    if rng.random() < 0.5:
        lines.insert(rng.randrange(len(lines) + 1), rng.choice(HOSTILE).decode("utf-8", "replace"))
    return ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")


class _Hang(BaseException):  # not caught by the per-item handlers
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _Hang


def check_input(path: Path, settings: Settings, timeout: float) -> tuple[str, str]:
    """Read one file as ``extract`` does: ``(verdict, detail)``; verdict is ``ok``,
    ``crash``, ``internal`` or ``hang``."""
    signal.signal(signal.SIGVTALRM, _alarm)
    signal.setitimer(signal.ITIMER_VIRTUAL, timeout)  # CPU time: fair on a busy machine
    try:
        items = iter_sources([path], max_document_bytes=settings.max_document_bytes)
        for result in run(items, settings=settings):
            if isinstance(result, Failure) and "internal error" in result.message:
                return "internal", str(result)
            if not isinstance(result, Article | Failure):
                return "crash", f"unexpected result {type(result).__name__}"
    except _Hang:
        return "hang", f"over {timeout:.0f}s"
    except Exception as error:  # what the fuzzer exists to find  # noqa: BLE001
        return "crash", f"{type(error).__name__}: {error}"[:300]
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
    return "ok", ""


def _figures(
    args: argparse.Namespace,
    settings: Settings,
    seeds: list[tuple[str, bytes]],
    done: int,
    verdicts: Counter[str],
    by_extension: Counter[str],
) -> dict[str, Any]:
    return {
        "inputs": done,
        "seed": args.seed,
        "stages": list(settings.stages),
        "seeds": len(seeds),
        "verdicts": dict(verdicts),
        "by_extension": dict(by_extension),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=60.0, help="CPU seconds before a hang")
    parser.add_argument("--slow", type=float, default=5.0, help="CPU seconds that count as slow")
    parser.add_argument("--parse", action="store_true", help="run every stage, not ingest only")
    parser.add_argument("--pause", type=float, default=0.0, help="seconds to sleep per input")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--keep", type=Path, help="copy failing inputs into this folder")
    args = parser.parse_args(argv)

    settings = load_settings(use_environment=False, progress="never", workers=1)
    if not args.parse:
        settings = settings.with_overrides(stages=["ingest"])
    rng = random.Random(args.seed)
    seeds = _seeds()
    verdicts: Counter[str] = Counter()
    by_extension: Counter[str] = Counter()
    problems: list[dict[str, Any]] = []
    slowest = 0.0
    slow: list[dict[str, Any]] = []
    started = time.monotonic()
    with TemporaryDirectory(prefix="eventwatch-fuzz-") as folder:
        for number in range(args.inputs):
            _, data = rng.choice(seeds)
            data = _mutate(data, rng, seeds)
            extension = rng.choice(EXTENSIONS)
            if extension == ".jsonl" and rng.random() < 0.7:
                data = _jsonl_variant(data, rng)
            if rng.random() < 0.2:
                data = gzip.compress(data)
                if rng.random() < 0.2:  # a damaged gzip stream
                    data = data[: rng.randint(1, len(data))]
                extension += ".gz"
            path = Path(folder) / f"input{number}{extension}"
            path.write_bytes(data)
            began = time.process_time()
            verdict, detail = check_input(path, settings, args.timeout)
            took = time.process_time() - began
            slowest = max(slowest, took)
            if took > args.slow and verdict == "ok":
                slow.append({"input": number, "seconds": round(took, 1), "bytes": len(data)})
                if args.keep:
                    args.keep.mkdir(parents=True, exist_ok=True)
                    (args.keep / f"slow-{path.name}").write_bytes(data)
            verdicts[verdict] += 1
            by_extension[extension or "(none)"] += 1
            if verdict != "ok":
                problems.append({"input": number, "verdict": verdict, "detail": detail})
                if args.keep:
                    args.keep.mkdir(parents=True, exist_ok=True)
                    (args.keep / path.name).write_bytes(data)
                print(f"{number}: {verdict}: {detail}", file=sys.stderr)
            path.unlink()
            if (number + 1) % 250 == 0:
                rate = (number + 1) / (time.monotonic() - started)
                print(f"{number + 1} inputs, {dict(verdicts)}, {rate:.1f}/s", flush=True)
                if args.json:  # the figures so far, in case the run is stopped
                    partial = _figures(args, settings, seeds, number + 1, verdicts, by_extension)
                    partial.update(slowest_cpu_s=round(slowest, 2), slow=len(slow))
                    partial.update(problems=problems[:50], slow_inputs=slow[:50])
                    args.json.write_text(json.dumps(partial, indent=2) + "\n", encoding="utf-8")
            if args.pause:
                time.sleep(args.pause)
    figures = _figures(args, settings, seeds, args.inputs, verdicts, by_extension)
    figures |= {
        "slowest_cpu_s": round(slowest, 2),
        "slow": len(slow),
        "slow_inputs": slow[:50],
        "elapsed_s": round(time.monotonic() - started, 1),
        "problems": problems[:50],
    }
    shown = {k: v for k, v in figures.items() if k not in ("problems", "slow_inputs")}
    print(json.dumps(shown, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
