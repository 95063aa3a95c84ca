import asyncio


async def record(log: list[int], i: int) -> None:
    log.append(i)


async def main() -> None:
    # Every asyncio task runs on the thread of its event loop, as every task of a LocalSet
    # does, so tasks can share a plain mutable list.
    log: list[int] = []
    tasks = [asyncio.create_task(record(log, i)) for i in range(3)]
    for task in tasks:
        await task

    print(f"The local tasks logged {log}.")


asyncio.run(main())
