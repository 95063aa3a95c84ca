import asyncio


async def squarer(requests):
    # Answers requests until it gets the sentinel. It takes n × 100 ms to square n, and
    # refuses to square 0.
    while (request := await requests.get()) is not None:
        n, reply = request
        if n == 0:
            # A future nobody resolves is awaited forever: refuse explicitly.
            reply.set_exception(ValueError("cannot square 0"))
            continue
        await asyncio.sleep(n / 10)
        # wait_for cancelled the future if the asker gave up.
        if reply.cancelled():
            print(f"  squarer: nobody waits for the square of {n}")
        else:
            reply.set_result(n * n)


async def ask(requests, n):
    # A bare future, resolved by the squarer: asyncio's one-shot channel.
    reply = asyncio.get_running_loop().create_future()
    await requests.put((n, reply))
    return await reply


async def main():
    requests = asyncio.Queue(maxsize=8)
    worker = asyncio.create_task(squarer(requests))

    square = await ask(requests, 4)
    print(f"4 squared is {square}")
    try:
        square = await ask(requests, 0)
        print(f"0 squared is {square}")
    except ValueError:
        print("no square of 0: the squarer gave no answer")
    # Squaring 9 takes 900 ms: give up after 50 ms, which cancels the reply future.
    try:
        await asyncio.wait_for(ask(requests, 9), 0.05)
    except TimeoutError:
        print("gave up on 9")

    await requests.put(None)
    await worker


asyncio.run(main())
