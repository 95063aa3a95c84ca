import asyncio

JOBS = 10
LIMIT = 3


class InFlight:
    """Counts the jobs running right now, and remembers the highest count it has seen."""

    def __init__(self) -> None:
        # Plain integers will do: every task runs on the event loop's one thread.
        self.running = 0
        self.most = 0

    def start(self) -> None:
        self.running += 1
        self.most = max(self.most, self.running)

    def finish(self) -> None:
        self.running -= 1


async def job(job_id: int, in_flight: InFlight) -> int:
    """One job, such as a request to a server that allows only a few at a time: takes 20 ms."""
    in_flight.start()
    await asyncio.sleep(0.02)
    in_flight.finish()
    return job_id


async def main() -> None:
    in_flight = InFlight()
    limit = asyncio.Semaphore(LIMIT)

    async def limited(job_id: int) -> int:
        # Wait for one of the permits; it goes back when the block ends.
        async with limit:
            return await job(job_id, in_flight)

    results = await asyncio.gather(*(limited(job_id) for job_id in range(JOBS)))

    print(f"jobs finished: {len(results)}")
    print(f"most in flight at once: {in_flight.most}")


asyncio.run(main())
