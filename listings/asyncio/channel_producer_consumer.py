import asyncio


async def produce(queue):
    for job in range(1, 4):
        await asyncio.sleep(0.01)
        print(f"produced job {job}")
        await queue.put(job)
    print("producer done")
    # A queue cannot tell that its producers are gone: put a sentinel to say so.
    await queue.put(None)


async def main():
    queue = asyncio.Queue(maxsize=8)
    producer = asyncio.create_task(produce(queue))

    while (job := await queue.get()) is not None:
        print(f"consumed job {job}")
    print("no more jobs")
    await producer


asyncio.run(main())
