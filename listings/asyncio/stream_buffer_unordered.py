import asyncio


async def slow_double(value):
    """Doubles value, slowly: value × 300 ms."""
    # Six times the listing's 50 ms: asyncio's clock is real, and on a busy machine job 2,
    # which starts only when job 1 has ended, must still end well before job 4.
    await asyncio.sleep(value * 0.3)
    print(f"  finished {value}")
    return value * 2


async def inputs():
    """The inputs, as an async generator that says when each one is pulled from it."""
    for value in [4, 1, 2, 3]:
        print(f"  pulled {value}")
        yield value


async def map_unordered(job, source, limit):
    """Runs job(x) for each x of source, at most limit at once, and yields each result as
    soon as its job ends."""
    slots = asyncio.Semaphore(limit)

    async def limited(x):
        async with slots:
            return await job(x)

    # The semaphore limits the jobs in flight, not the tasks: every input is pulled and
    # every task created here, and all but two of them wait for a slot.
    tasks = [asyncio.create_task(limited(x)) async for x in source]
    for next_done in asyncio.as_completed(tasks):
        yield await next_done


async def main():
    async for result in map_unordered(slow_double, inputs(), 2):
        print(f"got {result}")
    print("all done")


asyncio.run(main())
