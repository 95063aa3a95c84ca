import asyncio
import queue
import time


def crunch(heartbeats: queue.Queue[None]) -> int:
    """Stands in for work that holds its thread, such as a long computation. So that the output
    is the same on every run, it does not run for a fixed time: it blocks until it has heard
    three heartbeats, and gives up after one second."""
    give_up_at = time.monotonic() + 1
    heard = 0
    while heard < 3:
        try:
            heartbeats.get(timeout=max(0, give_up_at - time.monotonic()))
        except queue.Empty:
            break
        heard += 1
    return heard


async def heartbeat(listener: queue.Queue[None]) -> None:
    """Beats every 10 ms, until it is cancelled."""
    while True:
        await asyncio.sleep(0.01)
        listener.put(None)


async def main() -> None:
    print("crunch on the event loop's thread:")
    heartbeats: queue.Queue[None] = queue.Queue()
    heart = asyncio.create_task(heartbeat(heartbeats))
    heard = crunch(heartbeats)
    heart.cancel()
    print(f"  heartbeats heard: {heard}")

    # `to_thread` runs `crunch` on a thread of the loop's default executor, and `await` gives
    # the loop back meanwhile. (Waiting in `get` lets go of the GIL; Python code that computes
    # holds it, and lets the loop's thread in only every few milliseconds.)
    print("crunch in to_thread:")
    heartbeats = queue.Queue()
    heart = asyncio.create_task(heartbeat(heartbeats))
    heard = await asyncio.to_thread(crunch, heartbeats)
    heart.cancel()
    print(f"  heartbeats heard: {heard}")


asyncio.run(main())
