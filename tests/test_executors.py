"""Executors: the dask backend gives exactly the local run's records (issue 13)."""

from __future__ import annotations

import pytest

from eventwatch import api
from eventwatch.errors import ConfigError
from eventwatch.executors import DaskExecutor, executor_for
from eventwatch.settings import Settings

from .conftest import SAMPLES


def test_executor_for_names_the_backend(settings: Settings) -> None:
    assert executor_for(settings) is None  # local: the pipeline's own path
    backend = executor_for(settings.with_overrides(executor="dask", scheduler="tcp://h:8786"))
    assert isinstance(backend, DaskExecutor) and backend.scheduler == "tcp://h:8786"
    with pytest.raises(ConfigError, match="executor"):
        settings.with_overrides(executor="ray")


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::UserWarning")
def test_dask_local_cluster_gives_the_local_records(settings: Settings) -> None:
    pytest.importorskip("distributed")
    corpus = [str(SAMPLES / "corpus")]
    small = settings.with_overrides(batch_size=2)
    local = [r.to_dict() for r in api.extract(corpus, settings=small)]
    dask = [
        r.to_dict()
        for r in api.extract(
            corpus, settings=small.with_overrides(executor="dask", scheduler="local", workers=2)
        )
    ]
    assert len(local) >= 6
    assert [r.get("id") for r in dask] == [r.get("id") for r in local]
    assert dask == local
    assert any(isinstance(r, dict) and r.get("events") for r in local)


def test_an_unreachable_scheduler_is_a_config_error(settings: Settings) -> None:
    pytest.importorskip("distributed")
    backend = DaskExecutor(scheduler="tcp://127.0.0.1:9", workers=1, connect_timeout_s=1)
    with pytest.raises(ConfigError, match="cannot reach the dask scheduler"):
        list(backend.map_chunks([[]], settings=settings, skip=None))
