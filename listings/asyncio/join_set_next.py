import asyncio


async def work(value: int) -> None:
    """Stands in for real work, such as a network request: waits one second, then reports."""
    await asyncio.sleep(1)
    print(f">Task {value} done")


async def main() -> None:
    tasks = [asyncio.create_task(work(i)) for i in range(20)]

    # Take each task's result as soon as it finishes: each awaitable that as_completed hands
    # out gives the result of the next task to complete.
    for next_done in asyncio.as_completed(tasks):
        # Had the task raised, the exception would come out here and stop the program.
        await next_done
    print("Done.")


asyncio.run(main())
