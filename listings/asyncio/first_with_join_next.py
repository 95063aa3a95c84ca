import asyncio


async def job(name: str, seconds: float) -> str:
    """A job that takes `seconds`, then returns its name. It reports only if it is cancelled:
    on a real clock, a "finished" line could come before or after a line of `main`'s."""
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"  {name} was cancelled before it finished")
        raise
    return name


async def main() -> None:
    # The slow job would take an hour, far longer than this program runs.
    tasks = [
        asyncio.create_task(job("slow", 3600)),
        asyncio.create_task(job("fast", 0.05)),
        asyncio.create_task(job("medium", 0.1)),
    ]

    # `as_completed` yields the results in the order the tasks finish; take the first only.
    first = await next(asyncio.as_completed(tasks))
    print(f"first: {first}")

    # The other tasks keep running while no one waits for them: "medium" finishes now.
    await asyncio.sleep(0.2)
    finished = [task.result() for task in tasks if task.done()]
    print(f"finished by now: {', '.join(finished)}")

    # Nothing stops the rest, as dropping a JoinSet would: cancel them, and wait until they end.
    for task in tasks:
        task.cancel()
    await asyncio.wait(tasks)
    print("done")


asyncio.run(main())
