import asyncio


async def greet(name: str) -> str:
    """A coroutine function: calling it builds a coroutine object, which runs when awaited."""
    print(f"greet({name}) starts running")
    return f"Hello, {name}!"


async def main() -> None:
    # This line runs none of greet's body: it only builds the coroutine object.
    greeting = greet("asyncio")
    print("The coroutine exists, but greet has not started.")

    # Awaiting the coroutine runs it to completion and hands back its return value.
    text = await greeting
    print(text)


asyncio.run(main())
