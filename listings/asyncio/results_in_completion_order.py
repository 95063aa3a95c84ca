import asyncio


async def slow_double(value: int) -> int:
    """Doubles `value`, slowly: the bigger the value, the longer it takes (value × 50 ms).

    Unlike the tokio listing's, it prints nothing when it finishes: on a real clock, a busy
    machine could finish the next job before `main` prints its "got" line, so only the "got"
    lines come in an order that never changes."""
    await asyncio.sleep(value * 0.05)
    return value * 2


async def main() -> None:
    # `as_completed` hands out the results as the jobs finish, like a `join_next` loop.
    print("as_completed:")
    for next_done in asyncio.as_completed([slow_double(3), slow_double(1), slow_double(2)]):
        print(f"got {await next_done}")

    # Collected into a list, the results keep that order, like `JoinSet::join_all`.
    print("as_completed, into a list:")
    jobs = [slow_double(3), slow_double(1), slow_double(2)]
    doubled = [await next_done for next_done in asyncio.as_completed(jobs)]
    print(f"results: {doubled}")


asyncio.run(main())
