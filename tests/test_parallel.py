"""Batches of work shared with helper processes: same results, in order, whatever happens."""

import multiprocessing
import os
import sys

from prep_lib.parallel import cores, helpers_can_start, map_batches


def double(batch: list[int]) -> list[int]:
    return [2 * x for x in batch]


def die_in_a_helper(batch: list[int]) -> list[int]:
    if multiprocessing.parent_process() is not None:
        os._exit(1)  # a helper crashes (killed for memory, say)
    return double(batch)


def test_results_come_back_in_order_from_several_processes():
    assert helpers_can_start() or sys.platform != "linux"  # so the helpers really are used
    batches = [[i, i + 1] for i in range(0, 40, 2)]
    assert map_batches(double, batches, processes=2) == [double(b) for b in batches]


def test_one_process_and_one_batch_need_no_helpers():
    assert map_batches(double, [[1, 2]], processes=4) == [[2, 4]]
    assert map_batches(double, [[1], [2]], processes=1) == [[2], [4]]
    assert map_batches(double, []) == []
    assert cores() >= 1


def test_when_helpers_die_the_work_is_done_here():
    batches = [[i] for i in range(12)]
    assert map_batches(die_in_a_helper, batches, processes=2) == [[2 * i] for i in range(12)]
