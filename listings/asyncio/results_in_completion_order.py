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
    """Doubles `value`, slowly: it finishes `value` × 50 ms after `start`. Every job counts
    from the same `start`, so a busy machine that runs one job's first step late does not move
    its deadline.

    Unlike the tokio listing's, it prints nothing when it finishes: on a real clock, a busy
    machine could finish the next job before `main` prints its "got" line, so only the "got"
    lines come in an order that never changes."""
    await sleep_until(start + value * 0.05)
    return value * 2


async def main() -> None:
    loop = asyncio.get_running_loop()

    # `as_completed` hands out the results as the jobs finish, like a `join_next` loop.
    print("as_completed:")
    start = loop.time()
    jobs = [slow_double(value, start) for value in [3, 1, 2]]
    for next_done in asyncio.as_completed(jobs):
        print(f"got {await next_done}")

    # Collected into a list, the results keep that order, like `JoinSet::join_all`.
    print("as_completed, into a list:")
    start = loop.time()
    jobs = [slow_double(value, start) for value in [3, 1, 2]]
    doubled = [await next_done for next_done in asyncio.as_completed(jobs)]
    print(f"results: {doubled}")


asyncio.run(main())
