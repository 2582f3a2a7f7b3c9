"""Executors: where the pipeline's batches run.  Scale-out is a backend, not a second path.

The pipeline is one pure function over a batch of raw documents
(:class:`eventwatch.pipeline.BatchRunner`, built once per worker: the model
loads once).  An executor maps it over the batches and yields each batch's
results **in input order**; the caller (``api.ingest``) stays the one writer
of the store.  Two backends, chosen by ``settings.executor``:

* ``local`` — :func:`eventwatch.pipeline.run`'s own serial or multi-process path;
* ``dask`` — :class:`DaskExecutor`: batches are submitted to ``dask.distributed``
  workers (``settings.scheduler``: an address, or ``local`` for a LocalCluster of
  ``settings.workers`` processes).  Each worker builds its runner once (in
  its first task, through a worker plugin); at most
  :data:`IN_FLIGHT_PER_WORKER` batches per worker are in flight, so memory
  stays flat however long the input.

:func:`executor_for` returns the executor a settings object names.
"""

from __future__ import annotations

import importlib
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from eventwatch.errors import ConfigError
from eventwatch.ingest.sources import RawDocument
from eventwatch.records import Failure
from eventwatch.settings import Settings

__all__ = ["IN_FLIGHT_PER_WORKER", "DaskExecutor", "Executor", "executor_for"]

IN_FLIGHT_PER_WORKER = 2
_PLUGIN = "eventwatch-batch-runner"

Chunk = list[RawDocument | Failure]


class Executor(Protocol):
    """Maps the batch function over chunks; yields each chunk's results in input order."""

    def map_chunks(
        self, chunks: Iterable[Chunk], *, settings: Settings, skip: Any
    ) -> Iterator[list[Any]]: ...


try:  # the plugin base class; this module is imported only when executor = dask
    from distributed import WorkerPlugin as _PluginBase
except ImportError:  # pragma: no cover - without eventwatch[dask]; DaskExecutor says so
    _PluginBase = object  # type: ignore[assignment,misc]


class _RunnerPlugin(_PluginBase):
    """A dask worker plugin holding the worker's batch runner, built once (the model loads once).

    The runner is built by the first task on the worker, in the thread that
    runs the tasks, so thinc's current ops (``use_blis``), which are per
    thread, are the ones the parse runs with; a lock keeps a worker with
    several threads from building it twice.
    """

    name = _PLUGIN

    def __init__(self, settings: Settings, skip: Any) -> None:
        self.settings = settings
        self.skip = skip
        self._runner: Any = None
        self._lock: Any = None

    def setup(self, worker: Any) -> None:
        import threading

        self._lock = threading.Lock()

    def teardown(self, worker: Any) -> None:
        self._runner = None

    def runner(self) -> Any:
        with self._lock:
            if self._runner is None:
                from eventwatch.nlp import limit_blas_threads
                from eventwatch.pipeline import BatchRunner

                limit_blas_threads(self.settings.blas_threads)
                self._runner = BatchRunner(self.settings, skip=self.skip)
            return self._runner


def _dask_batch(chunk: Chunk) -> list[Any]:
    """Run one chunk on the current dask worker with the runner its plugin holds."""
    from distributed import get_worker

    from eventwatch.pipeline import run_chunk

    plugin: Any = get_worker().plugins[_PLUGIN]
    return run_chunk(plugin.runner(), chunk)


class DaskExecutor:
    """Batches on dask.distributed workers; results come back in input order."""

    def __init__(
        self, *, scheduler: str = "local", workers: int = 2, connect_timeout_s: float = 30.0
    ) -> None:
        self.scheduler = scheduler
        self.workers = workers
        self.connect_timeout_s = connect_timeout_s

    def _client(self) -> tuple[Any, Any]:
        try:
            distributed: Any = importlib.import_module("distributed")
        except ImportError as error:
            raise ConfigError(
                "executor 'dask' needs dask.distributed: pip install 'eventwatch[dask]'"
            ) from error
        Client = distributed.Client  # noqa: N806 - the class, by its own name
        if self.scheduler == "local":
            dask: Any = importlib.import_module("dask")
            # the workers' sampling profiler costs CPU the parse needs; nobody reads it here
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                cluster = distributed.LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                )
            client = Client(cluster)
            client.wait_for_workers(self.workers)
            return client, cluster
        try:
            return Client(self.scheduler, timeout=f"{self.connect_timeout_s}s"), None
        except (OSError, TimeoutError) as error:
            raise ConfigError(
                f"cannot reach the dask scheduler at {self.scheduler}: {error}"
            ) from error

    def map_chunks(
        self, chunks: Iterable[Chunk], *, settings: Settings, skip: Any
    ) -> Iterator[list[Any]]:
        client, cluster = self._client()
        try:
            client.register_plugin(_RunnerPlugin(settings, skip), name=_PLUGIN)
            workers = max(len(client.scheduler_info().get("workers", {})), 1)
            pending: deque[Any] = deque()
            for chunk in chunks:
                pending.append(client.submit(_dask_batch, chunk, pure=False))
                if len(pending) >= IN_FLIGHT_PER_WORKER * workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def executor_for(settings: Settings) -> Executor | None:
    """The executor ``settings.executor`` names; ``None`` for the pipeline's local path."""
    if settings.executor == "local":
        return None
    if settings.executor == "dask":
        return DaskExecutor(scheduler=settings.scheduler, workers=settings.workers)
    raise ConfigError(f"unknown executor {settings.executor!r}; use local or dask")
