import asyncio


async def work(value: int) -> None:
    """Stands in for real work, such as a network request: waits one second, then reports."""
    await asyncio.sleep(1)
    print(f">Task {value} done")


async def main() -> None:
    # create_task hands each coroutine to the event loop, which starts it as soon as main
    # gives control back: no await is needed for that.
    tasks = [asyncio.create_task(work(i)) for i in range(20)]

    # Wait for each task in turn. While we wait for the first, all twenty make progress.
    for task in tasks:
        await task
    print("Done.")


asyncio.run(main())
