import asyncio


async def greet(i: int, names: list[str]) -> str:
    return f"task {i} greets {names[i]}"


async def main() -> None:
    # Every task can use the same list, with no Arc and no move: all the tasks run on the
    # event loop's one thread, and the list lives as long as anything refers to it.
    names = ["ada", "grace", "guido"]
    tasks = [asyncio.create_task(greet(i, names)) for i in range(len(names))]

    for task in tasks:
        print(await task)


asyncio.run(main())
