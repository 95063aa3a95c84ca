import asyncio
import time

STEP = 0.02


async def steps_that_await(name: str) -> None:
    """Three steps, each waiting with asyncio's sleep: the task gives the loop back while it
    waits."""
    for step in range(1, 4):
        await asyncio.sleep(STEP)
        print(f"  {name} step {step}")


async def steps_that_block(name: str) -> None:
    """Three steps, each waiting with `time.sleep`: the task keeps the loop's one thread."""
    for step in range(1, 4):
        time.sleep(STEP)
        print(f"  {name} step {step}")


async def main() -> None:
    print("awaiting:")
    a = asyncio.create_task(steps_that_await("a"))
    b = asyncio.create_task(steps_that_await("b"))
    await a
    await b

    print("blocking:")
    a = asyncio.create_task(steps_that_block("a"))
    b = asyncio.create_task(steps_that_block("b"))
    await a
    await b


asyncio.run(main())
