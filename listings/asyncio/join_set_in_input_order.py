import asyncio


async def slow_double(value: int) -> int:
    """Doubles `value`, slowly: the bigger the value, the longer it takes (value × 50 ms), so
    the jobs finish in a different order from the one they were started in."""
    await asyncio.sleep(value * 0.05)
    print(f"  finished {value}")
    return value * 2


async def main() -> None:
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(slow_double(value)) for value in [3, 1, 2]]
    # The group has waited for every task. It keeps no results, but each task keeps its own:
    # reading them in the order the tasks were created gives the input order, no index needed.
    doubled = [task.result() for task in tasks]
    print(f"results: {doubled}")


asyncio.run(main())
