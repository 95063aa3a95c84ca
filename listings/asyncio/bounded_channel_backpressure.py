import asyncio


async def produce(queue):
    for item in range(1, 6):
        # put() waits while the queue holds maxsize items.
        await queue.put(item)
        print(f"sent {item}")
    print("producer done")
    await queue.put(None)  # the sentinel: no more items


async def main():
    # Room for two items: a third put() waits until the consumer takes one.
    queue = asyncio.Queue(maxsize=2)
    producer = asyncio.create_task(produce(queue))

    # A slow consumer: 100 ms per item.
    while (item := await queue.get()) is not None:
        print(f"  handling {item}")
        await asyncio.sleep(0.1)
    await producer


asyncio.run(main())
