import asyncio


async def task():
    try:
        await asyncio.sleep(10)
        print("  the task finished")
    except asyncio.CancelledError:
        print("  the unfinished task was stopped at shutdown")
        raise


background = set()


async def body():
    # Keep a reference: the event loop keeps only a weak one to each task.
    background.add(asyncio.create_task(task()))
    await asyncio.sleep(0.01)
    print("body: done, with a task still sleeping")


# asyncio.run(body()) does all of this in one call; asyncio.Runner (3.11+) shows the steps.
runner = asyncio.Runner()
# Runs body() on a new event loop, on this thread, until it is done.
runner.run(body())
print("back in plain main")

# Closing the runner cancels every task that is left, and lets each handle it.
runner.close()
print("runtime closed")
