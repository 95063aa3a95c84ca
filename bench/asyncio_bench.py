#!/usr/bin/env python3
"""The asyncio half of `cargo xtask bench`: the four ways of the original tutorial.

usage: asyncio_bench.py trivial|sleeping WAY N [--sleep-ms MS] [--sample-count C] [--max-time S]

Runs WAY over N coroutines on one event loop and prints one CSV line:
samples,fastest_s,median_s,peak_rss_growth_bytes

The first run is a warm-up that is not counted (divan, on the Rust side, makes no separate
warm-up run: the book says so), then up to C runs are timed, stopping once S seconds have
been spent. The garbage collector stays on
while timing (timeit turns it off by default): a real asyncio program runs with it.
Needs Python 3.11 or later (asyncio.TaskGroup, asyncio.Runner) and the standard library only.
"""

import argparse
import asyncio
import statistics
import sys
import time
import timeit


async def trivial(i, _sleep_s):
    return i


async def sleeping(i, sleep_s):
    await asyncio.sleep(sleep_s)
    return i


async def create_task_await_each(work, n, sleep_s):
    tasks = [asyncio.create_task(work(i, sleep_s)) for i in range(n)]
    total = 0
    for task in tasks:
        total += await task
    return total


async def task_group(work, n, sleep_s):
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(work(i, sleep_s)) for i in range(n)]
    return sum(task.result() for task in tasks)


async def wait(work, n, sleep_s):
    tasks = [asyncio.create_task(work(i, sleep_s)) for i in range(n)]
    done, _pending = await asyncio.wait(tasks)
    return sum(task.result() for task in done)


async def gather(work, n, sleep_s):
    return sum(await asyncio.gather(*(work(i, sleep_s) for i in range(n))))


WORKS = {"trivial": trivial, "sleeping": sleeping}
WAYS = {way.__name__: way for way in (create_task_await_each, task_group, wait, gather)}


def peak_rss_bytes():
    """The process's peak resident set size (VmHWM), as the Rust probe reads it."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM line in /proc/self/status")


def one_run(runner, way, work, n, sleep_s):
    """Times one run; the sum proves that every coroutine ran."""
    result = []
    timer = timeit.Timer(
        lambda: result.append(runner.run(way(work, n, sleep_s))), setup="gc.enable()"
    )
    seconds = timer.timeit(number=1)
    assert result == [n * (n - 1) // 2], (way.__name__, result)
    return seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("work", choices=WORKS)
    parser.add_argument("way", choices=WAYS)
    parser.add_argument("n", type=int)
    parser.add_argument("--sleep-ms", type=int, default=1000)
    parser.add_argument("--sample-count", type=int, default=20)
    parser.add_argument("--max-time", type=float, default=4.0)
    args = parser.parse_args()
    if sys.version_info < (3, 11):
        sys.exit("asyncio_bench.py needs Python 3.11 or later (asyncio.TaskGroup)")

    work, way, sleep_s = WORKS[args.work], WAYS[args.way], args.sleep_ms / 1000
    with asyncio.Runner() as runner:
        before = peak_rss_bytes()
        one_run(runner, way, work, args.n, sleep_s)  # warm-up, not counted
        samples, started = [], time.perf_counter()
        while len(samples) < args.sample_count and (
            not samples or time.perf_counter() - started < args.max_time
        ):
            samples.append(one_run(runner, way, work, args.n, sleep_s))
        growth = peak_rss_bytes() - before
    print(f"{len(samples)},{min(samples)},{statistics.median(samples)},{growth}")


if __name__ == "__main__":
    main()
