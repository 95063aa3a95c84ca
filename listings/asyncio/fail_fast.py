import asyncio


async def check(part: str, seconds: float, fails: bool) -> str:
    """Checks one part of a system: after `seconds`, reports it fine, or raises."""
    await asyncio.sleep(seconds)
    if fails:
        raise ConnectionError(f"{part} is down")
    print(f"  {part} is fine")
    return part


async def main() -> None:
    # Memory and database would take an hour: they are surely still running when the
    # network check fails.
    try:
        async with asyncio.TaskGroup() as group:
            tasks = [
                group.create_task(check("disk", 0.05, fails=False)),
                group.create_task(check("network", 0.1, fails=True)),
                group.create_task(check("memory", 3600, fails=False)),
                group.create_task(check("database", 3600, fails=False)),
            ]
    except* ConnectionError as group_error:
        # The group cancelled the others and waited until they had stopped, then raised an
        # ExceptionGroup holding the error.
        cancelled = sum(task.cancelled() for task in tasks)
        print(f"  cancelled {cancelled} checks still running")
        for error in group_error.exceptions:
            print(f"failed: {error}")
    else:
        print(f"all fine: {[task.result() for task in tasks]}")


asyncio.run(main())
