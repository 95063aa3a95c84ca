import asyncio


async def work(value: int) -> None:
    """Stands in for real work, such as a network request: waits one second, then reports."""
    await asyncio.sleep(1)
    print(f">Task {value} done")


async def main() -> None:
    # A lazy generator, like the iterator in the tokio listing: it has not called work yet.
    coroutines = (work(i) for i in range(20))

    # Unpacking it calls work twenty times, which builds twenty coroutine objects (none runs
    # yet). gather wraps each in a task of its own, where join_all spawns none, and waits
    # until every one is done.
    await asyncio.gather(*coroutines)
    print("Done.")


asyncio.run(main())
