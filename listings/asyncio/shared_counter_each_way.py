import asyncio

TASKS = 4
ADDS = 10_000


class Counter:
    def __init__(self):
        self.value = 0


async def in_tasks(make_task):
    async with asyncio.TaskGroup() as tg:
        for _ in range(TASKS):
            tg.create_task(make_task())


async def main():
    # 1. A plain object: every task runs on the event loop's one thread, and no other task
    #    can run between the read and the write of `+=`, which has no await.
    count = Counter()

    async def add_plain():
        for _ in range(ADDS):
            count.value += 1

    await in_tasks(add_plain)
    print(f"a plain attribute:      {count.value}")

    # 2. An asyncio.Lock: needed only when the update spans an await (not here).
    count = Counter()
    lock = asyncio.Lock()

    async def add_locked():
        for _ in range(ADDS):
            async with lock:
                count.value += 1

    await in_tasks(add_locked)
    print(f"asyncio.Lock:           {count.value}")

    # 3. No sharing: one task owns the count, the others send it messages.
    queue = asyncio.Queue(maxsize=64)

    async def owner():
        total = 0
        while (n := await queue.get()) is not None:
            total += n
        return total

    owner_task = asyncio.create_task(owner())

    async def add_by_message():
        for _ in range(ADDS):
            await queue.put(1)

    await in_tasks(add_by_message)
    await queue.put(None)
    print(f"an owner and a queue:   {await owner_task}")


asyncio.run(main())
