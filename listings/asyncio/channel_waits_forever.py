import asyncio


async def main():
    # 1. fill() puts more than the queue holds, and the only getter is the rest of main,
    #    which waits for fill(): nobody takes an item out, so the third put() waits forever.
    queue = asyncio.Queue(maxsize=2)

    async def fill():
        for item in range(1, 4):
            await queue.put(item)
            print(f"sent {item}")

    try:
        await asyncio.wait_for(fill(), 0.5)
    except TimeoutError:
        print("stuck: the buffer is full and nobody receives")
    while not queue.empty():
        print(f"received {queue.get_nowait()}")

    # 2. The consumer waits for a sentinel that nobody has put yet.
    queue = asyncio.Queue(maxsize=8)

    async def consume():
        count = 0
        while await queue.get() is not None:
            count += 1
        return count

    consumer = asyncio.create_task(consume())
    await asyncio.create_task(queue.put(7))

    # asyncio.wait, unlike wait_for, does not cancel the task when the time is up.
    done, _ = await asyncio.wait({consumer}, timeout=0.5)
    if not done:
        print("stuck: the consumer still waits for the end of the work")
    await queue.put(None)
    count = await consumer
    print(f"once told, the consumer stops: it received {count} item")


asyncio.run(main())
