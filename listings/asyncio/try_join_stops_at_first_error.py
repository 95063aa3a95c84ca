import asyncio


async def check(part: str, seconds: float, fails: bool) -> str:
    """Checks one part of a system: after `seconds`, reports it fine, or raises."""
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"  {part} was cancelled before it finished")
        raise
    if fails:
        raise ConnectionError(f"{part} is down")
    print(f"  {part} is fine")
    return part


async def main() -> None:
    # The memory check would take an hour: it is surely still running when the network fails.
    disk = asyncio.create_task(check("disk", 0.05, fails=False))
    network = asyncio.create_task(check("network", 0.1, fails=True))
    memory = asyncio.create_task(check("memory", 3600, fails=False))

    # `gather` raises the first exception, like `try_join_all` returns the first `Err`...
    try:
        fine = await asyncio.gather(disk, network, memory)
        print(f"all fine: {fine}")
    except ConnectionError as error:
        print(f"failed: {error}")

    # ...but it cancels nothing: the memory check runs on until someone cancels it.
    print(f"memory still running: {not memory.done()}")
    memory.cancel()
    await asyncio.wait([memory])


asyncio.run(main())
