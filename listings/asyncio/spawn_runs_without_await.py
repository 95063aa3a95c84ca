import asyncio


async def answer() -> int:
    print("The task runs, though nobody has awaited its handle.")
    return 42


async def main() -> None:
    task = asyncio.create_task(answer())

    # The new task gets the event loop's thread only when main gives control back at an await
    # that suspends. sleep(0) suspends main for one turn of the loop, like tokio's yield_now.
    await asyncio.sleep(0)
    print("Back in main.")

    # The task has already finished, so awaiting it hands back its return value at once.
    result = await task
    print(f"The task returned {result}.")


asyncio.run(main())
