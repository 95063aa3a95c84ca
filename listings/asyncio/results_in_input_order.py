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
    loop = asyncio.get_running_loop()

    # The labels name the tokio listing's two ways, so that both programs print the same.
    # `gather(*coros)` takes any number of awaitables, like `join_all`.
    print("join_all:")
    start = loop.time()
    doubled = await asyncio.gather(*(slow_double(value, start) for value in [3, 1, 2]))
    print(f"results: {doubled}")

    # Written out for a fixed few, like `join!`. `gather` still returns a list; it unpacks into
    # one name per result.
    print("join!:")
    start = loop.time()
    a, b, c = await asyncio.gather(
        slow_double(3, start), slow_double(1, start), slow_double(2, start)
    )
    print(f"results: ({a}, {b}, {c})")


asyncio.run(main())
