import asyncio


async def slow_double(value: int) -> int:
    """Doubles `value`, slowly: the bigger the value, the longer it takes (value × 50 ms), so
    the jobs finish in a different order from the one they were started in."""
    await asyncio.sleep(value * 0.05)
    print(f"  finished {value}")
    return value * 2


async def main() -> None:
    # The labels name the tokio listing's two ways, so that both programs print the same.
    # `gather(*coros)` takes any number of awaitables, like `join_all`.
    print("join_all:")
    doubled = await asyncio.gather(*map(slow_double, [3, 1, 2]))
    print(f"results: {doubled}")

    # Written out for a fixed few, like `join!`. `gather` still returns a list; it unpacks into
    # one name per result.
    print("join!:")
    a, b, c = await asyncio.gather(slow_double(3), slow_double(1), slow_double(2))
    print(f"results: ({a}, {b}, {c})")


asyncio.run(main())
