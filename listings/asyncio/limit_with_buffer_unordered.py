import asyncio
from collections.abc import Iterator

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


async def worker(job_ids: Iterator[int], in_flight: InFlight) -> list[int]:
    """Takes the next job from `job_ids` whenever its last one is done, until none is left."""
    return [await job(job_id, in_flight) for job_id in job_ids]


async def main() -> None:
    in_flight = InFlight()

    # asyncio has no `buffer_unordered`. The usual way is LIMIT workers sharing one iterator:
    # a job starts only when a worker takes it, so at most LIMIT run at once. Each worker is a
    # task (`gather` wraps it in one), where `buffer_unordered` runs everything in one task.
    job_ids = iter(range(JOBS))
    per_worker = await asyncio.gather(*(worker(job_ids, in_flight) for _ in range(LIMIT)))
    finished = [job_id for results in per_worker for job_id in results]

    print(f"jobs finished: {len(finished)}")
    print(f"most in flight at once: {in_flight.most}")


asyncio.run(main())
