import asyncio
import os
import sys
import threading
import time


async def main():
    # A watchdog on a plain thread: once the event loop's thread is stuck, its own timers
    # cannot fire, so something outside it must end the program.
    about_to_lock = threading.Event()

    def watchdog():
        about_to_lock.wait()
        time.sleep(1)
        print("watchdog: 1 s later, the runtime's thread is still stuck")
        sys.stdout.flush()
        os._exit(0)

    threading.Thread(target=watchdog, daemon=True).start()

    # A thread lock, not an asyncio.Lock: acquiring it blocks the whole thread.
    lock = threading.Lock()

    async def task():
        print("task: waiting for the lock")
        about_to_lock.set()
        with lock:
            print("task: done")

    lock.acquire()
    print("main: holding the lock across an .await")
    t = asyncio.create_task(task())
    # While main waits here, the loop runs the task, which blocks the only thread in
    # acquire(). So the sleep never ends, and the lock is never released.
    await asyncio.sleep(0.01)
    lock.release()

    await t
    print("main: done")


asyncio.run(main())
