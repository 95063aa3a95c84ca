import asyncio


async def sleep_until(deadline: float) -> None:
    """Waits until the event loop's clock (`loop.time()`) reads `deadline`."""
    loop = asyncio.get_running_loop()
    woken = loop.create_future()
    timer = loop.call_at(deadline, woken.set_result, None)
    try:
        await woken
    finally:
        timer.cancel()


async def slow_double(value: int, start: float) -> int:
    """Doubles `value`, slowly: it finishes `value` × 50 ms after `start`, so the jobs finish in
    a different order from the one they were started in.

    Every job counts from the same `start`, not from its own first step: a busy machine may
    run one job's first step late, but its deadline stays where it was."""
    await sleep_until(start + value * 0.05)
    print(f"  finished {value}")
    return value * 2


async def main() -> None:
    start = asyncio.get_running_loop().time()
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(slow_double(value, start)) for value in [3, 1, 2]]
    # The group has waited for every task. It keeps no results, but each task keeps its own:
    # reading them in the order the tasks were created gives the input order, no index needed.
    doubled = [task.result() for task in tasks]
    print(f"results: {doubled}")


asyncio.run(main())
