import asyncio


async def worker(number: int, stop: asyncio.Event) -> None:
    """Works in small steps until `stop` is set, then saves its work and stops."""
    while not stop.is_set():
        try:
            # Wait 20 ms for `stop`, like the `select!` of the tokio listing: a worker that is
            # told to stop wakes at once, not at the end of its step.
            async with asyncio.timeout(0.02):
                await stop.wait()
        except TimeoutError:
            pass  # One step of work would go here.
    # Saving takes a while, so the workers stop in a known order. (The tokio listing's clock is
    # paused and 30 ms steps do; this one is real, so the steps are 200 ms, longer than any
    # stall of a busy machine between two workers setting their timers.)
    await asyncio.sleep(number * 0.2)
    print(f"  worker {number} saved its work")


async def main() -> None:
    stop = asyncio.Event()
    workers = [asyncio.create_task(worker(number, stop)) for number in [3, 1, 2]]

    # The program's life: in a server, this is where it waits for a signal to stop.
    await asyncio.sleep(0.1)

    print(f"shutting down {len(workers)} workers")
    stop.set()
    await asyncio.gather(*workers)
    print(f"all stopped; workers left: {sum(not task.done() for task in workers)}")


asyncio.run(main())
