"""Batches of work shared with helper processes: same results, in order, whatever happens."""

import multiprocessing
import os
import pickle
import sys

import pytest

from prep_lib.parallel import cores, helpers_can_start, map_batches


def scale(factor: int, batch: list[int]) -> list[int]:
    return [factor * x for x in batch]


def die_in_a_helper(factor: int, batch: list[int]) -> list[int]:
    if multiprocessing.parent_process() is not None:
        os._exit(1)  # a helper crashes (killed for memory, say)
    return scale(factor, batch)


class Unpicklable:
    """What a batch shares may be anything: helpers get it as they start, unpickled."""

    def __init__(self, factor: int) -> None:
        self.factor = factor
        self.double = lambda x: 2 * x  # a lambda cannot be pickled


def scale_by(shared: Unpicklable, batch: list[int]) -> list[int]:
    return scale(shared.factor, batch)


def test_results_come_back_in_order_from_several_processes():
    assert helpers_can_start() or sys.platform != "linux"  # so the helpers really are used
    batches = [[i, i + 1] for i in range(0, 40, 2)]
    assert map_batches(scale, batches, shared=2, processes=2) == [scale(2, b) for b in batches]


def test_what_every_batch_shares_reaches_the_helpers_without_pickling():
    batches = [[i] for i in range(10)]
    shared = Unpicklable(3)
    with pytest.raises((pickle.PicklingError, AttributeError)):
        pickle.dumps(shared)
    assert map_batches(scale_by, batches, shared=shared, processes=2) == [
        [3 * i] for i in range(10)
    ]


def test_one_process_and_one_batch_need_no_helpers():
    assert map_batches(scale, [[1, 2]], shared=2, processes=4) == [[2, 4]]
    assert map_batches(scale, [[1], [2]], shared=2, processes=1) == [[2], [4]]
    assert map_batches(scale, [], shared=2) == []
    assert cores() >= 1


def test_when_helpers_die_the_work_is_done_here():
    batches = [[i] for i in range(12)]
    assert map_batches(die_in_a_helper, batches, shared=2, processes=2) == [
        [2 * i] for i in range(12)
    ]
