import asyncio


async def work(value: int) -> None:
    """Stands in for real work, such as a network request: waits one second, then reports."""
    await asyncio.sleep(1)
    print(f">Task {value} done")


async def main() -> None:
    # Create the tasks first: asyncio.wait takes tasks, and since Python 3.11 it rejects
    # bare coroutines.
    tasks = [asyncio.create_task(work(i)) for i in range(20)]

    # Then wait for the whole group at once. The tasks come back in two sets, in no order.
    done, pending = await asyncio.wait(tasks)

    # Every task is done, and none raised: wait leaves a task's exception inside the task.
    assert not pending and all(task.exception() is None for task in done)
    print("Done.")


asyncio.run(main())
