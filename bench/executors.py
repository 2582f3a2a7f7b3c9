"""Time the local process pool against the dask executor on the same PolNeAR texts.

    .venv/bin/python bench/executors.py --texts 60 --workers 2 --rounds 2

Both runs parse the same texts with the same settings (batch size, workers)
through ``eventwatch.extract``; each time includes starting the workers (the
process pool, or a dask LocalCluster) and loading the model in each.  Rounds
alternate the two so machine load falls on both alike.  Prints seconds per
run and the dask/local ratio.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from pathlib import Path

from eventwatch import api
from eventwatch.settings import load_settings

SHARED = Path(__file__).resolve().parents[2] / "shared"
POLNEAR = SHARED / "data" / "dev" / "polnear" / "train" / "text"


def _time(paths: list[str], **overrides: object) -> float:
    settings = load_settings(use_environment=False, progress="never", **overrides)
    started = time.perf_counter()
    count = sum(1 for _ in api.extract(paths, settings=settings))
    elapsed = time.perf_counter() - started
    assert count == len(paths)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    logging.getLogger("distributed").setLevel(logging.ERROR)
    texts = sorted(POLNEAR.glob("*.txt"))[: args.texts]
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for text in texts:
            target = Path(folder) / text.name
            target.symlink_to(text)
            paths.append(str(target))
        local: list[float] = []
        dask: list[float] = []
        for _ in range(args.rounds):
            local.append(_time(paths, workers=args.workers))
            dask.append(_time(paths, workers=args.workers, executor="dask", scheduler="local"))
            print(f"local {local[-1]:.1f}s  dask {dask[-1]:.1f}s", flush=True)
    best_local, best_dask = min(local), min(dask)
    print(
        f"{len(texts)} PolNeAR texts, {args.workers} workers: local {best_local:.1f}s, "
        f"dask {best_dask:.1f}s, dask/local {best_dask / best_local:.2f} (best of {args.rounds})"
    )


if __name__ == "__main__":
    main()
