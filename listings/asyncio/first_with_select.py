import asyncio


async def job(name: str, seconds: float) -> str:
    """A job that takes `seconds`, then reports and returns its name."""
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        # Cancelling a task raises CancelledError at its `await`; re-raising it lets the task
        # end as cancelled.
        print(f"  {name} was cancelled before it finished")
        raise
    print(f"  {name} finished")
    return name


async def main() -> None:
    # The slow job would take an hour: on a real clock, that is what makes sure it loses.
    slow = asyncio.create_task(job("slow", 3600))
    fast = asyncio.create_task(job("fast", 0.05))
    done, pending = await asyncio.wait([slow, fast], return_when=asyncio.FIRST_COMPLETED)

    # `asyncio.wait` leaves the others running. To stop them, as `select!` does, cancel them,
    # and wait until they have ended.
    for task in pending:
        task.cancel()
    await asyncio.wait(pending)
    print(f"first: {done.pop().result()}")


asyncio.run(main())
