import asyncio


async def double(n):
    await asyncio.sleep(0)
    return n * 2


def double_blocking(n):
    # A synchronous function that runs async code on an event loop of its own.
    return asyncio.run(double(n))


async def run_async_part():
    # From async code: this thread already runs an event loop. asyncio refuses.
    try:
        print(f"from async code: {double_blocking(21)}")
    except RuntimeError as error:
        print(f"from async code: RuntimeError: {error}")

    # The fix: run it on another thread, and await that.
    print(f"from to_thread: {await asyncio.to_thread(double_blocking, 21)}")


# From synchronous code: it starts its loop, runs it, and closes it. Fine.
print(f"from plain main: {double_blocking(21)}")
asyncio.run(run_async_part())
