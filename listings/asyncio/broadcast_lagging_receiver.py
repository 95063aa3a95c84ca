import asyncio


async def listen(name, queue):
    # Receives every value until the sentinel.
    while (value := await queue.get()) is not None:
        print(f"  {name} got {value}")


async def main():
    # asyncio has no broadcast channel: each listener gets its own queue, and the sender
    # puts every value into each of them. Unbounded queues: the slow one just grows.
    fast_queue, slow_queue = asyncio.Queue(), asyncio.Queue()
    listeners = [fast_queue, slow_queue]

    fast = asyncio.create_task(listen("fast", fast_queue))

    for value in range(1, 6):
        await asyncio.sleep(0.01)
        for queue in listeners:
            queue.put_nowait(value)
        print(f"sent {value}")
    for queue in listeners:
        queue.put_nowait(None)
    await fast

    # The slow listener's queue was there from the start, but it starts receiving only now.
    await listen("slow", slow_queue)

    # With no listener at all, a value goes nowhere, and nothing says so.
    listeners = []
    for queue in listeners:
        queue.put_nowait(6)
    print("nobody listens: 6 went nowhere")


asyncio.run(main())
