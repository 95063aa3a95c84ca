import asyncio

TASKS = 4
ROUNDS = 1000


class Counter:
    def __init__(self):
        self.value = 0


async def add_racy(counter):
    for _ in range(ROUNDS):
        value = counter.value
        # Stands in for any await between the read and the write (a request, a query).
        await asyncio.sleep(0)
        counter.value = value + 1


async def add_locked(counter, lock):
    for _ in range(ROUNDS):
        # The lock is held from the read to the write, across the await.
        async with lock:
            value = counter.value
            await asyncio.sleep(0)
            counter.value = value + 1


async def main():
    counter = Counter()
    async with asyncio.TaskGroup() as tg:
        for _ in range(TASKS):
            tg.create_task(add_racy(counter))
    print(f"read, await, write: {counter.value}")

    counter = Counter()
    lock = asyncio.Lock()
    async with asyncio.TaskGroup() as tg:
        for _ in range(TASKS):
            tg.create_task(add_locked(counter, lock))
    print(f"lock held across the await: {counter.value}")
    print(f"expected: {TASKS * ROUNDS}")


asyncio.run(main())
