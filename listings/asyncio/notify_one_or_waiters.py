import asyncio


async def main():
    # 1. An Event remembers that it was set, for every waiter, until someone clears it.
    event = asyncio.Event()
    event.set()
    event.set()
    await event.wait()
    print("first wait: done at once, the event is set")
    try:
        await asyncio.wait_for(event.wait(), 0.1)
        print("second wait: done at once too, the event stays set")
    except TimeoutError:
        print("second wait: still waiting after 100 ms")

    # 2. Condition.notify_all wakes every task that waits right now, and stores nothing.
    condition = asyncio.Condition()

    async def listener(listener_id):
        async with condition:
            await condition.wait()
        return listener_id

    async with asyncio.TaskGroup() as tg:
        listeners = [tg.create_task(listener(i)) for i in range(1, 4)]
        # Let the three listeners start waiting.
        await asyncio.sleep(0.01)
        async with condition:
            condition.notify_all()
    woken = sorted(task.result() for task in listeners)
    print(f"listeners woken: {woken}")

    try:
        async with condition:
            await asyncio.wait_for(condition.wait(), 0.1)
    except TimeoutError:
        print("a late listener: still waiting after 100 ms, it missed the call")


asyncio.run(main())
