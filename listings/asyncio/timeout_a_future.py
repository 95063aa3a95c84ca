import asyncio

LIMIT = 0.05


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
    # "quick" does not wait at all, so it is in time however busy the machine is.
    try:
        async with asyncio.timeout(LIMIT):
            name = await job("quick", 0)
        print(f"{name}: in time")
    except TimeoutError:
        print("quick: timed out")

    # Past the limit, the timeout cancels what runs inside its block: the work stops there.
    try:
        async with asyncio.timeout(LIMIT):
            name = await job("slow", 0.1)
        print(f"{name}: in time")
    except TimeoutError:
        print("slow: timed out")

    # Unlike tokio's `timeout` around a JoinHandle, `wait_for` cancels the task it waits for.
    spawned = asyncio.create_task(job("spawned", 0.1))
    try:
        name = await asyncio.wait_for(spawned, LIMIT)
        print(f"{name}: in time")
    except TimeoutError:
        print(f"spawned: timed out; cancelled: {spawned.cancelled()}")


asyncio.run(main())
