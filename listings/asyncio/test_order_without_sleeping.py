import asyncio
import sys
import unittest

STOP = None


class Worker:
    """The code under test: a worker that runs jobs from a queue, one at a time, and reports
    what it does on `events`."""

    def __init__(self, events):
        self.jobs = asyncio.Queue()
        self.events = events
        self.task = asyncio.create_task(self.run())

    async def run(self):
        while (job := await self.jobs.get()) is not STOP:
            self.events.put_nowait(f"start {job}")
            # The job's work: 50 ms.
            await asyncio.sleep(0.05)
            self.events.put_nowait(f"finish {job}")
        self.events.put_nowait("stopped")

    def submit(self, job):
        self.jobs.put_nowait(job)

    async def shutdown(self):
        """Takes no more jobs, lets the worker finish those it has, and waits until it stops."""
        # A queue cannot be closed before Python 3.13: a marker at its end does the job.
        self.jobs.put_nowait(STOP)
        await self.task


def received(events):
    """Everything `events` holds right now."""
    items = []
    while not events.empty():
        items.append(events.get_nowait())
    return items


class Order(unittest.IsolatedAsyncioTestCase):
    async def test_shutdown_waits_for_the_job_in_progress(self):
        events = asyncio.Queue()
        worker = Worker(events)
        worker.submit(1)

        # Wait until the worker says the job has started, rather than sleeping and hoping.
        self.assertEqual(await events.get(), "start 1")
        await worker.shutdown()
        self.assertEqual(received(events), ["finish 1", "stopped"])

    async def test_runs_jobs_one_at_a_time_in_order(self):
        events = asyncio.Queue()
        worker = Worker(events)
        worker.submit(1)
        worker.submit(2)
        await worker.shutdown()
        expected = ["start 1", "finish 1", "start 2", "finish 2", "stopped"]
        self.assertEqual(received(events), expected)


class Report(unittest.TestResult):
    """Prints one line per test, as cargo test does (unittest's own runner prints timings)."""

    def addSuccess(self, test):
        super().addSuccess(test)
        print(f"test {test.id().rsplit('.', 1)[1]} ... ok")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        print(f"test {test.id().rsplit('.', 1)[1]} ... FAILED")

    addError = addFailure


if __name__ == "__main__":
    tests = unittest.defaultTestLoader.loadTestsFromTestCase(Order)
    print(f"running {tests.countTestCases()} tests")
    report = Report()
    tests.run(report)
    print(f"\ntest result: {'ok' if report.wasSuccessful() else 'FAILED'}. "
          f"{report.testsRun - len(report.failures) - len(report.errors)} passed; "
          f"{len(report.failures) + len(report.errors)} failed")
    sys.exit(0 if report.wasSuccessful() else 1)
