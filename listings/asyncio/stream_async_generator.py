import asyncio


async def countdown(start):
    """Counts down from start to 1, one number every 100 ms: an async generator."""
    n = start
    while n > 0:
        print(f"  making {n}")
        await asyncio.sleep(0.1)
        yield n
        n -= 1


async def main():
    # Calling an async generator function makes the generator and runs none of its body.
    numbers = countdown(3)
    print("the stream exists; nothing made yet")

    # Each turn of the loop resumes the body until its next `yield`.
    async for n in numbers:
        print(f"got {n}")

    # An async comprehension drives a generator to the end, like `collect`.
    tens = [n * 10 async for n in countdown(2)]
    print(f"collected {tens}")


asyncio.run(main())
