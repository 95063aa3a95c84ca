import asyncio


async def fetch_user() -> str:
    await asyncio.sleep(0.3)
    return "ada"


async def fetch_orders() -> int:
    await asyncio.sleep(0.1)
    return 3


async def main() -> None:
    # gather returns the results in the order written, once all are done (after 300 ms, not
    # 400), as join! does, though it runs each coroutine as a task of its own.
    user, orders = await asyncio.gather(fetch_user(), fetch_orders())
    print(f"{user} has {orders} orders")


asyncio.run(main())
