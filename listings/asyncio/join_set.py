import asyncio


async def work(value: int) -> None:
    """Stands in for real work, such as a network request: waits one second, then reports."""
    await asyncio.sleep(1)
    print(f">Task {value} done")


async def main() -> None:
    # The group owns its tasks: leaving the block waits for all of them (and if one of them
    # raises, the group cancels the others and raises an ExceptionGroup).
    async with asyncio.TaskGroup() as group:
        for i in range(20):
            group.create_task(work(i))
    print("Done.")


asyncio.run(main())
