import asyncio


async def check(part: str, seconds: float, fails: bool) -> str:
    """Checks one part of a system: after `seconds`, returns its name, or raises."""
    await asyncio.sleep(seconds)
    if fails:
        raise ConnectionError(f"{part} is down")
    return part


async def buggy_check() -> str:
    """A check with a bug: it divides by zero."""
    await asyncio.sleep(0.01)
    used, total = 3, 0
    return f"{used / total:.0%} used"


def describe(outcome: str | BaseException) -> str:
    """Puts one task's outcome into words: its value, the error it may raise, or its bug."""
    match outcome:
        case ConnectionError() as error:
            return f"error: {error}"
        case BaseException() as error:
            # Python has no panics: a bug is an exception too, of a type no one expected.
            return f"bug: {error!r}"
        case part:
            return f"ok: {part}"


async def main() -> None:
    # Every outcome, in input order, whatever it is: exceptions come back as values.
    outcomes = await asyncio.gather(
        check("disk", 0.05, fails=False),
        check("network", 0.02, fails=True),
        buggy_check(),
        check("memory", 0.1, fails=False),
        return_exceptions=True,
    )
    for outcome in outcomes:
        print(describe(outcome))


asyncio.run(main())
