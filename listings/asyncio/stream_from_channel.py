import asyncio

END = object()


async def countdown(start, queue):
    """The countdown as a task that puts each number into a queue, then a marker for the end."""
    for n in range(start, 0, -1):
        print(f"  making {n}")
        await asyncio.sleep(0.1)
        # Waits while the queue is full.
        await queue.put(n)
    await queue.put(END)


async def numbers_from(queue):
    """An async generator over the queue: what ReceiverStream does for a tokio channel."""
    while (n := await queue.get()) is not END:
        yield n


async def main():
    # Room for one number: the task can make one number ahead of the reader, no more.
    queue = asyncio.Queue(maxsize=1)
    producer = asyncio.create_task(countdown(3, queue))

    async for n in numbers_from(queue):
        print(f"got {n}")
        # The reader takes its time over each number; meanwhile the task works ahead.
        await asyncio.sleep(0.25)
    print("the channel is closed")
    await producer


asyncio.run(main())
