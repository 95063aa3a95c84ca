import asyncio

WORKERS = 2


async def worker(worker_id, queue):
    done = 0
    # Every worker takes from the same queue; a sentinel (None) tells it to stop.
    while (millis := await queue.get()) is not None:
        await asyncio.sleep(millis / 1000)
        print(f"worker {worker_id} finished a {millis} ms job")
        done += 1
    return done


async def main():
    queue = asyncio.Queue(maxsize=16)
    async with asyncio.TaskGroup() as tg:
        workers = [tg.create_task(worker(i, queue)) for i in range(1, WORKERS + 1)]

        for millis in [2000, 100, 200, 300]:
            await queue.put(millis)
        # One sentinel per worker: each stops when it takes one.
        for _ in range(WORKERS):
            await queue.put(None)

    counts = [w.result() for w in workers]
    print(f"jobs per worker: {counts}")


asyncio.run(main())
