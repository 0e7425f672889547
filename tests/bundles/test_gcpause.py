"""The collector stays off while any export reads, and comes back as it was."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from lineage.bundles.gcpause import collection_paused


@pytest.fixture
def collector_on() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


def test_the_collector_is_off_until_the_last_reader_ends(collector_on: None) -> None:
    first, second = collection_paused(), collection_paused()
    first.__enter__()
    second.__enter__()
    assert not gc.isenabled()
    first.__exit__(None, None, None)
    assert not gc.isenabled()  # the second still reads
    second.__exit__(None, None, None)
    assert gc.isenabled()


def test_an_error_turns_it_back_on(collector_on: None) -> None:
    with pytest.raises(RuntimeError), collection_paused():
        raise RuntimeError("the read failed")
    assert gc.isenabled()


def test_a_collector_off_before_stays_off(collector_on: None) -> None:
    gc.disable()
    with collection_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()
