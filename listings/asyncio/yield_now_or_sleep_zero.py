import asyncio


async def main() -> None:
    # Another task, always ready to run: it counts its turns and gives the loop back.
    turns = 0

    async def count_turns() -> None:
        nonlocal turns
        while True:
            turns += 1
            await asyncio.sleep(0)

    counter = asyncio.create_task(count_turns())

    # `asyncio.sleep(0)` sets no timer: it only lets the other ready tasks run once.
    before = turns
    for _ in range(100):
        await asyncio.sleep(0)
    print(f"100 asyncio.sleep(0): the other task ran {turns - before} times")

    counter.cancel()


asyncio.run(main())
