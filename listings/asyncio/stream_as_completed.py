import asyncio


async def slow_double(value):
    """Doubles value, slowly: value × 300 ms, so the jobs finish out of order."""
    # Six times the listing's 50 ms: asyncio's clock is real, and if a busy machine held up
    # the program past two deadlines, both jobs would finish before main printed the first.
    await asyncio.sleep(value * 0.3)
    print(f"  finished {value}")
    return value * 2


async def main():
    # Three tasks; as_completed hands out their results in the order they finish.
    tasks = [asyncio.create_task(slow_double(value)) for value in [3, 1, 2]]
    for next_done in asyncio.as_completed(tasks):
        print(f"got {await next_done}")

    # Coroutines this time. as_completed wraps each in a task, and stopping after two
    # results cancels nothing.
    first_two = []
    for next_done in asyncio.as_completed([slow_double(v) for v in [3, 1, 2]]):
        first_two.append(await next_done)
        if len(first_two) == 2:
            break
    print(f"first two: {first_two}")

    # The third task runs on and finishes while main sleeps.
    await asyncio.sleep(0.6)
    print("done")


asyncio.run(main())
