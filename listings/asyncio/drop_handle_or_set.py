import asyncio


async def job(name: str, seconds: float) -> str:
    """A job that takes `seconds`, then reports and returns its name."""
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"  {name} was cancelled before it finished")
        raise
    print(f"  {name} finished")
    return name


async def main() -> None:
    # A task that no one awaits still runs to its end, like a detached tokio task. (Keep a
    # reference to it all the same: the event loop alone may let it be garbage collected.)
    spawned = asyncio.create_task(job("spawned", 0.05))
    # Let the task start, and set its timer, before the timeout below starts counting.
    await asyncio.sleep(0)

    # A TaskGroup owns its tasks: when the code around it is cancelled, here by a timeout,
    # the group cancels every task still in it, as dropping a JoinSet aborts them.
    try:
        async with asyncio.timeout(0.1):
            async with asyncio.TaskGroup() as group:
                group.create_task(job("in a TaskGroup", 0.2))
    except TimeoutError:
        print("the TaskGroup's block timed out")

    print(f"done; spawned returned {spawned.result()!r}")


asyncio.run(main())
