import asyncio


async def steady(name: str, seconds: float) -> str:
    """A job that takes `seconds` and returns its name. It prints nothing, so that every line
    comes from `main`, in an order no busy machine can change."""
    await asyncio.sleep(seconds)
    return name


async def buggy() -> str:
    """A job with a bug: it reads past the end of a list halfway through."""
    await asyncio.sleep(0.05)
    names = ["first", "second"]
    return names[2]


async def main() -> None:
    first = asyncio.create_task(steady("first", 0.1))
    broken = asyncio.create_task(buggy())
    second = asyncio.create_task(steady("second", 0.15))

    # The exception ends its own task only; the task keeps it, and awaiting the task raises it.
    try:
        name = await broken
        print(f"{name} returned")
    except IndexError as error:
        print(f"the buggy task raised: {error!r}")

    # The other tasks were never disturbed.
    print(f"first: {await first!r}")
    print(f"second: {await second!r}")


asyncio.run(main())
