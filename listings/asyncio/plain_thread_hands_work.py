import asyncio
import threading


async def compute():
    await asyncio.sleep(0.01)
    return 6 * 7


async def main():
    # The loop is what code outside it needs to reach it.
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue(maxsize=8)
    result = []

    # A plain thread, as a GUI toolkit or a C library's callback would give you.
    def work():
        # 1. Send values in: asyncio.Queue is not thread-safe, so the put must run on the
        #    loop's thread; .result() waits for it, by blocking this thread.
        for n in range(1, 4):
            asyncio.run_coroutine_threadsafe(queue.put(n), loop).result()
        asyncio.run_coroutine_threadsafe(queue.put(None), loop).result()

        # 2. Run a coroutine on the loop and wait for its result.
        future = asyncio.run_coroutine_threadsafe(compute(), loop)
        result.append(future.result())

    thread = threading.Thread(target=work)
    thread.start()

    while (n := await queue.get()) is not None:
        print(f"runtime: got {n} from the thread")
    # Wait for the thread without blocking the loop, which must run compute() for it.
    await asyncio.to_thread(thread.join)
    print(f"runtime: the thread is done; the runtime computed {result[0]} for it")


asyncio.run(main())
