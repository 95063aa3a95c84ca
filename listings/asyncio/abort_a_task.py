import asyncio


async def job(name: str, seconds: float) -> str:
    """A job that takes `seconds`, then reports and returns its name."""
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        # Cancellation arrives as an exception at the `await`. This is the place to clean up;
        # re-raising it lets the task end as cancelled.
        print(f"  {name} was cancelled before it finished")
        raise
    print(f"  {name} finished")
    return name


async def watchdog(task: asyncio.Task[str], seconds: float) -> None:
    """Cancels `task` after `seconds`: any code holding the task may cancel it."""
    await asyncio.sleep(seconds)
    task.cancel()


async def main() -> None:
    # Cancel through the task itself. Both jobs would take an hour: they never end on their own.
    download = asyncio.create_task(job("download", 3600))
    await asyncio.sleep(0.05)
    download.cancel()
    # Awaiting a cancelled task raises CancelledError; `asyncio.wait` only waits for its end.
    await asyncio.wait([download])
    print(f"download cancelled: {download.cancelled()}")

    # There is no separate AbortHandle: a reference to the task is enough, here a watchdog's.
    upload = asyncio.create_task(job("upload", 3600))
    guard = asyncio.create_task(watchdog(upload, 0.05))
    await asyncio.wait([upload])
    print(f"upload cancelled: {upload.cancelled()}")
    await guard


asyncio.run(main())
