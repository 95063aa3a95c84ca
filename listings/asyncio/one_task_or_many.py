import asyncio


async def current_task() -> asyncio.Task[object] | None:
    """Reports which task is running it."""
    return asyncio.current_task()


async def main() -> None:
    # gather wraps each coroutine in a task of its own: asyncio has no function that runs
    # several coroutines concurrently inside one task, as join_all does.
    found = await asyncio.gather(*(current_task() for _ in range(20)))
    print(f"gather ran 20 coroutines in {len(set(found))} tasks")

    # create_task makes one task per coroutine, as tokio::spawn does.
    tasks = [asyncio.create_task(current_task()) for _ in range(20)]
    found = [await task for task in tasks]
    print(f"create_task ran 20 coroutines in {len(set(found))} tasks")


asyncio.run(main())
