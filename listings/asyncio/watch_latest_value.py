import asyncio


class State:
    """The latest value, a version that counts the changes, and whether the sender is gone:
    asyncio has no watch channel, so this and a Condition stand in for one."""

    def __init__(self, value):
        self.value = value
        self.version = 0
        self.closed = False


async def main():
    state = State("starting")
    changed = asyncio.Condition()

    async def publish(value):
        async with changed:
            state.value = value
            state.version += 1
            changed.notify_all()
        print(f"published {value}")

    async def listener(seen):
        while True:
            async with changed:
                # Wait for a version this listener has not seen, or for the end.
                await changed.wait_for(lambda: state.version != seen or state.closed)
                if state.version == seen:
                    break
                seen, value = state.version, state.value
            print(f"  listener sees {value}")
        print("  listener: the sender is gone")

    # Like a watch Receiver, the listener starts from the version current when it is made.
    task = asyncio.create_task(listener(state.version))

    await publish("loading")
    await asyncio.sleep(0.1)

    # Two changes before the listener gets to run: it will see only the second.
    await publish("parsing")
    await publish("checking")
    await asyncio.sleep(0.1)

    await publish("ready")
    await asyncio.sleep(0.1)

    # wait_for checks the condition first, so it returns at once: the value is "ready".
    async with changed:
        await changed.wait_for(lambda: state.value == "ready")
    print("a late listener: ready, without waiting")

    async with changed:
        state.closed = True
        changed.notify_all()
    await task


asyncio.run(main())
