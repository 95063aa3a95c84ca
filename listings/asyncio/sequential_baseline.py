import asyncio


async def work(value: int) -> None:
    """Stands in for real work, such as a network request: waits one second, then reports."""
    await asyncio.sleep(1)
    print(f">Task {value} done")


async def main() -> None:
    # Each call is awaited before the next one is made: one sleep at a time, twenty seconds.
    for i in range(20):
        await work(i)
    print("Done.")


asyncio.run(main())
